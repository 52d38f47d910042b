using System.Text.RegularExpressions;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Allnimall.Marketing.Tests.Integration.Data;

/// <summary>No SQL Server runs here, so these stand in for it: what it would reject must fail here too.</summary>
public sealed partial class SqlServerSchemaTests
{
    // SQL Server's limits: 900 bytes for a clustered key, 1,700 for a nonclustered one.
    private const int MaxClusteredKeyBytes = 900;
    private const int MaxNonclusteredKeyBytes = 1700;

    [Fact]
    public void Migration_script_parses_with_the_TSql_parser()
    {
        using var db = SqlServerModel.CreateContext();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
        var createdTables = new CreatedTables();
        fragment.Accept(createdTables);
        Assert.Contains("marketing_campaigns", createdTables.Names);
        Assert.Contains("segment_customers", createdTables.Names);
        Assert.Contains("AspNetUsers", createdTables.Names); // Identity names its tables explicitly
    }

    [Fact]
    public void Model_has_at_most_one_cascade_path_between_any_two_tables()
    {
        using var db = SqlServerModel.CreateContext();
        var model = db.GetService<IDesignTimeModel>().Model;
        var cascades = model.GetEntityTypes()
            .SelectMany(e => e.GetForeignKeys())
            .Where(fk => fk.DeleteBehavior is DeleteBehavior.Cascade or DeleteBehavior.SetNull && !fk.IsOwnership)
            .Select(fk => (From: fk.PrincipalEntityType.GetTableName()!, To: fk.DeclaringEntityType.GetTableName()!))
            .ToList();

        var problems = new List<string>();
        foreach (var root in cascades.Select(c => c.From).Distinct())
        {
            var paths = new Dictionary<string, int>();
            CountPaths(root, cascades, paths, [root], problems);
            problems.AddRange(paths.Where(p => p.Value > 1).Select(p => $"{root} -> {p.Key}: {p.Value} cascade paths"));
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_index_key_fits_SQL_Servers_key_size_limit_and_has_no_max_column()
    {
        using var db = SqlServerModel.CreateContext();
        var model = db.GetService<IDesignTimeModel>().Model;
        var problems = new List<string>();
        // Owned types share their owner's table and key; JSON-mapped ones have no key of their own in the database.
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            IEnumerable<(string Name, IReadOnlyList<IProperty> Columns, bool Clustered)> keys =
                entity.GetKeys().Select(k => (k.GetName(table) ?? "key", k.Properties, k.IsPrimaryKey() && k.IsClustered(table) != false))
                    .Concat(entity.GetIndexes().Select(i => (i.GetDatabaseName(table) ?? "index", i.Properties, i.IsClustered(table) == true)));
            foreach (var (name, columns, clustered) in keys)
            {
                var bytes = columns.Sum(p => KeyBytes(p.GetColumnType(table)));
                var limit = clustered ? MaxClusteredKeyBytes : MaxNonclusteredKeyBytes;
                if (bytes > limit)
                    problems.Add($"{table.Name}.{name}: {bytes} bytes > {limit} ({string.Join(", ", columns.Select(c => c.GetColumnType(table)))})");
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("nvarchar(256)", 512)]
    [InlineData("varchar(10)", 10)]
    [InlineData("uniqueidentifier", 16)]
    [InlineData("decimal(15,2)", 9)]
    [InlineData("nvarchar(max)", int.MaxValue / 4)]
    public void Key_size_rule_counts_bytes_as_SQL_Server_does(string columnType, int bytes) =>
        Assert.Equal(bytes, KeyBytes(columnType));

    private static void CountPaths(string table, List<(string From, string To)> cascades, Dictionary<string, int> paths,
        HashSet<string> onPath, List<string> problems)
    {
        foreach (var (_, to) in cascades.Where(c => c.From == table))
        {
            if (!onPath.Add(to))
            {
                problems.Add($"cascade cycle through {to}");
                continue;
            }
            paths[to] = paths.GetValueOrDefault(to) + 1;
            CountPaths(to, cascades, paths, onPath, problems);
            onPath.Remove(to);
        }
    }

    private static int KeyBytes(string columnType)
    {
        var type = columnType.ToLowerInvariant();
        // A (max) column cannot be an index key at all: count it as far over the limit.
        if (type.EndsWith("(max)", StringComparison.Ordinal)) return int.MaxValue / 4;
        var length = LengthPattern().Match(type) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0;
        return type switch
        {
            _ when type.StartsWith("nvarchar", StringComparison.Ordinal) || type.StartsWith("nchar", StringComparison.Ordinal) => 2 * length,
            _ when type.StartsWith("varchar", StringComparison.Ordinal) || type.StartsWith("varbinary", StringComparison.Ordinal)
                || type.StartsWith("char", StringComparison.Ordinal) || type.StartsWith("binary", StringComparison.Ordinal) => length,
            "uniqueidentifier" => 16,
            "bigint" or "datetime2" or "datetime" or "float" => 8,
            "int" or "real" or "date" => 4,
            "smallint" => 2,
            "bit" or "tinyint" => 1,
            "datetimeoffset" => 10,
            _ when type.StartsWith("decimal", StringComparison.Ordinal) => 9,
            _ => throw new InvalidOperationException($"Unknown SQL Server column type {columnType}: teach KeyBytes its size."),
        };
    }

    [GeneratedRegex(@"\((\d+)")]
    private static partial Regex LengthPattern();

    private sealed class CreatedTables : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];
        public override void Visit(CreateTableStatement node) => Names.Add(node.SchemaObjectName.BaseIdentifier.Value);
    }
}
