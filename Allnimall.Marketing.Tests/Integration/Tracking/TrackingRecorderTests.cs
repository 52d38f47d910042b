using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Unit.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Integration.Tracking;

public sealed class TrackingRecorderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Browser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
    private const string Body = """<a href="https://toko.example/a">a</a><a href="https://toko.example/b">b</a><a href="https://toko.example/c">c</a>""";

    [Fact]
    public async Task T15_opens_and_clicks_become_engagement_rows_with_machine_and_scanner_traffic_flagged()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var (campaignId, _) = await store.SendTrackedAsync(Body, CampaignTestStore.Customer("Ani"), CampaignTestStore.Customer("Budi"));
        var deliveries = await store.DeliveriesAsync();
        var (ani, budi) = (deliveries[0].Id, deliveries[1].Id);
        var sent = CampaignTestStore.Now;

        await store.TrackingWriter().WriteAsync([
            new(ani, TrackingTokenKind.Open, 0, sent.AddMinutes(30), Browser),
            new(ani, TrackingTokenKind.Open, 0, sent.AddMinutes(1), "Mozilla/5.0 (via ggpht.com GoogleImageProxy)"),
            new(ani, TrackingTokenKind.Click, 1, sent.AddMinutes(31), Browser, "https://toko.example/b"),
            // A gateway following every link of Budi's email within a second.
            new(budi, TrackingTokenKind.Click, 0, sent.AddMinutes(5), Browser, "https://toko.example/a"),
            new(budi, TrackingTokenKind.Click, 1, sent.AddMinutes(5).AddMilliseconds(300), Browser, "https://toko.example/b"),
            new(budi, TrackingTokenKind.Click, 2, sent.AddMinutes(5).AddMilliseconds(600), Browser, "https://toko.example/c"),
            new(budi, TrackingTokenKind.Click, 0, sent.AddMinutes(9), Browser, "https://toko.example/a", IsHead: true),
            new(Guid.NewGuid(), TrackingTokenKind.Open, 0, sent.AddMinutes(9), Browser),
        ], Ct);

        await using var db = store.Database.CreateDbContext();
        var rows = await db.CustomerEngagement.AsNoTracking().Where(e => e.DeliveryId != null).OrderBy(e => e.EngagementDate).ToListAsync(Ct);
        Assert.Equal(7, rows.Count);
        Assert.All(rows, r => Assert.Equal(campaignId, r.CampaignId));
        Assert.Equal([true, false, false], rows.Where(r => r.DeliveryId == ani).Select(r => r.IsAutomated));
        Assert.All(rows.Where(r => r.DeliveryId == budi), r => Assert.True(r.IsAutomated));
        var click = rows.Single(r => r.DeliveryId == ani && r.EngagementType == EngagementTypes.EmailClick);
        Assert.Equal(1, click.LinkIndex);
        Assert.Contains("\"url\":\"https://toko.example/b\"", click.EngagementData);
    }

    [Fact]
    public async Task A_clean_shutdown_writes_every_buffered_event()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        await store.SendTrackedAsync(Body, CampaignTestStore.Customer("Ani"));
        var delivery = Assert.Single(await store.DeliveriesAsync()).Id;
        var options = Options.Create(TrackingTestSigner.Options());
        options.Value.RecorderBatchSize = 100;
        var recorder = new TrackingRecorder(options, new TrackingEventWriter(store.Database, options));
        var service = new TrackingRecorderService(recorder, NullLogger<TrackingRecorderService>.Instance);

        await service.StartAsync(Ct);
        for (var i = 0; i < 1_000; i++)
            Assert.True(recorder.TryRecord(new(delivery, TrackingTokenKind.Open, 0, CampaignTestStore.Now.AddHours(1), Browser)));
        await service.StopAsync(Ct);

        Assert.False(recorder.TryRecord(new(delivery, TrackingTokenKind.Open, 0, CampaignTestStore.Now.AddHours(1), Browser)));
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(1_000, await db.CustomerEngagement.CountAsync(e => e.EngagementType == EngagementTypes.EmailOpen, Ct));
        Assert.Equal(1, recorder.Dropped);
    }

    [Fact]
    public async Task T46_a_full_buffer_drops_and_counts_instead_of_blocking()
    {
        var options = Options.Create(TrackingTestSigner.Options());
        options.Value.RecorderCapacity = 2;
        await using var store = await CampaignTestStore.CreateAsync();
        var recorder = new TrackingRecorder(options, new TrackingEventWriter(store.Database, options));
        var open = new TrackingEvent(Guid.NewGuid(), TrackingTokenKind.Open, 0, CampaignTestStore.Now, Browser);

        Assert.Equal([true, true, false], new[] { recorder.TryRecord(open), recorder.TryRecord(open), recorder.TryRecord(open) });
        Assert.Equal(1, recorder.Dropped);
    }
}
