using System.Data;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Allnimall.Marketing.Tests.Integration.Data;

/// <summary>
/// No SQL Server runs here, so the bulk insert's SQL Server statements are built with the SQL Server provider (never
/// connecting) and checked for what SQL Server would reject: T-SQL syntax, 2,100 parameters, 1,000 VALUES rows.
/// </summary>
public sealed class BulkInsertSqlServerTests
{
    private const int SqlServerMaxParameters = 2_100;
    private const int SqlServerMaxRows = 1_000;

    [Fact]
    public void Full_statements_of_every_bulk_inserted_table_parse_as_TSql_within_the_limits()
    {
        using var db = SqlServerModel.CreateContext();
        var problems = new List<string>();
        problems.AddRange(Check<ProductCategory>(db));
        problems.AddRange(Check<Product>(db));
        problems.AddRange(Check<Customer>(db));
        problems.AddRange(Check<Order>(db));
        problems.AddRange(Check<OrderItem>(db));
        problems.AddRange(Check<BrowsingEvent>(db));
        problems.AddRange(Check<Campaign>(db));
        problems.AddRange(Check<EmailCampaign>(db));
        problems.AddRange(Check<SmsCampaign>(db));
        problems.AddRange(Check<SocialCampaign>(db));
        problems.AddRange(Check<DiscountCampaign>(db));
        problems.AddRange(Check<CampaignPerformance>(db));
        problems.AddRange(Check<CustomerEngagement>(db));
        Assert.Empty(problems);
    }

    [Fact]
    public void Parameters_are_typed_and_converted_as_EF_does_on_SQL_Server()
    {
        using var db = SqlServerModel.CreateContext();
        var table = BulkInsertTable.For<Order>(db);
        Order Sample(string id) => new()
        {
            ExternalId = id, PlacedAt = new DateTime(2026, 10, 3, 4, 5, 6, 789, DateTimeKind.Utc), Status = OrderStatus.Shipped,
            Subtotal = 1234.56m, Total = 1234.56m, Channel = SalesChannel.InStore,
        };
        using var command = table.CreateCommand(db.Database.GetDbConnection(), 2);

        table.Bind(command, [Sample("A"), Sample("B")]);

        var parameters = command.Parameters.Cast<SqlParameter>().ToList();
        var columns = parameters.Count / 2;
        Assert.Equal(2 * columns, parameters.Count);
        Assert.Equal(parameters.Select(p => p.ParameterName), Enumerable.Range(0, parameters.Count).Select(i => $"@p{i}"));
        var second = parameters.Skip(columns).ToList();
        Assert.Contains(second, p => Equals(p.Value, "B"));
        Assert.Contains(second, p => Equals(p.Value, "shipped"));
        Assert.Contains(second, p => Equals(p.Value, "in_store"));
        Assert.Contains(second, p => p is { SqlDbType: SqlDbType.DateTime2 } && Equals(p.Value, new DateTime(2026, 10, 3, 4, 5, 6, 789, DateTimeKind.Utc)));
        Assert.Contains(second, p => p is { DbType: DbType.Decimal, Precision: 15, Scale: 2 } && Equals(p.Value, 1234.56m));
        Assert.Contains(second, p => p.Value == DBNull.Value); // PromoCode
    }

    private static IEnumerable<string> Check<T>(DbContext db) where T : class
    {
        var table = BulkInsertTable.For<T>(db);
        using var command = table.CreateCommand(db.Database.GetDbConnection(), table.RowsPerCommand);
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(command.CommandText);
        var fragment = parser.Parse(reader, out var errors);
        foreach (var error in errors) yield return $"{typeof(T).Name}: line {error.Line}: {error.Message}";

        var insert = Assert.Single(Assert.IsType<TSqlScript>(fragment).Batches.SelectMany(b => b.Statements).OfType<InsertStatement>());
        var values = Assert.IsType<ValuesInsertSource>(insert.InsertSpecification.InsertSource);
        var columns = insert.InsertSpecification.Columns.Count;
        if (values.RowValues.Count != table.RowsPerCommand)
            yield return $"{typeof(T).Name}: {values.RowValues.Count} rows, expected {table.RowsPerCommand}";
        if (table.RowsPerCommand is < 2 or > SqlServerMaxRows)
            yield return $"{typeof(T).Name}: {table.RowsPerCommand} rows per statement";
        if (columns * table.RowsPerCommand > SqlServerMaxParameters)
            yield return $"{typeof(T).Name}: {columns * table.RowsPerCommand} parameters per statement";
        if (values.RowValues.Any(row => row.ColumnValues.Count != columns))
            yield return $"{typeof(T).Name}: a row's value count differs from the column count";
    }
}
