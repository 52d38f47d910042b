using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Support;

public static class CampaignTestServices
{
    /// <summary>The template renderer the app would build, in UTC so dates read the same on every machine.</summary>
    public static MessageTemplateRenderer Renderer(this CampaignTestStore store) =>
        new(store.Clock, Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" }));

    /// <summary>The real campaign service (with its launcher) over the store's database and fake clock.</summary>
    public static CampaignService CampaignService(this CampaignTestStore store) =>
        new(store.Database, store.Launcher(), store.Renderer(), EmailContentTestServices.Composer(store.Database, store.Renderer()), store.Clock);

    /// <summary>Sets the given deliveries to unknown, as the dispatcher's crash recovery would.</summary>
    public static async Task MarkUnknownAsync(this CampaignTestStore store, IEnumerable<Guid> deliveryIds)
    {
        var ids = deliveryIds.ToList();
        await using var db = store.Database.CreateDbContext();
        await db.CampaignDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Unknown)
                .SetProperty(d => d.Attempts, 1)
                .SetProperty(d => d.LastError, "Handed to the transport with no recorded answer (the sender stopped mid-send)."));
    }
}
