using System.Data.Common;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>
/// Batch upsert of the store's data, idempotent on the store's own ids. Each batch: validate every row, load the
/// existing rows and the referenced ids in one query per 500 ids, then, inside one transaction, insert the new rows in
/// bulk (<see cref="BulkInsert"/>; EF's SQLite provider sends one statement per row) and save the changes to the loaded
/// ones in ONE SaveChanges. Rows that fail validation are reported and skipped; the others land.
/// </summary>
public sealed partial class StoreIngestService(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The most rows one call takes; the API answers 400 beyond it.</summary>
    public const int MaxBatchSize = 5_000;

    private const string NullRow = "The row is empty (null).";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static void EnsureWithinLimit<TRow>(IReadOnlyList<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count > MaxBatchSize)
            throw new ArgumentOutOfRangeException(nameof(rows), rows.Count, $"At most {MaxBatchSize} rows per batch.");
    }

    /// <summary>
    /// A concurrent batch may insert the same external id between this batch's lookup and its insert; the unique index
    /// then fails the save (DbUpdateException from SaveChanges, DbException from the bulk insert), and running the
    /// batch again turns that insert into an update.
    /// </summary>
    private static async Task<IngestResult> RetryOnConflictAsync(Func<Task<IngestResult>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException)
        {
            return await run();
        }
    }

    /// <summary>
    /// Change detection runs once, just before saving, instead of on every access to the change tracker (the
    /// timestamp interceptor reads it too).
    /// </summary>
    private async Task<MarketingDbContext> OpenAsync(CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return db;
    }

    private static async Task SaveAsync(MarketingDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The new rows (in bulk, stamped as SaveChanges would) and the changes to the loaded ones, in one transaction.</summary>
    private static async Task SaveAsync<T>(MarketingDbContext db, IReadOnlyList<T> inserts, DateTime now, CancellationToken ct)
        where T : class
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkInsert.InsertAsync(db, inserts, now, ct);
        await SaveAsync(db, ct);
        await transaction.CommitAsync(ct);
    }
}
