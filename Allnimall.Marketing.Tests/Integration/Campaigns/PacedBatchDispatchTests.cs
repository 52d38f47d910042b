using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>
/// A paced channel on a batch-capable transport (email over the SMTP router): handed over in groups of the rate's share
/// of <see cref="DeliveryPacer.BurstWindow"/>, each group no earlier than the rate allows; a batch answer may say
/// <see cref="TransportResult.Unknown"/> for one message without touching the others.
/// </summary>
public sealed class PacedBatchDispatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task LaunchAsync(CampaignTestStore store, int recipients)
    {
        var segment = await store.SegmentAsync("All", Enumerable.Range(0, recipients).Select(i => Customer($"C{i:D2}")).ToArray());
        var campaignId = await store.EmailCampaignAsync([segment]);
        Assert.Equal(recipients, (await store.Launcher().LaunchAsync(campaignId, Ct)).Queued);
    }

    [Fact]
    public async Task A_paced_channel_goes_to_a_batch_transport_in_groups_of_its_rate_share_never_ahead_of_the_rate()
    {
        await using var store = await CreateAsync();
        store.Options.EmailPerSecond = 50; // 5 per 100 ms window
        await LaunchAsync(store, 20);
        var start = store.Clock.GetUtcNow();
        var transport = new RecordingBatchTransport(store.Clock, _ => null);

        var result = await store.Dispatcher(transport).RunOnceAsync(20, Ct);

        Assert.Equal(20, result.Sent);
        Assert.Equal([5, 5, 5, 5], transport.Calls.Select(c => c.Count));
        // The n-th message's slot is n × 20 ms after the first: a group goes when its last slot is due.
        for (var k = 0; k < transport.Calls.Count; k++)
            Assert.True(transport.Calls[k].At - start >= TimeSpan.FromMilliseconds(20 * (5 * k + 4)), $"group {k} handed over at {transport.Calls[k].At - start}");
        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal((DeliveryStatus.Sent, 1), (d.Status, d.Attempts)));
    }

    [Fact]
    public async Task A_slow_rate_still_hands_over_one_message_at_a_time()
    {
        await using var store = await CreateAsync();
        store.Options.EmailPerSecond = 10; // 1 per 100 ms window
        await LaunchAsync(store, 3);
        var transport = new RecordingBatchTransport(store.Clock, _ => null);

        await store.Dispatcher(transport).RunOnceAsync(10, Ct);

        Assert.Empty(transport.Calls); // no batch call: each message went through SendAsync
        Assert.Equal(3, transport.Singles);
    }

    [Fact]
    public async Task An_unknown_answer_in_a_batch_leaves_only_that_delivery_unknown()
    {
        await using var store = await CreateAsync();
        await LaunchAsync(store, 3);
        var transport = new RecordingBatchTransport(store.Clock, m => m.Recipient == "c01@example.com"
            ? new TransportResult.Unknown("connection lost after DATA")
            : null);

        var result = await store.Dispatcher(transport).RunOnceAsync(10, Ct);

        Assert.Equal((2, 1), (result.Sent, result.Unknown));
        var deliveries = await store.DeliveriesAsync();
        var unknown = Assert.Single(deliveries, d => d.Status == DeliveryStatus.Unknown);
        Assert.Contains("connection lost after DATA", unknown.LastError, StringComparison.Ordinal);
        Assert.Equal(2, deliveries.Count(d => d.Status == DeliveryStatus.Sent && d.ProviderMessageId != null));

        // Never resent: the next run finds nothing due.
        store.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, (await store.Dispatcher(transport).RunOnceAsync(10, Ct)).Claimed);
    }

    /// <summary>Answers each message as <c>answer</c> says (null: sent) and records every batch call with the clock's time.</summary>
    private sealed class RecordingBatchTransport(TimeProvider clock, Func<OutgoingMessage, TransportResult?> answer) : IBatchChannelTransport
    {
        public List<(int Count, DateTimeOffset At)> Calls { get; } = [];
        public int Singles { get; private set; }

        public Task<IReadOnlyList<TransportResult>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
        {
            Calls.Add((messages.Count, clock.GetUtcNow()));
            return Task.FromResult<IReadOnlyList<TransportResult>>(messages.Select(Answer).ToList());
        }

        public Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        {
            Singles++;
            return Task.FromResult(Answer(message));
        }

        private TransportResult Answer(OutgoingMessage message) => answer(message) ?? new TransportResult.Sent($"p-{message.DeliveryId}");
    }
}
