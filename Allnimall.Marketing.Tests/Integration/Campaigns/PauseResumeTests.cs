using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Options;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

public sealed class PauseResumeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CampaignService Service(CampaignTestStore store) => store.CampaignService();

    private static async Task<Guid> LaunchedAsync(CampaignTestStore store, CampaignService service, int recipients)
    {
        var segment = await store.SegmentAsync("All", Enumerable.Range(0, recipients).Select(i => Customer($"C{i:D4}")).ToArray());
        var campaignId = await store.EmailCampaignAsync([segment]);
        Assert.Equal(SaveStatus.Ok, (await service.LaunchAsync(campaignId, store.AdminId, Ct)).Status);
        return campaignId;
    }

    private static async Task<int> SentAsync(CampaignTestStore store) =>
        (await store.DeliveriesAsync()).Count(d => d.Status == DeliveryStatus.Sent);

    [Fact]
    public async Task Pause_at_40_percent_then_resume_sends_only_the_rest_and_none_twice()
    {
        // T3: 1,000 recipients, paused after 400; while paused nothing is claimed; two resumes in quick succession: the
        // second is a conflict; the remaining 600 are sent once, and the sent count only ever grows.
        await using var store = await CreateAsync();
        var service = Service(store);
        var campaignId = await LaunchedAsync(store, service, 1_000);
        var dispatcher = store.Dispatcher();
        for (var i = 0; i < 4; i++) Assert.Equal(100, (await dispatcher.RunOnceAsync(100, Ct)).Sent);

        Assert.Equal(SaveStatus.Ok, (await service.PauseAsync(campaignId, store.AdminId, Ct)).Status);
        Assert.Equal(0, (await dispatcher.RunOnceAsync(100, Ct)).Claimed);
        Assert.Equal(400, await SentAsync(store));

        var resumes = await Task.WhenAll(service.ResumeAsync(campaignId, store.AdminId, Ct), service.ResumeAsync(campaignId, store.AdminId, Ct));
        Assert.Equal([SaveStatus.Ok, SaveStatus.Conflict], resumes.Select(r => r.Status).Order());

        var counts = new List<int>();
        while ((await dispatcher.RunOnceAsync(100, Ct)).Claimed > 0) counts.Add(await SentAsync(store));
        Assert.Equal(counts.Order(), counts);
        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal((DeliveryStatus.Sent, 1), (d.Status, d.Attempts)));
        var outbox = await store.OutboxAsync();
        Assert.Equal(1_000, outbox.Count);
        Assert.Equal(1_000, outbox.Select(m => m.DeliveryId).Distinct().Count());
    }

    [Fact]
    public async Task A_pause_during_a_batch_stops_at_the_next_hand_over_and_returns_the_rest_to_the_queue()
    {
        await using var store = await CreateAsync();
        var service = Service(store);
        var campaignId = await LaunchedAsync(store, service, 10);
        var handed = 0;
        var transport = new ScriptedTransport(async (m, ct) =>
        {
            if (++handed == 3) await service.PauseAsync(campaignId, store.AdminId, ct); // staff click Pause mid-batch
            return new TransportResult.Sent($"p-{m.DeliveryId}");
        });

        var result = await store.Dispatcher(transport).RunOnceAsync(10, Ct);

        Assert.Equal((10, 3), (result.Claimed, result.Sent));
        Assert.Equal(3, transport.Received.Count);
        var rest = (await store.DeliveriesAsync()).Where(d => d.Status != DeliveryStatus.Sent).ToList();
        Assert.Equal(7, rest.Count);
        Assert.All(rest, d => Assert.Equal((DeliveryStatus.Queued, 0, (Guid?)null, (DateTime?)null), (d.Status, d.Attempts, d.ClaimToken, d.ClaimedUntil)));

        await service.ResumeAsync(campaignId, store.AdminId, Ct);
        Assert.Equal(7, (await store.Dispatcher(transport).RunOnceAsync(10, Ct)).Sent);
        Assert.Equal(10, transport.Received.Select(m => m.DeliveryId).Distinct().Count());
        Assert.Equal(10, transport.Received.Count);
    }
}
