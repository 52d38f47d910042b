using AngleSharp.Dom;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Components.Segments;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Web.Components.Pages.Settings;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Components.Settings;

/// <summary>Settings → Outbox over the real OutboxQueryService: rows, filters, and content that never runs in the page.</summary>
public sealed class OutboxPageTests : MarketingBunitContext, IAsyncLifetime
{
    private CampaignTestStore store = null!;

    public async ValueTask InitializeAsync()
    {
        store = await CreateAsync();
        Services.AddSingleton<TimeProvider>(store.Clock);
        Services.AddSingleton(new OutboxQueryService(store.Database));
        AddAuthorization().SetAuthorized("marketer@example.com");
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await store.DisposeAsync();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    /// <summary>An email whose HTML carries a script and an SMS, both sent to Ani through the outbox.</summary>
    private async Task<(Guid Email, Guid Sms)> SendAsync()
    {
        var segment = await store.SegmentAsync("Friends", Customer("Ani", sms: true));
        var email = await store.EmailCampaignAsync([segment], subject: "Cat week", body: "<p class=\"greeting\">Hello {{ customer.first_name }}</p><script>alert(1)</script>");
        var sms = await store.SmsCampaignAsync([segment], "Hi {{ customer.first_name }}, 20% off today");
        await using (var db = store.Database.CreateDbContext())
            await db.Campaigns.Where(c => c.Id == sms).ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, "SMS sale"), Ct);
        await store.Launcher().LaunchAsync(email, Ct);
        await store.Launcher().LaunchAsync(sms, Ct);
        Assert.Equal(2, (await store.Dispatcher().RunOnceAsync(10, Ct)).Sent);
        return (email, sms);
    }

    [Fact]
    public async Task Lists_messages_and_opens_an_email_in_a_sandboxed_frame_never_as_page_markup()
    {
        await SendAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=outbox-row]").Count));
        var emailRow = Rows(cut).Single(r => r.QuerySelector("[data-testid=outbox-channel]")!.TextContent == "Email");
        Assert.Equal("ani@example.com", emailRow.QuerySelector("[data-testid=outbox-row]")!.TextContent);
        Assert.Equal("November promo", emailRow.QuerySelector("[data-testid=outbox-campaign]")!.TextContent);
        Assert.Equal("Cat week", emailRow.QuerySelector("[data-testid=outbox-summary]")!.TextContent);

        emailRow.QuerySelector("[data-testid=outbox-row]")!.Click();

        var frame = cut.WaitForElement("[data-testid=outbox-html]");
        Assert.Equal("iframe", frame.TagName, ignoreCase: true);
        Assert.Equal("", frame.GetAttribute("sandbox"));
        Assert.Equal("<p class=\"greeting\">Hello Ani</p><script>alert(1)</script>", frame.GetAttribute("srcdoc"));
        Assert.Empty(cut.FindAll(".greeting")); // the HTML is an attribute of the frame, not elements of this page
        Assert.Empty(cut.FindAll("script"));
        Assert.Equal("Cat week", cut.Find("[data-testid=outbox-message-subject]").TextContent);
    }

    [Fact]
    public async Task An_sms_opens_as_text_and_the_channel_filter_narrows_the_rows()
    {
        await SendAsync();
        var cut = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal(2, Rows(cut).Count));

        EditorSelects.Choose(cut, cut.Find("[data-testid=outbox-filters]"), "Channel", "SMS");

        cut.WaitForAssertion(() => Assert.Equal("SMS", Assert.Single(Rows(cut)).QuerySelector("[data-testid=outbox-channel]")!.TextContent));
        Rows(cut)[0].QuerySelector("[data-testid=outbox-row]")!.Click();
        Assert.Equal("Hi Ani, 20% off today", cut.WaitForElement("[data-testid=outbox-text]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=outbox-html]"));
    }

    [Fact]
    public async Task A_campaign_in_the_address_preselects_its_messages()
    {
        var (_, sms) = await SendAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"settings/outbox?campaign={sms}");

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("SMS sale", Assert.Single(Rows(cut)).QuerySelector("[data-testid=outbox-campaign]")!.TextContent));
    }

    [Fact]
    public void With_nothing_sent_the_page_explains_that_development_messages_land_here()
    {
        var cut = RenderPage();

        var intro = cut.WaitForElement("[data-testid=outbox-empty]");
        Assert.Contains("In Development and demos no email or SMS leaves the app", intro.TextContent);
    }

    private IRenderedComponent<IComponent> RenderPage() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<OutboxPage>(2);
        builder.CloseComponent();
    });

    private static List<IElement> Rows(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("tbody tr").Where(r => r.QuerySelector("[data-testid=outbox-row]") is not null).ToList();
}
