using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Tracking;

public sealed class CampaignPerformanceRollupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    private const string Body = """<a href="https://toko.example/a">a</a><a href="https://toko.example/b">b</a>""";

    [Fact]
    public async Task Daily_rows_count_sends_bounces_human_opens_and_clicks_and_unsubscribes_and_a_rerun_changes_nothing()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var (campaignId, _) = await store.SendTrackedAsync(Body,
            CampaignTestStore.Customer("Ani"), CampaignTestStore.Customer("Budi"), CampaignTestStore.Customer("Citra"), CampaignTestStore.Customer("Dewi"));
        var d = (await store.DeliveriesAsync()).Select(x => x.Id).ToList();
        await using (var db = store.Database.CreateDbContext())
            // Dewi's address hard-bounced after the send.
            await db.CampaignDeliveries.Where(x => x.Id == d[3]).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DeliveryStatus.Failed), Ct);
        var day1 = CampaignTestStore.Now;
        var day2 = day1.AddDays(1);
        await store.TrackingWriter().WriteAsync([
            new(d[0], TrackingTokenKind.Open, 0, day1.AddHours(1), Browser),
            new(d[0], TrackingTokenKind.Open, 0, day2.AddHours(1), Browser),
            new(d[1], TrackingTokenKind.Open, 0, day2.AddHours(2), Browser),
            new(d[2], TrackingTokenKind.Open, 0, day1.AddSeconds(1), "GoogleImageProxy"),
            new(d[0], TrackingTokenKind.Click, 0, day1.AddHours(1), Browser, "https://toko.example/a"),
            new(d[0], TrackingTokenKind.Click, 0, day2.AddHours(1), Browser, "https://toko.example/a"),
            new(d[1], TrackingTokenKind.Click, 1, day2.AddHours(2), Browser, "https://toko.example/b"),
            new(d[2], TrackingTokenKind.Click, 1, day1.AddSeconds(2), "Mimecast scanner", "https://toko.example/b"),
        ], Ct);
        store.Clock.Advance(TimeSpan.FromDays(1.5));
        await store.Unsubscribe().UnsubscribeAsync(d[2], UnsubscribeSources.OneClick, Ct);
        var rollup = new CampaignPerformanceRollup(store.Database, store.Clock);

        Assert.Equal(1, await rollup.RunAsync(ct: Ct));
        var first = await MetricsAsync(store, campaignId);
        await rollup.RunAsync(ct: Ct);

        Assert.Equal(first, await MetricsAsync(store, campaignId));
        var today = DateOnly.FromDateTime(day1);
        var tomorrow = today.AddDays(1);
        Assert.Equal(4, first[(today, EmailMetrics.Sent)]);
        Assert.Equal(1, first[(today, EmailMetrics.Bounced)]);
        Assert.Equal(3, first[(today, EmailMetrics.Delivered)]);
        Assert.Equal((1, 2), (first[(today, EmailMetrics.Opens)], first[(tomorrow, EmailMetrics.Opens)]));
        Assert.Equal((1, 1), (first[(today, EmailMetrics.UniqueOpens)], first[(tomorrow, EmailMetrics.UniqueOpens)]));
        Assert.Equal((1, 2), (first[(today, EmailMetrics.Clicks)], first[(tomorrow, EmailMetrics.Clicks)]));
        Assert.Equal((1, 1), (first[(today, EmailMetrics.UniqueClicks)], first[(tomorrow, EmailMetrics.UniqueClicks)]));
        Assert.Equal(1, first[(tomorrow, EmailMetrics.Unsubscribes)]);

        var results = await new EmailResultsService(store.Database).GetAsync(campaignId, Ct);
        Assert.Equal((4, 3, 1, 3, 2, 3, 2, 1), (results.Sent, results.Delivered, results.Bounced, results.Opens, results.UniqueOpens,
            results.Clicks, results.UniqueClicks, results.Unsubscribes));
        Assert.Equal([new LinkClicks("https://toko.example/a", 2, 1), new LinkClicks("https://toko.example/b", 1, 1)], results.Links);
    }

    private static async Task<Dictionary<(DateOnly, string), int>> MetricsAsync(CampaignTestStore store, Guid campaignId)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.CampaignPerformance.AsNoTracking().Where(p => p.CampaignId == campaignId)
            .ToDictionaryAsync(p => (p.MetricDate, p.MetricName), p => (int)p.MetricValue, Ct);
    }
}
