using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>
/// The complaint-rate circuit breaker (RELIABILITY T9): complaints (<c>email_complaint</c>) over campaign emails sent
/// (<c>email_sent</c>, plus newsletter deliveries sent to outside subscribers, who have no such rows) in the last 24
/// hours. From <see cref="PauseRate"/> on — and only once at least
/// <see cref="BounceMailboxOptions.ComplaintMinimumSent"/> emails went out, so one complaint among a handful of sends
/// does not stop the store — every active email campaign is paused, each with a history entry by the system (no user).
/// Staff resume them once the cause is fixed. SMS and social campaigns carry on.
/// </summary>
public sealed class ComplaintRateGuard(IDbContextFactory<MarketingDbContext> dbFactory, IOptions<EmailOptions> options, TimeProvider clock)
{
    public const double WarningRate = 0.001;
    public const double PauseRate = 0.003;

    public async Task<ComplaintRate> MeasureAsync(CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddHours(-24);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.CustomerEngagement.AsNoTracking()
            .Where(e => e.EngagementDate >= since && (e.EngagementType == EngagementTypes.EmailSent || e.EngagementType == EngagementTypes.EmailComplaint))
            .GroupBy(e => e.EngagementType).Select(g => new { Type = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Type, g => g.Count, ct);
        // email_sent rows are customer history, so a newsletter issue's outside subscribers (no customer) write none; their
        // complaints do write email_complaint rows, so their sends are counted from their deliveries, or the rate would overstate.
        var outsideSent = await db.CampaignDeliveries.AsNoTracking().CountAsync(d => d.NewsletterSubscriptionId != null && d.CustomerId == null
            && d.Channel == DeliveryChannel.Email && d.SentAt >= since, ct);
        var sent = counts.GetValueOrDefault(EngagementTypes.EmailSent) + outsideSent;
        var complaints = counts.GetValueOrDefault(EngagementTypes.EmailComplaint);
        var rate = sent == 0 ? 0 : (double)complaints / sent;
        var level = sent < options.Value.Bounces.ComplaintMinimumSent ? ComplaintRateLevel.Normal
            : rate >= PauseRate ? ComplaintRateLevel.Critical
            : rate >= WarningRate ? ComplaintRateLevel.Warning
            : ComplaintRateLevel.Normal;
        return new(sent, complaints, rate, level);
    }

    /// <summary>Measures, and at <see cref="ComplaintRateLevel.Critical"/> pauses every active email campaign; returns how many it paused.</summary>
    public async Task<(ComplaintRate Rate, int Paused)> EnforceAsync(CancellationToken ct = default)
    {
        var rate = await MeasureAsync(ct);
        if (rate.Level != ComplaintRateLevel.Critical) return (rate, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var active = await db.Campaigns.Where(c => c.CampaignType == CampaignType.Email && c.Status == CampaignStatus.Active)
            .Select(c => c.Id).ToListAsync(ct);
        if (active.Count == 0) return (rate, 0);
        var paused = await db.Campaigns.Where(c => active.Contains(c.Id) && c.Status == CampaignStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Paused).SetProperty(c => c.UpdatedAt, now)
                .SetProperty(c => c.Version, Guid.NewGuid()), ct);
        db.CampaignEvents.AddRange(active.Select(id => new CampaignEvent
        {
            CampaignId = id, Action = CampaignAction.Paused, FromStatus = CampaignStatus.Active, ToStatus = CampaignStatus.Paused, At = now,
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (rate, paused);
    }
}
