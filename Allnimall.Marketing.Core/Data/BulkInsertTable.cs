using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allnimall.Marketing.Core.Data;

/// <summary>
/// One table's INSERT for <see cref="BulkInsert"/>: its columns from the EF model, the statement text for a number of
/// rows, and the parameters for those rows. It never touches the database, so the SQL Server shape can be checked
/// without a server.
/// </summary>
internal sealed class BulkInsertTable
{
    /// <summary>
    /// Parameters per multi-row statement (not SQLite): about half SQL Server's limit of 2,100, so 47 (customers) to 200
    /// rows of our tables per round trip (EF's own SQL Server batches hold up to 42 rows). A guess, not a measurement.
    /// </summary>
    public const int MaxParameters = 1_000;

    /// <summary>SQL Server's limit of rows in one VALUES list.</summary>
    public const int MaxRows = 1_000;

    private readonly (IProperty Property, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)[] columns;
    private readonly string prefix;
    private readonly string[] names;

    private BulkInsertTable(string prefix, (IProperty, RelationalTypeMapping, IClrPropertyGetter)[] columns, int rowsPerCommand)
    {
        this.prefix = prefix;
        this.columns = columns;
        RowsPerCommand = rowsPerCommand;
        names = Enumerable.Range(0, rowsPerCommand * columns.Length)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"@p{i}")).ToArray();
    }

    /// <summary>1 on SQLite (one prepared statement re-bound per row, see <see cref="BulkInsert"/>); elsewhere as many as fit.</summary>
    public int RowsPerCommand { get; }

    public static BulkInsertTable For<T>(DbContext db) where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T)} is not mapped");
        var properties = entityType.GetProperties().ToArray();
        if (properties.Any(p => p.IsShadowProperty()))
            throw new NotSupportedException($"{typeof(T).Name} has shadow properties; insert it with SaveChanges");

        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var prefix = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} " +
            $"({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        var columns = properties.Select(p => (p, p.GetRelationalTypeMapping(), p.GetGetter())).ToArray();
        var rowsPerCommand = db.Database.IsSqlite() ? 1 : Math.Clamp(MaxParameters / columns.Length, 1, MaxRows);
        return new BulkInsertTable(prefix, columns, rowsPerCommand);
    }

    /// <summary>A command whose text inserts <paramref name="rows"/> rows (at most <see cref="RowsPerCommand"/>).</summary>
    public DbCommand CreateCommand(DbConnection connection, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, RowsPerCommand);
        var text = new StringBuilder(prefix);
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
                text.Append(c == 0 ? "" : ", ").Append(names[r * columns.Length + c]);
            text.Append(')');
        }
        var command = connection.CreateCommand();
        command.CommandText = text.ToString();
        return command;
    }

    /// <summary>Fresh parameters for every value: a mapping may size or type a parameter by its value (SQL Server strings).</summary>
    public void Bind<T>(DbCommand command, IReadOnlyList<T> rows) where T : class
    {
        command.Parameters.Clear();
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                var (property, mapping, getter) = columns[c];
                command.Parameters.Add(mapping.CreateParameter(
                    command, names[r * columns.Length + c], getter.GetClrValue(rows[r]), property.IsNullable));
            }
        }
    }
}
