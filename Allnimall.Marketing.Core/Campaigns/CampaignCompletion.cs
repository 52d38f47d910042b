using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Completes campaigns on the system's behalf and writes each completion into the campaign's history. Each campaign
/// moves with its own conditional UPDATE (that still meets the candidates' condition and is in the status it was read in), so a second job instance completing
/// the same campaign changes nothing and writes no second history entry. Campaigns are few; their deliveries are
/// never touched row by row here.
/// </summary>
internal static class CampaignCompletion
{
    public static async Task<int> CompleteAsync(MarketingDbContext db, IQueryable<Campaign> candidates, DateTime now, CancellationToken ct)
    {
        var found = await candidates.Select(c => new { c.Id, c.Status }).ToListAsync(ct);
        var completed = 0;
        foreach (var campaign in found)
        {
            // The candidates' own condition is checked again in the UPDATE: a campaign that stopped qualifying is left alone.
            var moved = await candidates.Where(c => c.Id == campaign.Id && c.Status == campaign.Status)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Status, CampaignStatus.Completed)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.Version, Guid.NewGuid()), ct);
            if (moved == 0) continue;
            db.CampaignEvents.Add(new CampaignEvent
            {
                CampaignId = campaign.Id, Action = CampaignAction.Completed, FromStatus = campaign.Status,
                ToStatus = CampaignStatus.Completed, At = now,
            });
            completed++;
        }
        await db.SaveChangesAsync(ct);
        return completed;
    }
}
