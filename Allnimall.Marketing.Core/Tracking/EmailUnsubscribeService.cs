using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// Unsubscribes the customer behind a delivery from marketing email: the customer's email consent is withdrawn (time
/// and source on the customer) and an <c>email_unsubscribe</c> engagement row records when, how and from which
/// delivery and campaign — in one transaction, committed before the request is answered, so the dispatcher (which
/// re-checks consent when it claims each batch) skips the customer from the very next batch. Idempotent: a repeat
/// changes and records nothing.
/// </summary>
public sealed class EmailUnsubscribeService(
    IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock, IOptionsMonitor<DeliveryOptions> delivery)
{
    /// <summary>True when this call withdrew the consent; false when there was nothing to change (or no such delivery).</summary>
    public async Task<bool> UnsubscribeAsync(Guid deliveryId, string source, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.CampaignDeliveries.AsNoTracking()
            .Where(d => d.Id == deliveryId)
            // Cast: a social post's delivery has no customer.
            .Select(d => new { CustomerId = (Guid?)d.CustomerId, d.CampaignId })
            .FirstOrDefaultAsync(ct);
        if (target?.CustomerId is not { } customerId) return false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The WHERE on the current consent makes two concurrent calls change (and record) it once.
        var changed = await db.Customers
            .Where(c => c.Id == customerId && c.EmailConsent)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.EmailConsent, false)
                .SetProperty(c => c.EmailConsentAt, now)
                .SetProperty(c => c.EmailConsentSource, source)
                .SetProperty(c => c.UpdatedAt, now), ct);
        if (changed == 0) return false;
        db.CustomerEngagement.Add(new CustomerEngagement
        {
            CustomerId = customerId, CampaignId = target.CampaignId, DeliveryId = deliveryId,
            EngagementType = EngagementTypes.EmailUnsubscribe, EngagementDate = now,
            EngagementData = JsonSerializer.Serialize(new { source }),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The preference page's content for a delivery; null when there is no such delivery or customer.</summary>
    public async Task<UnsubscribePreferences?> PreferencesAsync(Guid deliveryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await (
            from d in db.CampaignDeliveries
            where d.Id == deliveryId
            join c in db.Customers on d.CustomerId equals c.Id
            select new { c.Email, c.EmailConsent })
            .AsNoTracking().FirstOrDefaultAsync(ct);
        return customer is null ? null : new(delivery.CurrentValue.StoreName, PiiMask.Email(customer.Email), customer.EmailConsent);
    }
}
