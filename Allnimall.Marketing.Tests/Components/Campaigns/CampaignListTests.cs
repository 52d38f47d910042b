using Allnimall.Marketing.Core.Tracking;
using System.Security.Claims;
using AngleSharp.Dom;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Components.Segments;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Campaigns;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Components.Campaigns;

/// <summary>The campaign grid over the real CampaignService and a SQLite database; dates in the store's time zone (Jakarta).</summary>
public sealed class CampaignListTests : MarketingBunitContext, IAsyncLifetime
{
    private CampaignTestStore store = null!;

    public async ValueTask InitializeAsync()
    {
        store = await CreateAsync();
        Services.AddSingleton<TimeProvider>(store.Clock);
        Services.AddSingleton(store.CampaignService());
        Services.AddSingleton(new MessageTemplateRenderer(store.Clock, Options.Create(new MessageTemplateOptions { TimeZoneId = "Asia/Jakarta" })));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await store.DisposeAsync();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>"Welcome kittens", an email draft starting 5 Nov 02:00 UTC; "Flash sale", an SMS campaign sent to two (one failed).</summary>
    private async Task<(Guid Draft, Guid Active)> SeedAsync()
    {
        var segment = await store.SegmentAsync("Friends", Customer("Ani", sms: true), Customer("Budi", sms: true));
        var draft = await store.EmailCampaignAsync([segment]);
        var active = await store.SmsCampaignAsync([segment]);
        await store.Launcher().LaunchAsync(active, Ct);
        await store.Dispatcher().RunOnceAsync(10, Ct);
        await using var db = store.Database.CreateDbContext();
        await db.Campaigns.Where(c => c.Id == draft).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Welcome kittens")
            .SetProperty(c => c.StartDate, new DateTime(2026, 11, 5, 2, 0, 0, DateTimeKind.Utc)), Ct);
        await db.Campaigns.Where(c => c.Id == active).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "Flash sale"), Ct);
        var first = await db.CampaignDeliveries.Where(d => d.CampaignId == active).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync(Ct);
        await db.CampaignDeliveries.Where(d => d.Id == first)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Failed).SetProperty(d => d.LastError, "Invalid number"), Ct);
        return (draft, active);
    }

    private void SignInWith(params string[] permissions)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("staff@example.com");
        auth.SetClaims([new Claim(ClaimTypes.NameIdentifier, store.AdminId), .. permissions.Select(p => new Claim(Permissions.ClaimType, p))]);
    }

    private void SignInAsMarketer() => SignInWith(Permissions.CampaignsView, Permissions.CampaignsManage, Permissions.CampaignsLaunch);

    [Fact]
    public async Task Renders_each_campaign_with_type_status_store_time_dates_and_performance()
    {
        SignInAsMarketer();
        await SeedAsync();

        var cut = RenderList();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var draft = Row(cut, "Welcome kittens");
        Assert.Equal("email", draft.QuerySelector("[data-testid=campaign-type]")!.GetAttribute("data-type"));
        Assert.Equal("draft", draft.QuerySelector("[data-testid=campaign-status]")!.GetAttribute("data-status"));
        Assert.Equal("5 Nov 2026 09:00", draft.QuerySelector("[data-testid=campaign-start]")!.TextContent); // 02:00 UTC in Jakarta
        Assert.Contains("Not sent", draft.QuerySelector("[data-testid=campaign-performance]")!.TextContent);
        Assert.Equal("Dates in the store's time zone, Asia/Jakarta (UTC+07:00).", cut.Find("[data-testid=campaign-time-zone]").TextContent);
        var sale = Row(cut, "Flash sale");
        Assert.Equal("SMS", sale.QuerySelector("[data-testid=campaign-type]")!.TextContent.Trim());
        Assert.Equal("active", sale.QuerySelector("[data-testid=campaign-status]")!.GetAttribute("data-status"));
        var performance = sale.QuerySelector("[data-testid=campaign-performance]")!;
        Assert.Equal(("2", "1", "1"), (performance.GetAttribute("data-recipients"), performance.GetAttribute("data-sent"), performance.GetAttribute("data-failed")));
        Assert.Contains("1 failed", performance.TextContent);
        Assert.Equal($"campaigns/{(await SeedIdsAsync())["Flash sale"]}", sale.QuerySelector("a.campaign-name")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_campaign_known_only_from_its_rollups_shows_the_reported_sends_opens_and_clicks()
    {
        SignInAsMarketer();
        var (draft, _) = await SeedAsync();
        await using (var db = store.Database.CreateDbContext())
        {
            // Two days of history, as the demo store and the email rollup write it; no delivery rows.
            foreach (var (day, sent, opens, clicks) in new[] { (1, 300, 120, 30), (2, 200, 80, 12) })
            {
                var date = new DateOnly(2026, 10, day);
                db.CampaignPerformance.AddRange(
                    new CampaignPerformance { CampaignId = draft, MetricName = EmailMetrics.Sent, MetricValue = sent, MetricDate = date },
                    new CampaignPerformance { CampaignId = draft, MetricName = EmailMetrics.Opens, MetricValue = opens, MetricDate = date },
                    new CampaignPerformance { CampaignId = draft, MetricName = EmailMetrics.Clicks, MetricValue = clicks, MetricDate = date });
            }
            await db.SaveChangesAsync(Ct);
        }

        var cut = RenderList();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var performance = Row(cut, "Welcome kittens").QuerySelector("[data-testid=campaign-performance]")!;
        Assert.Equal(("0", "200", "42"), (performance.GetAttribute("data-recipients"), performance.GetAttribute("data-opens"), performance.GetAttribute("data-clicks")));
        Assert.Contains("500 sent", performance.TextContent);
        Assert.Contains("200 opens · 42 clicks", performance.TextContent);
        Assert.DoesNotContain("Not sent", performance.TextContent);
    }

    [Fact]
    public async Task The_status_filter_asks_the_server_for_that_status_only()
    {
        SignInAsMarketer();
        await SeedAsync();
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        EditorSelects.Choose(cut, cut.Find("[data-testid=campaign-filters]"), "Status", "Active");

        cut.WaitForAssertion(() => Assert.Equal("Flash sale", Assert.Single(Rows(cut)).QuerySelector(".campaign-name")!.TextContent));
        EditorSelects.Choose(cut, cut.Find("[data-testid=campaign-filters]"), "Type", "Email");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=campaigns-no-match]")));
    }

    [Fact]
    public async Task A_marketer_may_delete_a_draft_after_confirming_and_cancel_an_active_campaign_but_not_the_other_way_round()
    {
        SignInAsMarketer();
        var (draft, _) = await SeedAsync();
        var cut = RenderList();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        Assert.Null(Row(cut, "Welcome kittens").QuerySelector("[data-testid=campaign-row-action-cancel]"));
        Assert.NotNull(Row(cut, "Welcome kittens").QuerySelector("[data-testid=campaign-row-action-edit]"));
        Assert.Null(Row(cut, "Flash sale").QuerySelector("[data-testid=campaign-row-action-delete]"));
        Assert.Null(Row(cut, "Flash sale").QuerySelector("[data-testid=campaign-row-action-edit]"));
        Assert.NotNull(Row(cut, "Flash sale").QuerySelector("[data-testid=campaign-row-action-cancel]"));

        Row(cut, "Welcome kittens").QuerySelector("[data-testid=campaign-row-action-delete]")!.Click();
        var dialog = cut.WaitForElement(".mud-dialog");
        Assert.Contains("The draft “Welcome kittens” and its content will be deleted", dialog.TextContent);
        DialogButton(cut, "Delete").Click();

        cut.WaitForAssertion(() => Assert.Equal("Flash sale", Assert.Single(Rows(cut)).QuerySelector(".campaign-name")!.TextContent));
        await using var db = store.Database.CreateDbContext();
        Assert.False(await db.Campaigns.AnyAsync(c => c.Id == draft, Ct));
    }

    [Fact]
    public async Task A_store_owner_sees_the_campaigns_but_no_action_beyond_opening_them()
    {
        SignInWith(Permissions.CampaignsView);
        await SeedAsync();

        var cut = RenderList();

        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));
        var actions = cut.FindAll("[data-testid^=campaign-row-action-]").Select(a => a.GetAttribute("data-testid")).Distinct();
        Assert.Equal(["campaign-row-action-open"], actions);
        Assert.Empty(cut.FindAll("[data-testid=campaign-new]"));
    }

    [Fact]
    public void With_no_campaigns_the_page_says_to_create_one_from_a_template()
    {
        SignInAsMarketer();

        var cut = RenderList();

        var intro = cut.WaitForElement("[data-testid=campaigns-empty]");
        Assert.Contains("No campaigns yet — create one from a template", intro.TextContent);
        Assert.Contains(intro.QuerySelectorAll("a"), a => a.GetAttribute("href") == "campaigns/new");
    }

    [Fact]
    public void A_store_owner_with_no_campaigns_gets_no_button_to_create_one()
    {
        SignInWith(Permissions.CampaignsView);

        var cut = RenderList();

        var intro = cut.WaitForElement("[data-testid=campaigns-empty]");
        Assert.DoesNotContain(intro.QuerySelectorAll("a"), a => a.GetAttribute("href") == "campaigns/new");
    }

    private async Task<Dictionary<string, Guid>> SeedIdsAsync()
    {
        await using var db = store.Database.CreateDbContext();
        return await db.Campaigns.ToDictionaryAsync(c => c.Name, c => c.Id, Ct);
    }

    private IRenderedComponent<IComponent> RenderList() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<CampaignList>(2);
        builder.CloseComponent();
    });

    /// <summary>Data rows only (the "no records" row has a single cell).</summary>
    private static List<IElement> Rows(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("tbody tr").Where(r => r.QuerySelectorAll("td").Length > 1).ToList();

    private static IElement Row(IRenderedComponent<IComponent> cut, string name) =>
        Rows(cut).Single(r => r.QuerySelector(".campaign-name")?.TextContent == name);

    private static IElement DialogButton(IRenderedComponent<IComponent> cut, string text) =>
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);
}
