using System.Data.Common;
using System.Globalization;
using System.Text;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>
/// Multi-row parameterised INSERTs built from the EF model: column names, value converters (snake_case enums, JSON
/// lists) and parameter types all come from EF's own mappings, so rows are stored exactly as SaveChanges would store
/// them, at a fraction of the cost (EF's SQLite provider sends one statement per row). Runs on the context's
/// connection and current transaction. Only for plain entity types whose columns are all CLR properties.
/// </summary>
internal static class DemoBulkInsert
{
    // SQL Server accepts at most 2,100 parameters and 1,000 VALUES rows per statement. SQLite resolves each parameter
    // name by a linear scan, so very wide statements cost quadratic time: ~200 parameters measured fastest here.
    private const int MaxParameters = 200, MaxRows = 1_000;

    public static async Task InsertAsync<T>(MarketingDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Select(p => (Property: p, Name: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping(), Getter: p.GetGetter()))
            .ToList();
        if (columns.Any(c => c.Property.IsShadowProperty()))
            throw new NotSupportedException($"{typeof(T).Name} has shadow properties; insert it with SaveChanges");

        var sql = db.GetService<ISqlGenerationHelper>();
        var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))}) VALUES ";
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var rowsPerCommand = Math.Clamp(MaxParameters / columns.Count, 1, MaxRows);

        foreach (var chunk in rows.Chunk(rowsPerCommand))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(insert);
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r * columns.Count + c}");
                    text.Append(c == 0 ? "" : ", ").Append(name);
                    var column = columns[c];
                    command.Parameters.Add(column.Mapping.CreateParameter(
                        command, name, column.Getter.GetClrValue(chunk[r]), column.Property.IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
