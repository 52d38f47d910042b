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

    /// <summary>How long after the first send opens are shown per hour; later ones per day.</summary>
    public static readonly TimeSpan HourlyWindow = TimeSpan.FromHours(48);

    /// <summary>
    /// Human opens over time (machine opens, flagged when recorded, are left out): hourly from the hour of the campaign's
    /// first send for <see cref="HourlyWindow"/>, then per UTC day, with empty buckets filled in up to the last open.
    /// One grouped query counts opens per UTC hour; the buckets are folded here.
    /// </summary>
    public async Task<IReadOnlyList<OpensOverTimePoint>> OpensOverTimeAsync(Guid campaignId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hours = await db.CustomerEngagement.AsNoTracking()
            .Where(e => e.CampaignId == campaignId && e.EngagementType == EngagementTypes.EmailOpen && !e.IsAutomated)
            .GroupBy(e => new { e.EngagementDate.Date, e.EngagementDate.Hour })
            .Select(g => new { g.Key.Date, g.Key.Hour, Opens = g.Count() })
            .ToListAsync(ct);
        if (hours.Count == 0) return [];
        var counts = hours.ToDictionary(h => DateTime.SpecifyKind(h.Date.AddHours(h.Hour), DateTimeKind.Utc), h => h.Opens);
        var firstSend = await db.CampaignDeliveries.AsNoTracking().Where(d => d.CampaignId == campaignId && d.SentAt != null)
            .MinAsync(d => d.SentAt, ct);
        // An open "before" the first send (clocks disagree) moves the start back rather than vanish.
        var firstOpen = counts.Keys.Min();
        return Fold(counts, firstSend is { } sent && sent < firstOpen ? sent : firstOpen);
    }

    private static List<OpensOverTimePoint> Fold(Dictionary<DateTime, int> perHour, DateTime firstSend)
    {
        var start = new DateTime(firstSend.Year, firstSend.Month, firstSend.Day, firstSend.Hour, 0, 0, DateTimeKind.Utc);
        var hourlyEnd = start + HourlyWindow;
        var last = perHour.Keys.Max();
        var points = new List<OpensOverTimePoint>();
        for (var hour = start; hour < hourlyEnd && hour <= last; hour = hour.AddHours(1))
            points.Add(new(hour, true, perHour.GetValueOrDefault(hour)));
        if (last >= hourlyEnd)
        {
            // The day of the 48th hour counts only from there: its earlier hours are in the hourly buckets above.
            for (var day = hourlyEnd.Date; day <= last.Date; day = day.AddDays(1))
            {
                var from = day < hourlyEnd ? hourlyEnd : day;
                var opens = perHour.Where(h => h.Key >= from && h.Key < day.AddDays(1)).Sum(h => h.Value);
                points.Add(new(DateTime.SpecifyKind(day, DateTimeKind.Utc), false, opens));
            }
        }
        return points;
    }

    /// <summary>
    /// One grouped join: the stored link behind each human click, by destination, most clicked first. Unique clicks count
    /// recipients (deliveries), so outside newsletter subscribers, who have no customer, count one each.
    /// </summary>
    internal static IQueryable<LinkClicks> Links(MarketingDbContext db, Guid campaignId) =>
        from e in db.CustomerEngagement
        where e.CampaignId == campaignId && e.EngagementType == EngagementTypes.EmailClick && !e.IsAutomated
        join l in db.EmailLinks on new { DeliveryId = e.DeliveryId!.Value, LinkIndex = e.LinkIndex!.Value } equals new { l.DeliveryId, l.LinkIndex }
        group e by l.Url into g
        orderby g.Count() descending, g.Key
        select new LinkClicks(g.Key, g.Count(), g.Select(e => e.DeliveryId).Distinct().Count());
}
