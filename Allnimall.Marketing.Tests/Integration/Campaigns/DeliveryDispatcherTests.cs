using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.EntityFrameworkCore;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

public sealed class DeliveryDispatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Guid> LaunchedEmailCampaignAsync(CampaignTestStore store, int recipients)
    {
        var segment = await store.SegmentAsync("All", Enumerable.Range(0, recipients).Select(i => Customer($"C{i:D4}")).ToArray());
        var campaignId = await store.EmailCampaignAsync([segment]);
        Assert.Equal(recipients, (await store.Launcher().LaunchAsync(campaignId, Ct)).Queued);
        return campaignId;
    }

    [Fact]
    public async Task Sends_rendered_messages_through_the_outbox_and_records_sent_and_engagement()
    {
        await using var store = await CreateAsync();
        var ani = Customer("Ani");
        ani.FirstName = "Ani <b>";
        var segment = await store.SegmentAsync("All", ani, Customer("Budi"));
        var campaignId = await store.EmailCampaignAsync([segment]);
        await store.Launcher().LaunchAsync(campaignId, Ct);
        store.Clock.Advance(TimeSpan.FromSeconds(5));

        var result = await store.Dispatcher().RunOnceAsync(10, Ct);

        Assert.Equal(new DispatchResult(2, 2, 0, 0, 0), result);
        var outbox = await store.OutboxAsync();
        var toAni = Assert.Single(outbox, m => m.Recipient == "ani@example.com");
        Assert.Equal("Hi Ani <b>", toAni.Subject); // subject is plain text
        Assert.Equal("<p>Hello Ani &lt;b&gt; from Allnimall Pet Store</p>", toAni.Body); // HTML body is encoded
        Assert.Equal(DeliveryChannel.Email, toAni.Channel);
        var deliveries = await store.DeliveriesAsync();
        Assert.All(deliveries, d =>
        {
            Assert.Equal(DeliveryStatus.Sent, d.Status);
            Assert.Equal(1, d.Attempts);
            Assert.Equal(Now.AddSeconds(5), d.SentAt);
            Assert.Equal($"outbox:{outbox.Single(m => m.DeliveryId == d.Id).Id}", d.ProviderMessageId);
            Assert.Null(d.ClaimedUntil);
        });
        await using var db = store.Database.CreateDbContext();
        var engagement = await db.CustomerEngagement.Where(e => e.CampaignId == campaignId).ToListAsync(Ct);
        Assert.Equal(deliveries.Select(d => d.CustomerId).Order(), engagement.Select(e => e.CustomerId).Order());
        Assert.All(engagement, e => Assert.Equal(EngagementTypes.EmailSent, e.EngagementType));

        Assert.Equal(0, (await store.Dispatcher().RunOnceAsync(10, Ct)).Claimed);
        Assert.Equal(2, (await store.OutboxAsync()).Count);
    }

    [Fact]
    public async Task Sms_body_is_plain_text_and_recorded_as_sms_sent()
    {
        await using var store = await CreateAsync();
        var customer = Customer("Tom & Jerry", email: false, sms: true);
        var campaignId = await store.SmsCampaignAsync([await store.SegmentAsync("All", customer)]);
        await store.Launcher().LaunchAsync(campaignId, Ct);

        await store.Dispatcher().RunOnceAsync(10, Ct);

        var message = Assert.Single(await store.OutboxAsync());
        Assert.Equal((customer.Phone, "Promo for Tom & Jerry", (string?)null), (message.Recipient, message.Body, message.Subject));
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(EngagementTypes.SmsSent, (await db.CustomerEngagement.SingleAsync(Ct)).EngagementType);
    }

    [Fact]
    public async Task Deliveries_of_a_paused_campaign_are_not_claimed()
    {
        await using var store = await CreateAsync();
        var campaignId = await LaunchedEmailCampaignAsync(store, 3);
        await using (var db = store.Database.CreateDbContext())
            await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Paused), Ct);

        Assert.Equal(0, (await store.Dispatcher().RunOnceAsync(10, Ct)).Claimed);
        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal((DeliveryStatus.Queued, 0), (d.Status, d.Attempts)));
    }

    [Fact]
    public async Task Transient_failures_retry_with_growing_jittered_backoff_then_fail_after_max_attempts()
    {
        await using var store = await CreateAsync();
        store.Options.MaxAttempts = 3;
        store.Options.BaseRetryDelay = TimeSpan.FromMinutes(1);
        await LaunchedEmailCampaignAsync(store, 1);
        var transport = new ScriptedTransport(_ => new TransportResult.TransientFailure("421 try later"));
        var dispatcher = store.Dispatcher(transport);

        Assert.Equal(1, (await dispatcher.RunOnceAsync(10, Ct)).Retrying);
        var first = Assert.Single(await store.DeliveriesAsync());
        Assert.Equal((DeliveryStatus.Queued, 1, "421 try later"), (first.Status, first.Attempts, first.LastError));
        Assert.InRange(first.NextAttemptAt, Now.AddSeconds(30), Now.AddMinutes(1));
        Assert.Equal(0, (await dispatcher.RunOnceAsync(10, Ct)).Claimed); // not due yet

        store.Clock.Advance(first.NextAttemptAt - Now);
        Assert.Equal(1, (await dispatcher.RunOnceAsync(10, Ct)).Retrying);
        var second = Assert.Single(await store.DeliveriesAsync());
        Assert.Equal(2, second.Attempts);
        Assert.InRange(second.NextAttemptAt - first.NextAttemptAt, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2));

        store.Clock.Advance(second.NextAttemptAt - first.NextAttemptAt);
        Assert.Equal(1, (await dispatcher.RunOnceAsync(10, Ct)).Failed);
        var last = Assert.Single(await store.DeliveriesAsync());
        Assert.Equal((DeliveryStatus.Failed, 3), (last.Status, last.Attempts));
        Assert.StartsWith("Gave up after 3 attempts", last.LastError);
        Assert.Equal(3, transport.Received.Count);
    }

    [Fact]
    public async Task Permanent_failure_fails_at_once_and_a_bad_template_is_a_permanent_failure()
    {
        await using var store = await CreateAsync();
        var segment = await store.SegmentAsync("All", Customer("Ani"));
        var rejected = await store.EmailCampaignAsync([segment]);
        var broken = await store.EmailCampaignAsync([segment], body: "{% for i in (1..10000000) %}x{% endfor %}");
        await store.Launcher().LaunchAsync(rejected, Ct);
        await store.Launcher().LaunchAsync(broken, Ct);
        var transport = new ScriptedTransport(_ => new TransportResult.PermanentFailure("550 no such user"));

        Assert.Equal(2, (await store.Dispatcher(transport).RunOnceAsync(10, Ct)).Failed);

        var deliveries = await store.DeliveriesAsync();
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Failed, d.Status));
        Assert.Equal(1, deliveries.Single(d => d.CampaignId == rejected).Attempts);
        Assert.Equal(0, deliveries.Single(d => d.CampaignId == broken).Attempts); // never handed to the transport
        Assert.Equal("550 no such user", deliveries.Single(d => d.CampaignId == rejected).LastError);
        Assert.NotEqual("550 no such user", deliveries.Single(d => d.CampaignId == broken).LastError);
        Assert.Single(transport.Received); // the unrenderable message never reached the transport
    }

    [Fact]
    public async Task A_transport_that_throws_leaves_the_delivery_unknown_and_it_is_not_resent()
    {
        // T7: the provider took the message, then the connection dropped before its answer: unknown, counted, never retried.
        await using var store = await CreateAsync();
        await LaunchedEmailCampaignAsync(store, 1);
        var transport = new ScriptedTransport(_ => throw new IOException("connection lost after DATA"));

        Assert.Equal(1, (await store.Dispatcher(transport).RunOnceAsync(10, Ct)).Unknown);
        store.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await store.Dispatcher(transport).RunOnceAsync(10, Ct)).Claimed);

        var delivery = Assert.Single(await store.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Unknown, delivery.Status);
        Assert.Contains("connection lost after DATA", delivery.LastError);
        Assert.Single(transport.Received);
    }

    [Fact]
    public async Task After_a_crash_mid_batch_the_in_flight_deliveries_become_unknown_and_every_other_recipient_is_sent_once()
    {
        // T2 (in-process): the sender claimed 3 and died while the transport held the first. After the lease the one
        // handed over is unknown (never resent: it may have gone out); the two claimed but never handed over, and
        // everyone else, are sent exactly once.
        await using var store = await CreateAsync();
        await LaunchedEmailCampaignAsync(store, 10);
        // The "crashed" sender: its transport never answers, so the claimed batch is never recorded.
        var handedOver = new TaskCompletionSource();
        var hanging = new ScriptedTransport(async (_, ct) =>
        {
            handedOver.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var crash = new CancellationTokenSource();
        var crashed = store.Dispatcher(hanging).RunOnceAsync(3, crash.Token);
        await handedOver.Task.WaitAsync(Ct);
        var claimed = (await store.DeliveriesAsync()).Where(d => d.ClaimToken != null).ToList();
        Assert.Equal(3, claimed.Count);
        var inFlight = claimed.Where(d => d.Status == DeliveryStatus.Sending).Select(d => d.Id).ToHashSet();
        Assert.Single(inFlight);

        // Restart: before the lease ends nothing is recovered or reclaimed, after it the handed-over row is unknown.
        var restarted = store.Dispatcher();
        Assert.Equal(0, await restarted.RecoverAsync(Ct));
        Assert.Equal(7, (await restarted.RunOnceAsync(10, Ct)).Sent);
        store.Clock.Advance(store.Options.ClaimLease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await restarted.RecoverAsync(Ct));
        while ((await restarted.RunOnceAsync(4, Ct)).Claimed > 0) { }

        var deliveries = await store.DeliveriesAsync();
        var outbox = await store.OutboxAsync();
        Assert.All(deliveries.Where(d => inFlight.Contains(d.Id)), d =>
        {
            Assert.Equal(DeliveryStatus.Unknown, d.Status);
            Assert.DoesNotContain(outbox, m => m.DeliveryId == d.Id);
        });
        Assert.All(deliveries.Where(d => !inFlight.Contains(d.Id)), d =>
        {
            Assert.Equal(DeliveryStatus.Sent, d.Status);
            Assert.Single(outbox, m => m.DeliveryId == d.Id);
        });
        Assert.Equal(9, outbox.Count);

        // The dead sender's late cancellation does not put its rows back in the queue.
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crashed);
        Assert.Equal(1, (await store.DeliveriesAsync()).Count(d => d.Status == DeliveryStatus.Unknown));
        Assert.Equal(9, (await store.DeliveriesAsync()).Count(d => d.Status == DeliveryStatus.Sent));
        Assert.Equal(0, (await restarted.RunOnceAsync(10, Ct)).Claimed);
    }

    [Fact]
    public async Task Cancelling_a_batch_releases_the_deliveries_not_yet_handed_over()
    {
        await using var store = await CreateAsync();
        await LaunchedEmailCampaignAsync(store, 4);
        using var stop = new CancellationTokenSource();
        var calls = 0;
        var transport = new ScriptedTransport(m =>
        {
            if (++calls == 2) stop.Cancel(); // cancelled after the second answer: two sent, two never handed over
            return new TransportResult.Sent($"p{calls}");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Dispatcher(transport).RunOnceAsync(10, stop.Token));

        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(2, deliveries.Count(d => d.Status == DeliveryStatus.Sent));
        Assert.All(deliveries.Where(d => d.Status != DeliveryStatus.Sent), d =>
            Assert.Equal((DeliveryStatus.Queued, 0, (Guid?)null), (d.Status, d.Attempts, d.ClaimToken)));
    }

    [Fact]
    public async Task Two_concurrent_dispatchers_send_every_delivery_exactly_once()
    {
        // T43: two dispatchers with their own contexts over one SQLite file (WAL); each row is claimed by one of them.
        await using var store = await CreateAsync();
        await LaunchedEmailCampaignAsync(store, 2_000);

        async Task<int> DrainAsync()
        {
            var dispatcher = store.Dispatcher();
            var sent = 0;
            DispatchResult result;
            do
            {
                result = await dispatcher.RunOnceAsync(25, Ct);
                sent += result.Sent;
            } while (result.Claimed > 0);
            return sent;
        }

        var sentByEach = await Task.WhenAll(Task.Run(DrainAsync, Ct), Task.Run(DrainAsync, Ct));

        Assert.Equal(2_000, sentByEach.Sum());
        Assert.All(sentByEach, sent => Assert.InRange(sent, 1, 1_999)); // both took part
        var outbox = await store.OutboxAsync();
        Assert.Equal(2_000, outbox.Count);
        Assert.Equal(2_000, outbox.Select(m => m.DeliveryId).Distinct().Count());
        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal((DeliveryStatus.Sent, 1), (d.Status, d.Attempts)));
    }

    [Fact]
    public async Task The_outbox_refuses_a_second_message_for_the_same_delivery()
    {
        await using var store = await CreateAsync();
        await LaunchedEmailCampaignAsync(store, 1);
        var delivery = Assert.Single(await store.DeliveriesAsync());
        var outbox = new OutboxTransport(store.Database);
        var message = new OutgoingMessage(delivery.Id, DeliveryChannel.Email, "a@example.com", "s", "b");

        Assert.IsType<TransportResult.Sent>(await outbox.SendAsync(message, Ct));
        await Assert.ThrowsAsync<DbUpdateException>(() => outbox.SendAsync(message, Ct));
        Assert.Single(await store.OutboxAsync());
    }

    [Fact]
    public async Task A_batch_transport_that_throws_leaves_every_message_of_the_hand_over_unknown()
    {
        // T7 for a batch hand-over: the whole call's outcome is unknown, so each of its deliveries is, and none is retried.
        await using var store = await CreateAsync();
        await LaunchedEmailCampaignAsync(store, 3);
        var transport = new ThrowingBatchTransport();

        Assert.Equal(3, (await store.Dispatcher(transport).RunOnceAsync(10, Ct)).Unknown);
        store.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await store.Dispatcher(transport).RunOnceAsync(10, Ct)).Claimed);

        Assert.All(await store.DeliveriesAsync(), d =>
        {
            Assert.Equal((DeliveryStatus.Unknown, 1), (d.Status, d.Attempts));
            Assert.Contains("connection lost after DATA", d.LastError);
        });
        Assert.Equal(1, transport.Calls);
    }

    [Fact]
    public async Task A_throttled_answer_defers_the_rest_of_the_channel_at_least_the_retry_after_without_counting_an_attempt()
    {
        // T10: "try again in 30 seconds" holds the channel; nothing fails and no attempt is used up.
        await using var store = await CreateAsync();
        store.Options.MaxAttempts = 1;
        await LaunchedEmailCampaignAsync(store, 5);
        var calls = 0;
        var transport = new ScriptedTransport(m => ++calls == 3
            ? new TransportResult.Throttled(TimeSpan.FromSeconds(30), "421 4.7.0 try again in 30 seconds")
            : new TransportResult.Sent($"p-{m.DeliveryId}"));
        var pacer = store.Pacer();
        var dispatcher = store.Dispatcher(transport, pacer);

        var first = await dispatcher.RunOnceAsync(10, Ct);

        Assert.Equal(new DispatchResult(5, 2, 0, 0, 0, Deferred: 3), first);
        Assert.Equal(3, calls); // the two after the throttled one were not handed over
        var deferred = (await store.DeliveriesAsync()).Where(d => d.Status != DeliveryStatus.Sent).ToList();
        Assert.Equal(3, deferred.Count);
        Assert.All(deferred, d =>
        {
            Assert.Equal((DeliveryStatus.Queued, 0, (Guid?)null), (d.Status, d.Attempts, d.ClaimToken));
            Assert.True(d.NextAttemptAt >= Now.AddSeconds(30), $"{d.NextAttemptAt:O} is before the provider's 30 seconds");
        });
        Assert.Contains(deferred, d => d.LastError == "421 4.7.0 try again in 30 seconds");

        store.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, (await dispatcher.RunOnceAsync(10, Ct)).Claimed);
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, (await dispatcher.RunOnceAsync(10, Ct)).Sent);
        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal((DeliveryStatus.Sent, 1), (d.Status, d.Attempts)));
        Assert.Equal(6, calls); // five sends and the one that was throttled
    }

    [Fact]
    public async Task A_held_channel_does_not_delay_another_channel()
    {
        await using var store = await CreateAsync();
        var segment = await store.SegmentAsync("All", Customer("Ani", sms: true), Customer("Budi", sms: true));
        await store.Launcher().LaunchAsync(await store.EmailCampaignAsync([segment]), Ct);
        await store.Launcher().LaunchAsync(await store.SmsCampaignAsync([segment]), Ct);
        var transport = new ScriptedTransport(m => m.Channel == DeliveryChannel.Email
            ? new TransportResult.Throttled(TimeSpan.FromMinutes(5), "429")
            : new TransportResult.Sent($"p-{m.DeliveryId}"));

        var result = await store.Dispatcher(transport).RunOnceAsync(10, Ct);

        Assert.Equal((2, 2), (result.Sent, result.Deferred));
        Assert.Equal(1, transport.Received.Count(m => m.Channel == DeliveryChannel.Email));
        var deliveries = await store.DeliveriesAsync();
        Assert.All(deliveries.Where(d => d.Channel == DeliveryChannel.Sms), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.All(deliveries.Where(d => d.Channel == DeliveryChannel.Email), d => Assert.Equal(DeliveryStatus.Queued, d.Status));
    }

    [Fact]
    public async Task Social_posts_go_through_the_same_transport_with_the_platform_as_recipient_and_complete_the_campaign()
    {
        await using var store = await CreateAsync();
        var campaignId = await store.SocialCampaignAsync("Fresh kibble at {{ store.name }}! {{ customer.first_name | default: \"\" }}",
            SocialPlatform.Facebook, SocialPlatform.Instagram);
        await store.Launcher().LaunchAsync(campaignId, Ct);

        var result = await store.Dispatcher().RunOnceAsync(10, Ct);

        Assert.Equal(2, result.Sent);
        var outbox = await store.OutboxAsync();
        Assert.Equal(["facebook", "instagram"], outbox.Select(m => m.Recipient).Order());
        Assert.All(outbox, m =>
        {
            Assert.Equal((DeliveryChannel.Social, "Fresh kibble at Allnimall Pet Store! ", (string?)null), (m.Channel, m.Body, m.Subject));
        });
        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        await using var db = store.Database.CreateDbContext();
        Assert.False(await db.CustomerEngagement.AnyAsync(Ct)); // posts reach no customer in particular
        var job = new DispatchDeliveriesJob(store.Database, store.Dispatcher(), new DispatchRecoveryState(),
            Microsoft.Extensions.Options.Options.Create(store.Options), store.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DispatchDeliveriesJob>.Instance) { CancellationToken = Ct };
        await job.Invoke();
        Assert.Equal(CampaignStatus.Completed, await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Status).SingleAsync(Ct));
    }

    private sealed class ThrowingBatchTransport : IBatchChannelTransport
    {
        public int Calls { get; private set; }

        public Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Unpaced channels are sent in batches.");

        public Task<IReadOnlyList<TransportResult>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
        {
            Calls++;
            throw new IOException("connection lost after DATA");
        }
    }
}
