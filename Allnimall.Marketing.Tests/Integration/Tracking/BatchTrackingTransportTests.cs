using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Unit.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Tracking;

/// <summary>The composition step over a batch transport: one hand-over per batch, links stored before it.</summary>
public sealed class BatchTrackingTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class CapturingBatchTransport : IBatchChannelTransport
    {
        public List<IReadOnlyList<OutgoingMessage>> Batches { get; } = [];

        public Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The dispatcher should hand over the batch.");

        public Task<IReadOnlyList<TransportResult>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
        {
            Batches.Add(messages);
            return Task.FromResult<IReadOnlyList<TransportResult>>(messages.Select(m => new TransportResult.Sent($"id-{m.DeliveryId}")).ToList());
        }
    }

    [Fact]
    public async Task A_batch_is_composed_its_links_stored_and_handed_over_in_one_call()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var segment = await store.SegmentAsync("Batch", CampaignTestStore.Customer("Ani"), CampaignTestStore.Customer("Budi"), CampaignTestStore.Customer("Citra"));
        var campaignId = await store.EmailCampaignAsync([segment], body: """<a href="https://toko.example/{{ customer.first_name }}">x</a>""");
        await store.Launcher().LaunchAsync(campaignId, Ct);
        var inner = new CapturingBatchTransport();
        var transport = new BatchTrackingTransport(inner, TrackingTestSigner.Composer(store.Clock), store.Database);

        var result = await store.Dispatcher(transport).RunOnceAsync(100, Ct);

        Assert.Equal(3, result.Sent);
        var batch = Assert.Single(inner.Batches);
        Assert.Equal(3, batch.Count);
        Assert.All(batch, m =>
        {
            Assert.Contains("/t/c/", m.Body);
            Assert.Contains("/t/o/", m.Body);
            Assert.Equal("List-Unsubscribe=One-Click", m.Headers!["List-Unsubscribe-Post"]);
        });
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(["https://toko.example/Ani", "https://toko.example/Budi", "https://toko.example/Citra"],
            await db.EmailLinks.OrderBy(l => l.Url).Select(l => l.Url).ToListAsync(Ct));
    }

    [Fact]
    public async Task The_outbox_gets_the_composed_email()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var segment = await store.SegmentAsync("Outbox", CampaignTestStore.Customer("Ani"));
        var campaignId = await store.EmailCampaignAsync([segment], body: """<a href="https://toko.example/a">a</a>""");
        await store.Launcher().LaunchAsync(campaignId, Ct);

        await store.Dispatcher(new BatchTrackingTransport(new OutboxTransport(store.Database), TrackingTestSigner.Composer(store.Clock), store.Database))
            .RunOnceAsync(10, Ct);

        var message = Assert.Single(await store.OutboxAsync());
        Assert.Contains("https://mail.toko.example/t/c/", message.Body);
    }
}
