using Allnimall.Marketing.Core.Data;
using Coravel.Invocable;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Launches scheduled campaigns whose start date has come and completes active or paused campaigns whose end date
/// has passed. What is due is read from the database on every run, so a restart or a second instance only runs it
/// again: the launcher's conditional UPDATE launches a campaign once, and completion is a conditional UPDATE too.
/// </summary>
public sealed class RunDueCampaignsJob(
    IDbContextFactory<MarketingDbContext> dbFactory, CampaignLauncher launcher, TimeProvider clock,
    ILogger<RunDueCampaignsJob> logger) : IInvocable, ICancellableInvocable
{
    internal const string CampaignEndedReason = "campaign ended";

    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken))
        {
            // A campaign whose end passed before it ever started is not launched (nothing could be sent in its window).
            due = await db.Campaigns.AsNoTracking()
                .Where(c => c.Status == CampaignStatus.Scheduled && c.StartDate <= now && (c.EndDate == null || c.EndDate > now))
                .OrderBy(c => c.StartDate).Select(c => c.Id).ToListAsync(CancellationToken);
        }
        foreach (var id in due)
        {
            if (CancellationToken.IsCancellationRequested) return;
            var result = await launcher.LaunchAsync(id, CancellationToken);
            if (result.Outcome == LaunchOutcome.NotLaunchable)
                logger.LogWarning("Scheduled campaign {CampaignId} could not be launched: {Reason}", id, result.Reason);
            else
                logger.LogInformation("Scheduled campaign {CampaignId}: {Outcome}, {Queued} deliveries queued", id, result.Outcome, result.Queued);
            if (result.Outcome == LaunchOutcome.Launched) await RecordScheduledLaunchAsync(id, now);
        }
        await CompleteEndedAsync(now);
    }

    /// <summary>The history says the schedule launched it (no user).</summary>
    private async Task RecordScheduledLaunchAsync(Guid campaignId, DateTime now)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken);
        db.CampaignEvents.Add(new CampaignEvent
        {
            CampaignId = campaignId, Action = CampaignAction.Launched, FromStatus = CampaignStatus.Scheduled, ToStatus = CampaignStatus.Active, At = now,
        });
        await db.SaveChangesAsync(CancellationToken);
    }

    /// <summary>Active or paused campaigns past their end date complete; their unsent deliveries are skipped (and recorded as engagement).</summary>
    private async Task CompleteEndedAsync(DateTime now)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken);
        var ended = db.Campaigns.Where(c => (c.Status == CampaignStatus.Active || c.Status == CampaignStatus.Paused)
            && c.EndDate != null && c.EndDate <= now);
        var skipped = await db.CampaignDeliveries
            .Where(d => d.Status == DeliveryStatus.Queued && ended.Any(c => c.Id == d.CampaignId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Skipped)
                .SetProperty(d => d.SkipReason, CampaignEndedReason), CancellationToken);
        // Their engagement rows, once: the campaigns complete in this same transaction, so a later run finds none.
        if (skipped > 0)
            await DeliveryEngagement.WriteAsync(db, db.CampaignDeliveries.Where(d => d.Status == DeliveryStatus.Skipped
                && d.SkipReason == CampaignEndedReason && ended.Any(c => c.Id == d.CampaignId)), now, CancellationToken);
        var completed = await CampaignCompletion.CompleteAsync(db, ended, now, CancellationToken);
        await transaction.CommitAsync(CancellationToken);
        if (completed > 0) logger.LogInformation("{Count} campaigns completed at their end date", completed);
    }
}
