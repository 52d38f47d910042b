using Coravel.Invocable;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>Coravel job: recomputes the email rollups of recently active campaigns (every minute).</summary>
public sealed class RollupCampaignPerformanceJob(CampaignPerformanceRollup rollup) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public Task Invoke() => rollup.RunAsync(ct: CancellationToken);
}
