using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Newsletters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// Unsubscribes the recipient behind a delivery, in one transaction committed before the request is answered, so the
/// dispatcher (which re-checks consent and subscriptions when it claims each batch) skips them from the very next batch.
/// <see cref="UnsubscribeAsync"/> stops all marketing email: the customer's email consent is withdrawn (time and source
/// on the customer), every newsletter subscription of the address ends, and — for a newsletter issue, whose recipient
/// may be no customer — the address goes on the suppression list. <see cref="LeaveNewsletterAsync"/> ends only the
/// issue's own list subscription. Every recipient gets an <c>email_unsubscribe</c> engagement row saying when, how and
/// from which delivery and campaign (an outside subscriber's has no customer), so the campaign's unsubscribes count them.
/// Idempotent: a repeat changes and records nothing.
/// </summary>
public sealed class EmailUnsubscribeService(
    IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock, IOptionsMonitor<DeliveryOptions> delivery)
{
    /// <summary>True when this call changed something; false when there was nothing to change (or no such delivery).</summary>
    public async Task<bool> UnsubscribeAsync(Guid deliveryId, string source, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await TargetAsync(db, deliveryId, ct);
        if (target is null || (target.CustomerId is null && target.SubscriptionEmail is null)) return false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The WHERE on the current consent makes two concurrent calls change (and record) it once.
        var changed = target.CustomerId is { } customerId
            ? await db.Customers
                .Where(c => c.Id == customerId && c.EmailConsent)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.EmailConsent, false)
                    .SetProperty(c => c.EmailConsentAt, now)
                    .SetProperty(c => c.EmailConsentSource, source)
                    .SetProperty(c => c.UpdatedAt, now), ct)
            : 0;
        if (target.Address is { } address)
        {
            changed += await LeaveAsync(db.NewsletterSubscriptions.Where(s => s.Email == address), source, now, ct);
            if (target.SubscriptionEmail is not null && !await db.EmailSuppressions.AnyAsync(s => s.Email == address, ct))
            {
                db.EmailSuppressions.Add(new EmailSuppression { Email = address, Reason = EmailSuppressionReason.Unsubscribed, Source = source, CreatedAt = now });
                changed++;
            }
        }
        if (changed == 0) return false;
        Record(db, target, deliveryId, source, now, newsletter: false);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>A newsletter issue's recipient leaves that list only; true when this call ended the subscription.</summary>
    public async Task<bool> LeaveNewsletterAsync(Guid deliveryId, string source, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await TargetAsync(db, deliveryId, ct);
        if (target?.SubscriptionId is not { } subscriptionId) return false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await LeaveAsync(db.NewsletterSubscriptions.Where(s => s.Id == subscriptionId), source, now, ct) == 0) return false;
        Record(db, target, deliveryId, source, now, newsletter: true);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Whether the delivery is a newsletter issue's (so one-click leaves the list, not all marketing email).</summary>
    public async Task<bool> IsNewsletterDeliveryAsync(Guid deliveryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CampaignDeliveries.AnyAsync(d => d.Id == deliveryId && d.NewsletterSubscriptionId != null, ct);
    }

    /// <summary>The preference page's content for a delivery; null when there is no such delivery or recipient.</summary>
    public async Task<UnsubscribePreferences?> PreferencesAsync(Guid deliveryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await (
            from d in db.CampaignDeliveries
            where d.Id == deliveryId
            from c in db.Customers.Where(c => c.Id == d.CustomerId).DefaultIfEmpty()
            from s in db.NewsletterSubscriptions.Where(s => s.Id == d.NewsletterSubscriptionId).DefaultIfEmpty()
            select new
            {
                CustomerEmail = c.Email, Consent = (bool?)c.EmailConsent, SubscriptionEmail = s.Email, Status = (NewsletterSubscriptionStatus?)s.Status,
                ListName = db.NewsletterLists.Where(l => l.Id == s.ListId).Select(l => l.Name).FirstOrDefault(),
                Suppressed = s != null && db.EmailSuppressions.Any(x => x.Email == s.Email),
            })
            .AsNoTracking().FirstOrDefaultAsync(ct);
        if (row is null || (row.Consent is null && row.SubscriptionEmail is null)) return null;
        var storeName = delivery.CurrentValue.StoreName;
        if (row.SubscriptionEmail is null) return new(storeName, PiiMask.Email(row.CustomerEmail), row.Consent == true);
        // A newsletter recipient still gets marketing email unless the address is suppressed or the customer opted out.
        var subscribed = !row.Suppressed && row.Consent != false;
        return new(storeName, PiiMask.Email(row.SubscriptionEmail), subscribed, row.ListName, row.Status == NewsletterSubscriptionStatus.Subscribed);
    }

    private static Task<int> LeaveAsync(IQueryable<NewsletterSubscription> subscriptions, string source, DateTime now, CancellationToken ct) =>
        subscriptions.Where(s => s.Status != NewsletterSubscriptionStatus.Unsubscribed)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, NewsletterSubscriptionStatus.Unsubscribed)
                .SetProperty(x => x.UnsubscribedAt, now)
                .SetProperty(x => x.UnsubscribeSource, source)
                .SetProperty(x => x.UpdatedAt, now), ct);

    private static void Record(MarketingDbContext db, Target target, Guid deliveryId, string source, DateTime now, bool newsletter) =>
        db.CustomerEngagement.Add(new CustomerEngagement
        {
            CustomerId = target.CustomerId, CampaignId = target.CampaignId, DeliveryId = deliveryId,
            EngagementType = EngagementTypes.EmailUnsubscribe, EngagementDate = now,
            EngagementData = newsletter
                ? JsonSerializer.Serialize(new { source, scope = "newsletter", newsletter_subscription_id = target.SubscriptionId })
                : JsonSerializer.Serialize(new { source }),
        });

    private static async Task<Target?> TargetAsync(MarketingDbContext db, Guid deliveryId, CancellationToken ct)
    {
        var row = await db.CampaignDeliveries.AsNoTracking()
            .Where(d => d.Id == deliveryId)
            // Casts: a social post's delivery has no customer; most deliveries have no subscription.
            .Select(d => new
            {
                CustomerId = (Guid?)d.CustomerId, d.CampaignId, SubscriptionId = (Guid?)d.NewsletterSubscriptionId,
                SubscriptionEmail = db.NewsletterSubscriptions.Where(s => s.Id == d.NewsletterSubscriptionId).Select(s => s.Email).FirstOrDefault(),
                CustomerEmail = db.Customers.Where(c => c.Id == d.CustomerId).Select(c => c.Email).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var address = row.SubscriptionEmail ?? (string.IsNullOrWhiteSpace(row.CustomerEmail) ? null : EmailSuppressionService.Normalize(row.CustomerEmail));
        return new(row.CustomerId, row.CampaignId, row.SubscriptionId, row.SubscriptionEmail, address);
    }

    private sealed record Target(Guid? CustomerId, Guid CampaignId, Guid? SubscriptionId, string? SubscriptionEmail, string? Address);
}
