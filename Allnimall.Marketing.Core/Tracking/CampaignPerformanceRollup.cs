using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// Maintains the email metrics of <c>campaign_performance</c> (<see cref="EmailMetrics"/>): for every email campaign
/// with sends or tracking events since <c>now − lookback</c>, its daily rows are recomputed with GROUP BY queries over
/// <c>campaign_deliveries</c> and <c>customer_engagement</c> and replaced in one transaction (delete the campaign's
/// email metric rows, insert the new ones), so a rerun is idempotent and late events land on their own day.
/// Sent: deliveries with a send time; bounced: those that ended failed after being sent (a hard bounce);
/// delivered = sent − bounced. Unique opens and clicks are counted per recipient — per email delivery, as a campaign
/// sends one to each customer or newsletter subscriber, who may be no customer — on the day of the recipient's first
/// human one, so the days add up to the campaign's unique total. Other metrics (conversions, revenue, cost) are left alone.
/// </summary>
public sealed class CampaignPerformanceRollup(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLookback = TimeSpan.FromDays(2);

    /// <summary>Recomputes the campaigns active within <paramref name="lookback"/>; returns how many.</summary>
    public async Task<int> RunAsync(TimeSpan? lookback = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - (lookback ?? DefaultLookback);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaignIds = await db.CampaignDeliveries
            .Where(d => d.Channel == DeliveryChannel.Email && d.SentAt >= since).Select(d => d.CampaignId)
            .Union(db.CustomerEngagement
                .Where(e => e.DeliveryId != null && e.CampaignId != null && e.EngagementDate >= since)
                .Select(e => e.CampaignId!.Value))
            .ToListAsync(ct);
        if (campaignIds.Count == 0) return 0;
        var rows = await ComputeAsync(db, campaignIds, now, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.CampaignPerformance
            .Where(p => campaignIds.Contains(p.CampaignId) && EmailMetrics.All.Contains(p.MetricName))
            .ExecuteDeleteAsync(ct);
        await BulkInsert.InsertAsync(db, rows, null, ct);
        await transaction.CommitAsync(ct);
        return campaignIds.Count;
    }

    /// <summary>Email sends per campaign and UTC day, and how many of them ended failed (bounced).</summary>
    internal static IQueryable<DaySends> Sends(MarketingDbContext db, List<Guid> campaignIds) =>
        db.CampaignDeliveries
            .Where(d => campaignIds.Contains(d.CampaignId) && d.Channel == DeliveryChannel.Email && d.SentAt != null)
            .GroupBy(d => new { d.CampaignId, Day = d.SentAt!.Value.Date })
            .Select(g => new DaySends(g.Key.CampaignId, g.Key.Day, g.Count(), g.Count(d => d.Status == DeliveryStatus.Failed)));

    private static IQueryable<CustomerEngagement> Human(MarketingDbContext db, List<Guid> campaignIds) =>
        db.CustomerEngagement
            .Where(e => e.CampaignId != null && campaignIds.Contains(e.CampaignId!.Value) && e.DeliveryId != null && !e.IsAutomated);

    /// <summary>Human tracking events (opens, clicks, unsubscribes) per campaign, UTC day and type.</summary>
    internal static IQueryable<DayCount> Totals(MarketingDbContext db, List<Guid> campaignIds) =>
        Human(db, campaignIds)
            .GroupBy(e => new { CampaignId = e.CampaignId!.Value, Day = e.EngagementDate.Date, e.EngagementType })
            .Select(g => new DayCount(g.Key.CampaignId, g.Key.Day, g.Key.EngagementType, g.Count()));

    /// <summary>Recipients (email deliveries) whose first human open (click) of the campaign fell on each UTC day.</summary>
    internal static IQueryable<DayCount> Firsts(MarketingDbContext db, List<Guid> campaignIds) =>
        Human(db, campaignIds)
            .Where(e => e.EngagementType == EngagementTypes.EmailOpen || e.EngagementType == EngagementTypes.EmailClick)
            .GroupBy(e => new { CampaignId = e.CampaignId!.Value, e.DeliveryId, e.EngagementType })
            .Select(g => new { g.Key.CampaignId, g.Key.EngagementType, First = g.Min(e => e.EngagementDate) })
            .GroupBy(f => new { f.CampaignId, f.EngagementType, Day = f.First.Date })
            .Select(g => new DayCount(g.Key.CampaignId, g.Key.Day, g.Key.EngagementType, g.Count()));

    private static async Task<List<CampaignPerformance>> ComputeAsync(MarketingDbContext db, List<Guid> campaignIds, DateTime now, CancellationToken ct)
    {
        var sends = await Sends(db, campaignIds).ToListAsync(ct);
        var totals = await Totals(db, campaignIds).ToListAsync(ct);
        var firsts = await Firsts(db, campaignIds).ToListAsync(ct);

        var values = new Dictionary<(Guid Campaign, DateTime Day, string Metric), decimal>();
        void Add(Guid campaign, DateTime day, string metric, int count) =>
            values[(campaign, day, metric)] = values.GetValueOrDefault((campaign, day, metric)) + count;
        foreach (var s in sends)
        {
            Add(s.CampaignId, s.Day, EmailMetrics.Sent, s.Sent);
            Add(s.CampaignId, s.Day, EmailMetrics.Bounced, s.Bounced);
            Add(s.CampaignId, s.Day, EmailMetrics.Delivered, s.Sent - s.Bounced);
        }
        foreach (var t in totals)
        {
            var metric = t.EngagementType switch
            {
                EngagementTypes.EmailOpen => EmailMetrics.Opens,
                EngagementTypes.EmailClick => EmailMetrics.Clicks,
                EngagementTypes.EmailUnsubscribe => EmailMetrics.Unsubscribes,
                _ => null,
            };
            if (metric is not null) Add(t.CampaignId, t.Day, metric, t.Count);
        }
        foreach (var f in firsts)
            Add(f.CampaignId, f.Day, f.EngagementType == EngagementTypes.EmailOpen ? EmailMetrics.UniqueOpens : EmailMetrics.UniqueClicks, f.Count);

        // Every email metric on every day that has any, zeros included, so a dashboard series has no gaps.
        var days = values.Keys.Select(k => (k.Campaign, k.Day)).Distinct();
        return days.SelectMany(d => EmailMetrics.All.Select(metric => new CampaignPerformance
        {
            CampaignId = d.Campaign, MetricDate = DateOnly.FromDateTime(d.Day), MetricName = metric,
            MetricValue = values.GetValueOrDefault((d.Campaign, d.Day, metric)), CreatedAt = now,
        })).ToList();
    }

    internal sealed record DaySends(Guid CampaignId, DateTime Day, int Sent, int Bounced);

    internal sealed record DayCount(Guid CampaignId, DateTime Day, string EngagementType, int Count);
}
