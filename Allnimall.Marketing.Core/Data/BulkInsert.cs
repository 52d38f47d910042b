using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allnimall.Marketing.Core.Data;

/// <summary>
/// Inserts new rows with parameterised INSERTs built from the EF model, bypassing the change tracker. Column names,
/// value converters (snake_case enums, JSON lists) and parameter types come from EF's own type mappings (the same
/// <see cref="RelationalTypeMapping.CreateParameter"/> SaveChanges uses), so rows are stored exactly as SaveChanges
/// stores them. Runs on the context's connection inside the caller's transaction. Only for entity types whose columns
/// are all CLR properties and whose values all come from the object (no store-generated columns).
/// </summary>
/// <remarks>
/// The statement shape depends on the provider:
/// <list type="bullet">
/// <item>SQLite runs in-process, so a statement costs no round trip: ONE single-row INSERT, prepared once and re-bound
/// per row, is fastest. Measured (20,000 orders, 50,000 items, 20,000 browsing events in one transaction, best of 5):
/// 0.47 s; multi-row INSERTs of ~200 parameters, a new command per chunk, 1.18 s; the same reusing the full-size
/// command, 0.95 s. The demo store is written in 1.3-1.6 s instead of 2.0-2.2 s with multi-row INSERTs.</item>
/// <item>Other providers (SQL Server) pay a round trip per statement: multi-row INSERTs, within SQL Server's limits of
/// 2,100 parameters and 1,000 rows per statement (EF's own SQL Server batches are multi-row VALUES INSERTs too).
/// Not measured: no SQL Server runs here; a test checks the statements parse as T-SQL and stay within the limits.</item>
/// </list>
/// </remarks>
internal static class BulkInsert
{
    /// <summary>
    /// Inserts <paramref name="rows"/> now, in the context's current transaction. With <paramref name="stampTimestampsAt"/>,
    /// a default <c>CreatedAt</c>/<c>UpdatedAt</c> is set to it first, as <see cref="TimestampInterceptor"/> does for
    /// SaveChanges (it does not see these rows).
    /// </summary>
    public static async Task InsertAsync<T>(
        MarketingDbContext db, IReadOnlyCollection<T> rows, DateTime? stampTimestampsAt, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction: begin one first.");
        if (stampTimestampsAt is { } now) StampTimestamps(db, rows, now);

        var table = BulkInsertTable.For<T>(db);
        var connection = db.Database.GetDbConnection();
        // Every full chunk runs the same command, so the provider prepares (SQLite) or plans it once; only the last
        // chunk can be shorter.
        DbCommand? full = null;
        try
        {
            foreach (var chunk in rows.Chunk(table.RowsPerCommand))
            {
                if (chunk.Length == table.RowsPerCommand)
                {
                    await ExecuteAsync(full ??= table.CreateCommand(connection, chunk.Length), chunk);
                    continue;
                }
                await using var last = table.CreateCommand(connection, chunk.Length);
                await ExecuteAsync(last, chunk);
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }

        async Task ExecuteAsync(DbCommand command, T[] chunk)
        {
            command.Transaction = transaction;
            table.Bind(command, chunk);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static void StampTimestamps<T>(MarketingDbContext db, IReadOnlyCollection<T> rows, DateTime now) where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T))!;
        foreach (var name in (string[])["CreatedAt", "UpdatedAt"])
        {
            if (entityType.FindProperty(name) is not { PropertyInfo: { } info } || info.PropertyType != typeof(DateTime)) continue;
            foreach (var row in rows)
                if ((DateTime)info.GetValue(row)! == default) info.SetValue(row, now);
        }
    }
}
