using System.Text.Json;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Writes one <c>customer_engagement</c> row per final delivery outcome (sent, failed, skipped) of customer deliveries,
/// read back from the database after the outcome was recorded and inserted in bulk in the same transaction, so an
/// outcome and its engagement row commit together, once. Social posts have no customer and write none; nor do newsletter
/// issues' outside subscribers: these rows are customer history (timeline, segment rules), and the campaign's sends are
/// counted from the deliveries themselves.
/// </summary>
internal static class DeliveryEngagement
{
    public static async Task<int> WriteAsync(MarketingDbContext db, IQueryable<CampaignDelivery> finished, DateTime now, CancellationToken ct)
    {
        var rows = await finished
            .Where(d => d.CustomerId != null
                && (d.Status == DeliveryStatus.Sent || d.Status == DeliveryStatus.Failed || d.Status == DeliveryStatus.Skipped))
            .Select(d => new { CustomerId = d.CustomerId!.Value, d.CampaignId, d.Channel, d.Status, d.SkipReason, d.LastError })
            .AsNoTracking().ToListAsync(ct);
        var engagement = rows
            .Where(r => r.Channel is DeliveryChannel.Email or DeliveryChannel.Sms)
            .Select(r => new CustomerEngagement
            {
                CustomerId = r.CustomerId, CampaignId = r.CampaignId, EngagementDate = now,
                EngagementType = TypeOf(r.Channel, r.Status),
                EngagementData = r.Status switch
                {
                    DeliveryStatus.Skipped => JsonSerializer.Serialize(new { reason = r.SkipReason }),
                    DeliveryStatus.Failed => JsonSerializer.Serialize(new { error = r.LastError }),
                    _ => null,
                },
            }).ToList();
        await BulkInsert.InsertAsync(db, engagement, null, ct);
        return engagement.Count;
    }

    private static string TypeOf(DeliveryChannel channel, DeliveryStatus status) => (channel, status) switch
    {
        (DeliveryChannel.Email, DeliveryStatus.Sent) => EngagementTypes.EmailSent,
        (DeliveryChannel.Email, DeliveryStatus.Failed) => EngagementTypes.EmailFailed,
        (DeliveryChannel.Email, _) => EngagementTypes.EmailSkipped,
        (_, DeliveryStatus.Sent) => EngagementTypes.SmsSent,
        (_, DeliveryStatus.Failed) => EngagementTypes.SmsFailed,
        _ => EngagementTypes.SmsSkipped,
    };
}
