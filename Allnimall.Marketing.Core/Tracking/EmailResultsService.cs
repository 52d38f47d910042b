using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>Reads a campaign's email results: the metric totals from <c>campaign_performance</c>, clicks per link from the events.</summary>
public sealed class EmailResultsService(IDbContextFactory<MarketingDbContext> dbFactory)
{
    public const int MaxLinks = 50;

    public async Task<EmailResults> GetAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var totals = await db.CampaignPerformance.AsNoTracking()
            .Where(p => p.CampaignId == campaignId && EmailMetrics.All.Contains(p.MetricName))
            .GroupBy(p => p.MetricName)
            .Select(g => new { Metric = g.Key, Value = g.Sum(p => p.MetricValue) })
            .ToDictionaryAsync(t => t.Metric, t => (int)t.Value, ct);
        var links = await Links(db, campaignId).AsNoTracking().Take(MaxLinks).ToListAsync(ct);
        int Get(string metric) => totals.GetValueOrDefault(metric);
        return new EmailResults(Get(EmailMetrics.Sent), Get(EmailMetrics.Delivered), Get(EmailMetrics.Bounced), Get(EmailMetrics.Opens),
            Get(EmailMetrics.UniqueOpens), Get(EmailMetrics.Clicks), Get(EmailMetrics.UniqueClicks), Get(EmailMetrics.Unsubscribes), links);
    }

    /// <summary>One grouped join: the stored link behind each human click, by destination, most clicked first.</summary>
    internal static IQueryable<LinkClicks> Links(MarketingDbContext db, Guid campaignId) =>
        from e in db.CustomerEngagement
        where e.CampaignId == campaignId && e.EngagementType == EngagementTypes.EmailClick && !e.IsAutomated
        join l in db.EmailLinks on new { DeliveryId = e.DeliveryId!.Value, LinkIndex = e.LinkIndex!.Value } equals new { l.DeliveryId, l.LinkIndex }
        group e by l.Url into g
        orderby g.Count() descending, g.Key
        select new LinkClicks(g.Key, g.Count(), g.Select(e => e.CustomerId).Distinct().Count());
}
