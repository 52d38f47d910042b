using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Integration.Tracking;
using Allnimall.Marketing.Web.Components.Pages.Campaigns;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Components.Campaigns;

/// <summary>The email results section of a campaign's page, over the real rollup and results service.</summary>
public sealed class EmailResultsPanelTests : MarketingBunitContext, IAsyncLifetime
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    private CampaignTestStore store = null!;

    public async ValueTask InitializeAsync()
    {
        store = await CreateAsync();
        Services.AddSingleton(new EmailResultsService(store.Database));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await store.DisposeAsync();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shows_delivered_opens_clicks_unsubscribes_and_clicks_per_link_as_text()
    {
        var (campaignId, _) = await store.SendTrackedAsync("""<a href="https://toko.example/a?x=<b>">a</a>""", Customer("Ani"), Customer("Budi"));
        var d = (await store.DeliveriesAsync()).Select(x => x.Id).ToList();
        await store.TrackingWriter().WriteAsync([
            new(d[0], TrackingTokenKind.Open, 0, Now.AddHours(1), Browser),
            new(d[0], TrackingTokenKind.Click, 0, Now.AddHours(1), Browser, "https://toko.example/a?x=<b>"),
            new(d[0], TrackingTokenKind.Click, 0, Now.AddHours(2), Browser, "https://toko.example/a?x=<b>"),
            new(d[1], TrackingTokenKind.Open, 0, Now.AddSeconds(1), "GoogleImageProxy"),
        ], Ct);
        await store.Unsubscribe().UnsubscribeAsync(d[1], UnsubscribeSources.OneClick, Ct);
        await new CampaignPerformanceRollup(store.Database, store.Clock).RunAsync(ct: Ct);

        var cut = Render<EmailResultsPanel>(p => p.Add(c => c.CampaignId, campaignId));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=email-results-values]")));
        var values = cut.Find("[data-testid=email-results-values]");
        Assert.Equal(("2", "0", "1", "1", "1", "2", "1"), (values.GetAttribute("data-delivered"), values.GetAttribute("data-bounced"),
            values.GetAttribute("data-unique-opens"), values.GetAttribute("data-opens"), values.GetAttribute("data-unique-clicks"),
            values.GetAttribute("data-clicks"), values.GetAttribute("data-unsubscribes")));
        Assert.Contains("50.0%", cut.Markup);
        var link = Assert.Single(cut.FindAll("[data-testid=email-results-link]"));
        Assert.Equal("https://toko.example/a?x=<b>", link.QuerySelector("td")!.TextContent);
        Assert.Empty(link.QuerySelectorAll("a, b"));
        // Opens over time: the one human open (the image proxy's is left out), in the second hourly bucket after the send.
        var chart = cut.Find("[data-testid=email-results-opens-over-time]");
        Assert.Equal(("2", "1"), (chart.GetAttribute("data-points"), chart.GetAttribute("data-opens")));
        Assert.NotEmpty(chart.QuerySelectorAll("svg"));
    }

    [Fact]
    public void Says_when_there_are_no_results_yet()
    {
        var cut = Render<EmailResultsPanel>(p => p.Add(c => c.CampaignId, Guid.NewGuid()));

        cut.WaitForAssertion(() => Assert.Contains("No results yet", cut.Find("[data-testid=email-results-empty]").TextContent));
    }
}
