using System.Security.Claims;
using AngleSharp.Dom;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Campaigns;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Components.Campaigns;

/// <summary>A campaign's page over the real service: live progress (polled on the fake clock), counts, unknown deliveries, actions.</summary>
public sealed class CampaignDetailTests : MarketingBunitContext, IAsyncLifetime
{
    private CampaignTestStore store = null!;
    private Guid segment;

    public async ValueTask InitializeAsync()
    {
        store = await CreateAsync();
        Services.AddSingleton<TimeProvider>(store.Clock);
        Services.AddSingleton(store.CampaignService());
        Services.AddSingleton(new Allnimall.Marketing.Core.Campaigns.Checklist.EmailLaunchChecklist(store.Database,
            new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<DeliveryOptions>(new DeliveryOptions { StoreAddress = "Jl. Kemang 5, Jakarta" })));
        Services.AddSingleton(store.Renderer());
        Services.AddSingleton(new Allnimall.Marketing.Core.Tracking.EmailResultsService(store.Database));
        segment = await store.SegmentAsync("Friends", Customer("Ani"), Customer("Budi"), Customer("Citra"));
        await using var db = store.Database.CreateDbContext();
        await db.Users.Where(u => u.Id == store.AdminId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Dewi Admin"), Ct);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await store.DisposeAsync();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private void SignInWith(params string[] permissions)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("staff@example.com");
        auth.SetClaims([new Claim(ClaimTypes.NameIdentifier, store.AdminId), .. permissions.Select(p => new Claim(Permissions.ClaimType, p))]);
    }

    private void SignInAsMarketer() =>
        SignInWith(Permissions.CampaignsView, Permissions.CampaignsManage, Permissions.CampaignsLaunch, Permissions.CustomersView, Permissions.CustomersPii);

    /// <summary>An email draft to the three friends, created through the service so its history names the admin.</summary>
    private async Task<Guid> DraftAsync(string content = "<p>Hello</p><p>{{ store.address }} <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>")
    {
        var created = await store.CampaignService().CreateAsync(new CampaignForm
        {
            Name = "Cat week", Description = "Treats for cat owners", Type = CampaignType.Email, IncludeSegments = [segment],
            EmailSubject = "Hi {{ customer.first_name }}", EmailContent = content,
        }, store.AdminId, Ct);
        return created.Value!.Id;
    }

    [Fact]
    public async Task A_draft_shows_its_pre_send_checklist_and_cannot_be_launched_while_it_has_errors()
    {
        SignInAsMarketer();
        var bad = RenderDetail(await DraftAsync("<p>Hello</p><img src=\"https://shop.example/cat.png\">"));

        bad.WaitForAssertion(() => Assert.Equal("true", bad.Find("[data-testid=email-checklist]").GetAttribute("data-has-errors")));
        Assert.Equal("error", bad.Find("[data-testid=checklist-unsubscribe]").GetAttribute("data-severity"));
        Assert.Equal("error", bad.Find("[data-testid=checklist-physical_address]").GetAttribute("data-severity"));
        Assert.Equal("warning", bad.Find("[data-testid=checklist-image_alt]").GetAttribute("data-severity"));
        Assert.True(bad.Find("[data-testid=campaign-action-launch]").HasAttribute("disabled"));
        Assert.True(bad.Find("[data-testid=campaign-action-schedule]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_draft_whose_checklist_passes_can_be_launched()
    {
        SignInAsMarketer();
        var good = RenderDetail(await DraftAsync());

        good.WaitForAssertion(() => Assert.Equal("false", good.Find("[data-testid=email-checklist]").GetAttribute("data-has-errors")));
        Assert.Equal("passed", good.Find("[data-testid=checklist-unsubscribe]").GetAttribute("data-severity"));
        Assert.False(good.Find("[data-testid=campaign-action-launch]").HasAttribute("disabled"));
    }

    private async Task<Guid> LaunchedAsync()
    {
        var id = await DraftAsync();
        Assert.True((await store.CampaignService().LaunchAsync(id, store.AdminId, Ct)).Succeeded);
        return id;
    }

    [Fact]
    public async Task Shows_progress_and_counts_and_polls_until_every_delivery_is_handled()
    {
        SignInAsMarketer();
        var id = await LaunchedAsync();
        Assert.Equal(1, (await store.Dispatcher().RunOnceAsync(1, Ct)).Sent);

        var cut = RenderDetail(id);

        cut.WaitForAssertion(() => Assert.Equal("33", cut.Find("[data-testid=campaign-progress]").GetAttribute("data-percent")));
        Assert.Equal("33%", cut.Find("[data-testid=campaign-progress-percent]").TextContent.Trim());
        Assert.Contains("1 of 3 handled · 2 to go", cut.Find("[data-testid=campaign-progress-text]").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=delivery-count-sent]").GetAttribute("data-count"));
        Assert.Equal("2", cut.Find("[data-testid=delivery-count-queued]").GetAttribute("data-count"));
        Assert.NotNull(cut.Find("[data-testid=campaign-sending]"));

        await store.Dispatcher().RunOnceAsync(10, Ct);
        await cut.InvokeAsync(() => store.Clock.Advance(CampaignDetail.PollInterval));

        cut.WaitForAssertion(() => Assert.Equal("100%", cut.Find("[data-testid=campaign-progress-percent]").TextContent.Trim()));
        Assert.Contains("3 of 3 handled", cut.Find("[data-testid=campaign-progress-text]").TextContent);
        Assert.Equal("3", cut.Find("[data-testid=delivery-count-sent]").GetAttribute("data-count"));
        Assert.Equal("0", cut.Find("[data-testid=delivery-count-queued]").GetAttribute("data-count"));
    }

    [Fact]
    public async Task Polling_stops_once_the_campaign_is_no_longer_active()
    {
        SignInAsMarketer();
        var id = await LaunchedAsync();
        var cut = RenderDetail(id);
        cut.WaitForElement("[data-testid=campaign-sending]");

        await store.Dispatcher().RunOnceAsync(10, Ct);
        await using (var db = store.Database.CreateDbContext())
            await db.Campaigns.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Completed), Ct);
        await cut.InvokeAsync(() => store.Clock.Advance(CampaignDetail.PollInterval));

        cut.WaitForAssertion(() => Assert.Equal("completed", cut.Find("[data-testid=campaign-status]").GetAttribute("data-status")));
        Assert.Empty(cut.FindAll("[data-testid=campaign-sending]"));
        Assert.Equal("100%", cut.Find("[data-testid=campaign-progress-percent]").TextContent.Trim());
    }

    [Fact]
    public async Task Unknown_deliveries_are_explained_and_a_marketer_resends_them_after_a_warning()
    {
        SignInAsMarketer();
        var id = await LaunchedAsync();
        await store.Dispatcher().RunOnceAsync(10, Ct);
        var deliveries = await store.DeliveriesAsync();
        await store.MarkUnknownAsync(deliveries.Take(2).Select(d => d.Id));
        await using (var db = store.Database.CreateDbContext())
            await db.OutboxMessages.Where(m => m.DeliveryId != deliveries[2].Id).ExecuteDeleteAsync(Ct);
        var cut = RenderDetail(id);

        var alert = cut.WaitForElement("[data-testid=campaign-unknown-alert]");
        Assert.Contains("2 deliveries have an unknown outcome", alert.TextContent);
        Assert.Contains("no answer was recorded", alert.TextContent);
        Assert.Equal("2", cut.Find("[data-testid=delivery-count-unknown]").GetAttribute("data-count"));
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=delivery-details]"), d => d.TextContent.Contains("may have been sent")));

        cut.Find("[data-testid=campaign-action-resend-unknown]").Click();
        var dialog = cut.WaitForElement(".mud-dialog");
        Assert.Contains("might get the message twice", dialog.TextContent);
        DialogButton(cut, "Resend").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=campaign-unknown-alert]")));
        Assert.Equal(2, (await store.DeliveriesAsync()).Count(d => d.Status == DeliveryStatus.Queued));
        Assert.Equal("2", cut.Find("[data-testid=delivery-count-queued]").GetAttribute("data-count"));
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=campaign-history-entry]"),
            e => e.GetAttribute("data-action") == "resent_unknown" && e.TextContent.Contains("Dewi Admin (admin@test)")));
    }

    [Fact]
    public async Task Filtering_to_unknown_lets_a_marketer_pick_deliveries_and_resend_only_those()
    {
        SignInAsMarketer();
        var id = await LaunchedAsync();
        await store.Dispatcher().RunOnceAsync(10, Ct);
        var deliveries = await store.DeliveriesAsync();
        await store.MarkUnknownAsync(deliveries.Take(2).Select(d => d.Id));
        var cut = RenderDetail(id);
        cut.WaitForAssertion(() => Assert.Equal(3, DeliveryRows(cut).Count));
        Assert.Empty(cut.FindAll("[data-testid=campaign-action-resend-selected]"));

        cut.Find("[data-testid=delivery-count-unknown]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, DeliveryRows(cut).Count));
        Assert.True(cut.Find("[data-testid=campaign-action-resend-selected]").HasAttribute("disabled"));
        DeliveryRows(cut)[0].QuerySelector("input[type=checkbox]")!.Change(true);
        cut.WaitForAssertion(() => Assert.Contains("Resend selected (1)", cut.Find("[data-testid=campaign-action-resend-selected]").TextContent));
        cut.Find("[data-testid=campaign-action-resend-selected]").Click();
        Assert.Contains("1 delivery is sent again", cut.WaitForElement(".mud-dialog").TextContent);
        DialogButton(cut, "Resend").Click();

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=delivery-count-unknown]").GetAttribute("data-count")));
        var after = await store.DeliveriesAsync();
        Assert.Equal((1, 1, 1), (after.Count(d => d.Status == DeliveryStatus.Queued), after.Count(d => d.Status == DeliveryStatus.Unknown),
            after.Count(d => d.Status == DeliveryStatus.Sent)));
    }

    [Fact]
    public async Task A_store_owner_sees_progress_and_unknown_deliveries_but_no_action_and_no_resend()
    {
        SignInWith(Permissions.CampaignsView);
        var id = await LaunchedAsync();
        await store.Dispatcher().RunOnceAsync(10, Ct);
        await store.MarkUnknownAsync((await store.DeliveriesAsync()).Take(1).Select(d => d.Id));

        var cut = RenderDetail(id);

        cut.WaitForElement("[data-testid=campaign-unknown-alert]");
        Assert.NotNull(cut.Find("[data-testid=campaign-progress]"));
        Assert.Empty(cut.FindAll("[data-testid^=campaign-action-]"));
        Assert.Empty(cut.FindAll("[data-testid=campaign-outbox-link]"));
    }

    [Fact]
    public async Task A_draft_offers_edit_schedule_launch_duplicate_and_delete_and_shows_its_content_and_history()
    {
        SignInAsMarketer();
        var id = await DraftAsync();

        var cut = RenderDetail(id);

        cut.WaitForElement("[data-testid=campaign-title]");
        Assert.Equal(["campaign-action-delete", "campaign-action-duplicate", "campaign-action-edit", "campaign-action-launch", "campaign-action-schedule"],
            ActionIds(cut));
        Assert.Equal($"campaigns/{id}/edit", cut.Find("[data-testid=campaign-action-edit]").GetAttribute("href"));
        Assert.Equal("Treats for cat owners", cut.Find("[data-testid=campaign-description]").TextContent);
        Assert.Equal("Hi {{ customer.first_name }}", cut.Find("[data-testid=campaign-content-subject]").TextContent);
        Assert.Equal("3", cut.Find("[data-kpi=Audience]").TextContent); // reachable now: all three have email consent
        Assert.Empty(cut.FindAll("[data-testid=campaign-progress]"));
        var created = Assert.Single(cut.FindAll("[data-testid=campaign-history-entry]"));
        Assert.Equal("Dewi Admin (admin@test)", created.QuerySelector("[data-testid=campaign-history-user]")!.TextContent);
    }

    [Fact]
    public async Task Launch_asks_first_then_the_campaign_is_active_with_live_progress_and_pause_and_cancel()
    {
        SignInAsMarketer();
        var id = await DraftAsync();
        var cut = RenderDetail(id);

        cut.WaitForElement("[data-testid=campaign-action-launch]").Click();
        var dialog = cut.WaitForElement(".mud-dialog");
        Assert.Contains("starts sending now to 3 customers", dialog.TextContent);
        DialogButton(cut, "Launch").Click();

        cut.WaitForAssertion(() => Assert.Equal("active", cut.Find("[data-testid=campaign-status]").GetAttribute("data-status")));
        Assert.Equal("0", cut.Find("[data-testid=campaign-progress]").GetAttribute("data-percent"));
        Assert.NotNull(cut.Find("[data-testid=campaign-sending]"));
        Assert.Equal(["campaign-action-cancel", "campaign-action-duplicate", "campaign-action-pause"], ActionIds(cut));
        Assert.Equal(3, (await store.DeliveriesAsync()).Count);
    }

    [Fact]
    public async Task Failed_deliveries_show_their_error_and_the_grid_filters_by_status()
    {
        SignInAsMarketer();
        var id = await LaunchedAsync();
        await store.Dispatcher().RunOnceAsync(10, Ct);
        await using (var db = store.Database.CreateDbContext())
        {
            var first = (await store.DeliveriesAsync())[0].Id;
            await db.CampaignDeliveries.Where(d => d.Id == first).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.LastError, "Mailbox does not exist"), Ct);
        }
        var cut = RenderDetail(id);
        cut.WaitForAssertion(() => Assert.Equal(3, DeliveryRows(cut).Count));

        cut.Find("[data-testid=delivery-count-failed]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Mailbox does not exist",
            Assert.Single(DeliveryRows(cut)).QuerySelector("[data-testid=delivery-details]")!.TextContent));
    }

    private static List<string?> ActionIds(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("[data-testid^=campaign-action-]").Select(a => a.GetAttribute("data-testid")).Order().ToList();

    private static List<IElement> DeliveryRows(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("tbody tr").Where(r => r.QuerySelector("[data-testid=delivery-status]") is not null).ToList();

    private IRenderedComponent<IComponent> RenderDetail(Guid id) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<CampaignDetail>(2);
        builder.AddAttribute(3, nameof(CampaignDetail.Id), id);
        builder.CloseComponent();
    });

    private static IElement DialogButton(IRenderedComponent<IComponent> cut, string text) =>
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);
}
