using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Unit.Tracking;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Integration.Tracking;

/// <summary>The tracking services over a <see cref="CampaignTestStore"/>'s database and fake clock.</summary>
public static class TrackingTestServices
{
    public static TrackingTransport TrackingTransport(this CampaignTestStore store, IChannelTransport inner) =>
        new(inner, TrackingTestSigner.Composer(store.Clock), store.Database);

    public static TrackingEventWriter TrackingWriter(this CampaignTestStore store) =>
        new(store.Database, Options.Create(TrackingTestSigner.Options()));

    public static EmailUnsubscribeService Unsubscribe(this CampaignTestStore store) =>
        new(store.Database, store.Clock, new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<DeliveryOptions>(new DeliveryOptions { StoreName = "Toko Kucing" }));

    /// <summary>Launches an email campaign with <paramref name="body"/> to the customers and sends it through the tracking step.</summary>
    public static async Task<(Guid CampaignId, ScriptedTransport Sent)> SendTrackedAsync(this CampaignTestStore store, string body, params Core.Store.Customer[] customers)
    {
        var segment = await store.SegmentAsync("Tracked", customers);
        var campaignId = await store.EmailCampaignAsync([segment], body: body);
        await store.Launcher().LaunchAsync(campaignId);
        var sent = new ScriptedTransport(m => new TransportResult.Sent($"id-{m.DeliveryId}"));
        await store.Dispatcher(store.TrackingTransport(sent)).RunOnceAsync(100);
        return (campaignId, sent);
    }
}
