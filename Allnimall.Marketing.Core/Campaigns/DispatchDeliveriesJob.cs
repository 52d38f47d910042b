using Allnimall.Marketing.Core.Data;
using Coravel.Invocable;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Sends queued deliveries: recovers the previous process's in-flight rows once per process, then claims batches until
/// there is no work or <see cref="DeliveryOptions.DispatchRunTime"/> has passed, then completes the active campaigns
/// whose sending has finished. Every step reads and writes the database only, so a restart just runs it again.
/// </summary>
public sealed class DispatchDeliveriesJob(
    IDbContextFactory<MarketingDbContext> dbFactory, DeliveryDispatcher dispatcher, DispatchRecoveryState recovery,
    IOptions<DeliveryOptions> options, TimeProvider clock, ILogger<DispatchDeliveriesJob> logger) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        await RecoverOnceAsync();
        var settings = options.Value;
        var stopAt = clock.GetUtcNow() + settings.DispatchRunTime;
        while (!CancellationToken.IsCancellationRequested && clock.GetUtcNow() < stopAt)
        {
            var result = await dispatcher.RunOnceAsync(settings.DispatchBatchSize, CancellationToken);
            if (result.Claimed == 0) break;
            logger.LogInformation("Dispatched {Claimed}: {Sent} sent, {Retrying} retrying, {Failed} failed, {Unknown} unknown",
                result.Claimed, result.Sent, result.Retrying, result.Failed, result.Unknown);
        }
        await CompleteFinishedAsync();
    }

    private async Task RecoverOnceAsync()
    {
        if (!recovery.TryBegin()) return;
        try
        {
            var unknown = await dispatcher.RecoverAsync(CancellationToken);
            if (unknown > 0) logger.LogWarning("{Count} deliveries were in flight when the sender stopped and are now unknown", unknown);
        }
        catch
        {
            recovery.Failed();
            throw;
        }
    }

    /// <summary>An active campaign with deliveries, none of them queued (including retries) or being sent, is done.</summary>
    private async Task CompleteFinishedAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken);
        var finished = db.Campaigns.Where(c => c.Status == CampaignStatus.Active
            && db.CampaignDeliveries.Any(d => d.CampaignId == c.Id)
            && !db.CampaignDeliveries.Any(d => d.CampaignId == c.Id
                && (d.Status == DeliveryStatus.Queued || d.Status == DeliveryStatus.Sending)));
        var completed = await CampaignCompletion.CompleteAsync(db, finished, now, CancellationToken);
        if (completed > 0) logger.LogInformation("{Count} campaigns finished sending and completed", completed);
    }
}
