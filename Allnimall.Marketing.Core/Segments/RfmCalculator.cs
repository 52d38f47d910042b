using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>Computes the RFM quintile cut points over every customer who has ordered.</summary>
public static class RfmCalculator
{
    public static async Task<RfmThresholds> ComputeAsync(MarketingDbContext db, DateTime now, CancellationToken ct)
    {
        // One grouped query; three numbers per buyer stay small even at a million customers.
        var rows = await db.Orders.AsNoTracking()
            .Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded && o.PlacedAt <= now)
            .GroupBy(o => o.CustomerId)
            .Select(g => new { Last = g.Max(o => o.PlacedAt), Count = g.Count(), Spend = g.Sum(o => o.Total) })
            .ToListAsync(ct);
        return RfmThresholds.FromSorted(
            rows.Select(r => r.Last).Order().ToList(),
            rows.Select(r => r.Count).Order().ToList(),
            rows.Select(r => r.Spend).Order().ToList());
    }
}
