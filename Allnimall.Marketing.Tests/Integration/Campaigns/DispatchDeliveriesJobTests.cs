using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

public sealed class DispatchDeliveriesJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DispatchDeliveriesJob Job(CampaignTestStore store, DispatchRecoveryState? process = null, IChannelTransport? transport = null) =>
        new(store.Database, store.Dispatcher(transport), process ?? new DispatchRecoveryState(),
            Microsoft.Extensions.Options.Options.Create(store.Options), store.Clock, NullLogger<DispatchDeliveriesJob>.Instance)
        { CancellationToken = Ct };

    private static async Task<CampaignStatus> StatusAsync(CampaignTestStore store, Guid campaignId)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Status).SingleAsync(Ct);
    }

    private static async Task<Guid> LaunchedAsync(CampaignTestStore store, Guid segment, bool sms = false)
    {
        var campaignId = sms ? await store.SmsCampaignAsync([segment]) : await store.EmailCampaignAsync([segment]);
        Assert.Equal(LaunchOutcome.Launched, (await store.Launcher().LaunchAsync(campaignId, Ct)).Outcome);
        return campaignId;
    }

    [Fact]
    public async Task Sends_every_batch_in_one_run_and_completes_the_campaign_when_sending_finished()
    {
        await using var store = await CreateAsync();
        store.Options.DispatchBatchSize = 4;
        var campaignId = await LaunchedAsync(store, await store.SegmentAsync("All", Enumerable.Range(0, 10).Select(i => Customer($"C{i}")).ToArray()));

        await Job(store).Invoke();

        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Equal(10, (await store.OutboxAsync()).Count);
        Assert.Equal(CampaignStatus.Completed, await StatusAsync(store, campaignId));
        // Completed once, by the system, and a second run writes no second entry.
        await Job(store).Invoke();
        Assert.Equal([(CampaignAction.Completed, CampaignStatus.Active, CampaignStatus.Completed, false)], await store.HistoryAsync(campaignId));
    }

    [Fact]
    public async Task A_campaign_with_a_retry_pending_stays_active_until_the_retry_is_answered()
    {
        await using var store = await CreateAsync();
        var campaignId = await LaunchedAsync(store, await store.SegmentAsync("All", Customer("Ani"), Customer("Budi")));
        var calls = 0;
        var flaky = new ScriptedTransport(m => m.Recipient == "ani@example.com" && Interlocked.Increment(ref calls) == 1
            ? new TransportResult.TransientFailure("busy") : new TransportResult.Sent($"p-{m.DeliveryId}"));

        await Job(store, transport: flaky).Invoke();
        Assert.Equal(CampaignStatus.Active, await StatusAsync(store, campaignId));

        store.Clock.Advance(store.Options.MaxRetryDelay);
        await Job(store, transport: flaky).Invoke();
        Assert.Equal(CampaignStatus.Completed, await StatusAsync(store, campaignId));
        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
    }

    [Fact]
    public async Task Paused_campaigns_and_campaigns_without_deliveries_are_not_completed()
    {
        await using var store = await CreateAsync();
        var segment = await store.SegmentAsync("All", Customer("Ani"));
        var paused = await LaunchedAsync(store, segment);
        await RunDueCampaignsJobTests.SetAsync(store, paused, CampaignStatus.Paused);
        var empty = await store.EmailCampaignAsync([segment]);
        await RunDueCampaignsJobTests.SetAsync(store, empty, CampaignStatus.Active);

        await Job(store).Invoke();

        Assert.Equal(CampaignStatus.Paused, await StatusAsync(store, paused));
        Assert.Equal(CampaignStatus.Active, await StatusAsync(store, empty));
        Assert.Empty(await store.OutboxAsync());
    }

    [Fact]
    public async Task Frequency_cap_skips_a_customer_who_already_got_enough_messages_on_the_channel()
    {
        await using var store = await CreateAsync();
        store.Options.FrequencyCapMessages = 2;
        store.Options.FrequencyCapDays = 7;
        var ani = Customer("Ani", sms: true);
        var budi = Customer("Budi", sms: true);
        var both = await store.SegmentAsync("Both", ani, budi);
        var aniOnly = await store.SegmentAsync("Ani", ani);
        await LaunchedAsync(store, aniOnly);
        await Job(store).Invoke();
        store.Clock.Advance(TimeSpan.FromDays(1));
        await LaunchedAsync(store, aniOnly);
        await Job(store).Invoke();
        store.Clock.Advance(TimeSpan.FromDays(1));

        var third = await LaunchedAsync(store, both);
        var sms = await LaunchedAsync(store, both, sms: true);
        await Job(store).Invoke();

        var deliveries = await store.DeliveriesAsync();
        var capped = Assert.Single(deliveries, d => d.Status == DeliveryStatus.Skipped);
        Assert.Equal((third, ani.Id, DeliveryChannel.Email, "frequency cap"), (capped.CampaignId, capped.CustomerId, capped.Channel, capped.SkipReason));
        Assert.Equal(2, deliveries.Count(d => d.CampaignId == sms && d.Status == DeliveryStatus.Sent)); // other channel is not capped
        Assert.Equal(DeliveryStatus.Sent, deliveries.Single(d => d.CampaignId == third && d.CustomerId == budi.Id).Status);
        Assert.Equal(CampaignStatus.Completed, await StatusAsync(store, third)); // skipped counts as finished

        // Out of the 7-day window the customer can be reached again.
        store.Clock.Advance(TimeSpan.FromDays(6));
        var later = await LaunchedAsync(store, aniOnly);
        await Job(store).Invoke();
        Assert.Equal(DeliveryStatus.Sent, (await store.DeliveriesAsync()).Single(d => d.CampaignId == later).Status);
    }

    [Fact]
    public async Task Rate_limit_spaces_hand_overs_per_channel_on_the_clock()
    {
        // T10: 10 emails/s and 2 SMS/s; the test pacer advances the fake clock instead of waiting.
        await using var store = await CreateAsync();
        store.Options.EmailPerSecond = 10;
        store.Options.SmsPerSecond = 2;
        store.Options.DispatchBatchSize = 7;
        store.Options.DispatchRunTime = TimeSpan.FromHours(1);
        var customers = Enumerable.Range(0, 30).Select(i => Customer($"C{i:D2}", sms: i < 6)).ToArray();
        var segment = await store.SegmentAsync("All", customers);
        await LaunchedAsync(store, segment);
        await LaunchedAsync(store, segment, sms: true);
        var handedAt = new List<(DeliveryChannel Channel, DateTimeOffset At)>();
        var transport = new ScriptedTransport(m =>
        {
            lock (handedAt) handedAt.Add((m.Channel, store.Clock.GetUtcNow()));
            return new TransportResult.Sent($"p-{m.DeliveryId}");
        });

        await Job(store, transport: transport).Invoke();

        Assert.Equal(30, handedAt.Count(h => h.Channel == DeliveryChannel.Email));
        Assert.Equal(6, handedAt.Count(h => h.Channel == DeliveryChannel.Sms));
        foreach (var (channel, rate) in new[] { (DeliveryChannel.Email, 10), (DeliveryChannel.Sms, 2) })
        {
            var times = handedAt.Where(h => h.Channel == channel).Select(h => h.At).Order().ToList();
            // In any one-second window, no more than the rate plus one (the window's closing edge).
            Assert.All(times, t => Assert.True(times.Count(o => o >= t && o < t.AddSeconds(1)) <= rate,
                $"{channel}: more than {rate} sends in the second after {t:O}"));
        }
        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
    }

    [Fact]
    public async Task Cancel_while_waiting_for_the_rate_limit_returns_the_rest_to_the_queue_not_to_unknown()
    {
        await using var store = await CreateAsync();
        store.Options.EmailPerSecond = 1;
        await LaunchedAsync(store, await store.SegmentAsync("All", Customer("Ani"), Customer("Budi"), Customer("Cici")));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var pacer = new DeliveryPacer(new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<DeliveryOptions>(store.Options), store.Clock, (_, _) =>
        {
            stop.Cancel(); // the host shuts down while the second email waits for its slot
            return Task.FromCanceled(stop.Token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Dispatcher(pacer: pacer).RunOnceAsync(10, stop.Token));

        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(1, deliveries.Count(d => d.Status == DeliveryStatus.Sent));
        Assert.All(deliveries.Where(d => d.Status != DeliveryStatus.Sent), d =>
            Assert.Equal((DeliveryStatus.Queued, 0, (Guid?)null), (d.Status, d.Attempts, d.ClaimToken)));
        Assert.Single(await store.OutboxAsync());
    }

    [Fact]
    public async Task Restarted_process_recovers_in_flight_rows_once_and_sends_the_rest_exactly_once()
    {
        // T12 with T2's policy: process A claimed a batch and died mid-send; process B (a new recovery state, new
        // job instances) marks A's expired claims unknown and sends everything else once.
        await using var store = await CreateAsync();
        var campaignId = await LaunchedAsync(store, await store.SegmentAsync("All", Enumerable.Range(0, 8).Select(i => Customer($"C{i}")).ToArray()));
        await using (var db = store.Database.CreateDbContext())
        {
            var inFlight = await db.CampaignDeliveries.OrderBy(d => d.Id).Take(3).Select(d => d.Id).ToListAsync(Ct);
            await db.CampaignDeliveries.Where(d => inFlight.Contains(d.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sending).SetProperty(d => d.Attempts, 1)
                .SetProperty(d => d.ClaimToken, Guid.NewGuid()).SetProperty(d => d.ClaimedUntil, Now + store.Options.ClaimLease), Ct);
        }
        store.Clock.Advance(store.Options.ClaimLease + TimeSpan.FromSeconds(1));

        var processB = new DispatchRecoveryState();
        await Job(store, processB).Invoke();
        await Job(store, processB).Invoke();

        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(3, deliveries.Count(d => d.Status == DeliveryStatus.Unknown));
        Assert.Equal(5, deliveries.Count(d => d.Status == DeliveryStatus.Sent));
        var outbox = await store.OutboxAsync();
        Assert.Equal(5, outbox.Count);
        Assert.Equal(5, outbox.Select(m => m.DeliveryId).Distinct().Count());
        Assert.Equal(CampaignStatus.Completed, await StatusAsync(store, campaignId));
    }

    [Fact]
    public async Task Recovery_runs_once_per_process_so_a_live_claim_of_a_later_run_is_not_touched()
    {
        await using var store = await CreateAsync();
        await LaunchedAsync(store, await store.SegmentAsync("All", Customer("Ani")));
        var process = new DispatchRecoveryState();
        await Job(store, process).Invoke(); // the process's first run recovers (nothing to recover yet)
        var lateClaim = await LaunchedAsync(store, await store.SegmentAsync("Late", Customer("Budi")));
        await using (var db = store.Database.CreateDbContext())
            await db.CampaignDeliveries.Where(d => d.CampaignId == lateClaim).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Sending).SetProperty(d => d.ClaimedUntil, Now.AddSeconds(-1)), Ct);

        await Job(store, process).Invoke();

        Assert.Equal(DeliveryStatus.Sending, (await store.DeliveriesAsync()).Single(d => d.CampaignId == lateClaim).Status);
        await Job(store, new DispatchRecoveryState()).Invoke();
        Assert.Equal(DeliveryStatus.Unknown, (await store.DeliveriesAsync()).Single(d => d.CampaignId == lateClaim).Status);
    }
}
