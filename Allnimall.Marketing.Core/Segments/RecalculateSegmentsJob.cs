using Allnimall.Marketing.Core.Data;
using Coravel.Invocable;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>
/// Recalculates the active dynamic segments that are due. Which are due is read from the database on every run, so a
/// restart or a second instance changes nothing; the refresher's claim keeps two runs off one segment.
/// </summary>
public sealed class RecalculateSegmentsJob(
    IDbContextFactory<MarketingDbContext> dbFactory, SegmentRefresher refresher, IOptions<SegmentOptions> options,
    TimeProvider clock, ILogger<RecalculateSegmentsJob> logger) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        var dueBefore = clock.GetUtcNow().UtcDateTime.AddMinutes(-options.Value.RefreshIntervalMinutes);
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken))
        {
            due = await db.CustomerSegments.AsNoTracking()
                .Where(s => s.IsActive && s.SegmentType == SegmentType.Dynamic && (s.LastRefreshedAt == null || s.LastRefreshedAt <= dueBefore))
                .OrderBy(s => s.LastRefreshedAt).Select(s => s.Id).ToListAsync(CancellationToken);
        }
        foreach (var id in due)
        {
            if (CancellationToken.IsCancellationRequested) return;
            var result = await refresher.RefreshAsync(id, RefreshTrigger.Scheduled, CancellationToken);
            logger.LogInformation("Segment {SegmentId} refresh: {Outcome}, {Count} members in {Ms} ms", id, result.Outcome, result.CustomerCount, result.DurationMs);
        }
    }
}
