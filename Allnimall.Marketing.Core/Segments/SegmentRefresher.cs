using System.Data.Common;
using System.Diagnostics;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allnimall.Marketing.Core.Segments;

/// <summary>
/// Recalculates a segment's members set-based: one DELETE of those who no longer match and one INSERT … SELECT of
/// those who newly match, in one transaction with the new count, so members who stay keep their <c>added_at</c>.
/// </summary>
public sealed class SegmentRefresher(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How long a claim holds if its refresher dies; a refresh of a million customers takes seconds.</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(10);

    public async Task<SegmentRefreshResult> RefreshAsync(Guid segmentId, RefreshTrigger trigger, CancellationToken ct = default)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await TryClaimAsync(db, segmentId, now, ct))
            return new(await db.CustomerSegments.AnyAsync(s => s.Id == segmentId, ct) ? RefreshOutcome.AlreadyRunning : RefreshOutcome.NotFound);

        try
        {
            var segment = await db.CustomerSegments.AsNoTracking().SingleAsync(s => s.Id == segmentId, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var (added, removed) = segment.SegmentType == SegmentType.Dynamic
                ? await ApplyRuleAsync(db, segment, now, ct)
                : (0, 0);
            var count = await db.SegmentCustomers.CountAsync(m => m.SegmentId == segmentId, ct);
            var duration = (int)stopwatch.ElapsedMilliseconds;
            await db.CustomerSegments.Where(s => s.Id == segmentId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.CustomerCount, count)
                .SetProperty(x => x.LastRefreshedAt, now)
                .SetProperty(x => x.RefreshClaimedUntil, (DateTime?)null), ct);
            db.SegmentRefreshes.Add(new SegmentRefresh
            {
                SegmentId = segmentId, RefreshedAt = now, CustomerCount = count, Added = added, Removed = removed,
                DurationMs = duration, Trigger = trigger,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new(RefreshOutcome.Refreshed, count, added, removed, duration);
        }
        catch
        {
            await ReleaseClaimAsync(segmentId);
            throw;
        }
    }

    private static async Task<bool> TryClaimAsync(MarketingDbContext db, Guid segmentId, DateTime now, CancellationToken ct)
    {
        var until = now + ClaimDuration;
        return await db.CustomerSegments
            .Where(s => s.Id == segmentId && (s.RefreshClaimedUntil == null || s.RefreshClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshClaimedUntil, until), ct) == 1;
    }

    private async Task ReleaseClaimAsync(Guid segmentId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.CustomerSegments.Where(s => s.Id == segmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshClaimedUntil, (DateTime?)null));
    }

    private static async Task<(int Added, int Removed)> ApplyRuleAsync(MarketingDbContext db, CustomerSegment segment, DateTime now, CancellationToken ct)
    {
        var matching = await MatchingCustomersAsync(db, SegmentRuleJson.Deserialize(segment.SegmentCriteria), now, ct);
        // NOT EXISTS per current member (a key lookup and the rule for that one customer), not a scan of every customer.
        var removed = await db.SegmentCustomers
            .Where(m => m.SegmentId == segment.Id && !matching.Any(c => c.Id == m.CustomerId))
            .ExecuteDeleteAsync(ct);
        var added = await InsertNewMembersAsync(db, segment.Id, matching.Select(c => c.Id), now, ct);
        return (added, removed);
    }

    internal static async Task<IQueryable<Customer>> MatchingCustomersAsync(MarketingDbContext db, SegmentRule rule, DateTime now, CancellationToken ct)
    {
        var rfm = SegmentQueryBuilder.UsesRfm(rule) ? await RfmCalculator.ComputeAsync(db, now, ct) : RfmThresholds.Empty;
        return db.Customers.Where(SegmentQueryBuilder.Build(rule, new SegmentEvaluationContext(db, now, rfm)));
    }

    internal static async Task<IQueryable<Guid>> MatchingCustomerIdsAsync(MarketingDbContext db, SegmentRule rule, DateTime now, CancellationToken ct) =>
        (await MatchingCustomersAsync(db, rule, now, ct)).Select(c => c.Id);

    /// <summary>
    /// EF Core has no INSERT … SELECT, so the SELECT is EF's own SQL for the matching query (values are parameters,
    /// none of it is user text) wrapped in a fixed INSERT whose own values are parameters too.
    /// </summary>
    private static async Task<int> InsertNewMembersAsync(MarketingDbContext db, Guid segmentId, IQueryable<Guid> matching, DateTime now, CancellationToken ct)
    {
        await using var select = matching.CreateDbCommand();
        var command = db.Database.GetDbConnection().CreateCommand();
        await using var _ = command;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandTimeout = 300;
        var newId = db.Database.IsSqlite() ? SqliteRandomGuid : "NEWID()";
        command.CommandText =
            $"INSERT INTO segment_customers (id, segment_id, customer_id, added_at) " +
            $"SELECT {newId}, @refresh_segment_id, m.id, @refresh_now FROM ({select.CommandText}) AS m " +
            "WHERE NOT EXISTS (SELECT 1 FROM segment_customers AS s WHERE s.segment_id = @refresh_segment_id AND s.customer_id = m.id)";
        // Move EF's parameters (with its own type conversions) to the wrapping command.
        var parameters = select.Parameters.Cast<DbParameter>().ToList();
        select.Parameters.Clear();
        foreach (var parameter in parameters) command.Parameters.Add(parameter);
        var mappings = db.GetService<IRelationalTypeMappingSource>();
        command.Parameters.Add(mappings.FindMapping(typeof(Guid))!.CreateParameter(command, "refresh_segment_id", segmentId));
        command.Parameters.Add(mappings.FindMapping(typeof(DateTime))!.CreateParameter(command, "refresh_now", now));
        return await command.ExecuteNonQueryAsync(ct);
    }

    // EF stores a Guid in SQLite as upper-case text; this builds a random (version 4) one per row.
    private const string SqliteRandomGuid =
        "hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || " +
        "substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))";
}
