using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>
/// Inserts new rows of a batch on SQLite with one prepared INSERT per table, re-bound for every row. EF Core's SQLite
/// provider does not batch: SaveChanges builds, prepares and runs a fresh command per row, which is most of the cost
/// of an ingest batch. Columns, names and values come from the EF model and its type mappings (the same
/// <see cref="RelationalTypeMapping.CreateParameter"/> EF uses), so the rows are stored exactly as SaveChanges stores
/// them. Other providers batch their inserts already; there the rows go through the change tracker.
/// </summary>
internal static class SqliteBulkInsert
{
    /// <summary>Inserts <paramref name="rows"/> now (SQLite, inside the open transaction) or adds them to the context.</summary>
    public static async Task InsertOrAddAsync<T>(MarketingDbContext db, IReadOnlyList<T> rows, DateTime now, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0) return;
        var entityType = db.Model.FindEntityType(typeof(T))!;
        if (!db.Database.IsSqlite() || db.Database.CurrentTransaction is null || entityType.GetProperties().Any(p => p.IsShadowProperty()))
        {
            db.Set<T>().AddRange(rows);
            return;
        }

        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction.GetDbTransaction();
        command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table.Name)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})";
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();
        var stamps = properties.Select(p => p.Name is "CreatedAt" or "UpdatedAt" && p.ClrType == typeof(DateTime)).ToArray();

        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < properties.Length; i++)
            {
                var value = getters[i].GetClrValueUsingContainingEntity(row);
                // The timestamp interceptor does not see these rows; stamp them as it would.
                if (stamps[i] && value is DateTime stamp && stamp == default) value = now;
                command.Parameters.Add(mappings[i].CreateParameter(command, $"@p{i}", value, properties[i].IsNullable));
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
