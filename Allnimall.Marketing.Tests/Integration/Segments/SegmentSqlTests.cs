using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Segments;

/// <summary>
/// Every condition type translates to SQL on both providers (no client evaluation), and no user-supplied value ever
/// appears in the SQL text: values reach the database only as parameters (T38).
/// </summary>
public sealed class SegmentSqlTests(SegmentFixture store) : IClassFixture<SegmentFixture>
{
    private const string Payload = "x'); DROP TABLE customers; --";
    private const decimal OddNumber = 987654.32m;

    public static TheoryData<SegmentField> Fields => [.. SegmentFieldCatalog.All.Select(f => f.Field)];

    private static SegmentCondition SampleCondition(SegmentField field)
    {
        var info = SegmentFieldCatalog.Get(field);
        return info.Kind switch
        {
            FieldValueKind.Number or FieldValueKind.Money => new SegmentCondition
            {
                Field = field, Operator = ConditionOperator.Between,
                Value = field is SegmentField.Age or SegmentField.OrderCount or SegmentField.LifetimeOrders or SegmentField.DaysSinceLastOrder ? 37 : OddNumber,
                Max = field is SegmentField.Age ? 64 : field is SegmentField.DaysSinceLastOrder ? 400 : 2_000_000,
                WithinDays = info.Window == WindowSupport.None ? null : 123,
            },
            FieldValueKind.Score => new SegmentCondition { Field = field, Operator = ConditionOperator.GreaterThanOrEqual, Value = 4 },
            FieldValueKind.Text => new SegmentCondition
            {
                Field = field, Operator = ConditionOperator.In,
                Values = field switch { SegmentField.Gender => ["female"], SegmentField.IncomeBand => ["high"], _ => [Payload] },
            },
            FieldValueKind.RfmGroup => new SegmentCondition { Field = field, Operator = ConditionOperator.In, Values = ["at_risk"] },
            FieldValueKind.Event => new SegmentCondition
            {
                Field = field, Operator = ConditionOperator.Is, ReferenceId = info.Reference == ReferenceKind.None ? null : Guid.NewGuid(),
                WithinDays = info.Window == WindowSupport.None ? null : 123,
            },
            _ => new SegmentCondition { Field = field, Operator = ConditionOperator.IsNot },
        };
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task Condition_translates_on_SQLite_with_values_only_as_parameters(SegmentField field)
    {
        var condition = SampleCondition(field);
        Assert.Empty(SegmentRuleValidator.Validate(condition));
        await using var db = store.Database.CreateDbContext();
        var query = Query(db, condition, RfmThresholds.FromSorted([SegmentFixture.Now], [1], [1m]));

        await using var command = query.CreateDbCommand();
        AssertNoUserValues(command.CommandText);
        Assert.True(await query.CountAsync(TestContext.Current.CancellationToken) >= 0);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Condition_translates_on_SQL_Server_with_values_only_as_parameters(SegmentField field)
    {
        using var db = SqlServerModel.CreateContext();
        var query = Query(db, SampleCondition(field), RfmThresholds.FromSorted([SegmentFixture.Now], [1], [1m]));

        var sql = query.ToQueryString();
        Assert.Contains("FROM [customers]", sql);
        using var command = query.CreateDbCommand();
        AssertNoUserValues(command.CommandText);
    }

    [Fact]
    public async Task A_hostile_value_is_data_not_SQL()
    {
        var rule = new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.NotIn, Values = [Payload, "\"; --", "' OR '1'='1"] };
        Assert.Equal(["Ani", "Budi", "Citra", "Dewi", "Eko"], await store.MatchAsync(rule));
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(5, await db.Customers.CountAsync(TestContext.Current.CancellationToken));
    }

    private static IQueryable<Guid> Query(MarketingDbContext db, SegmentRule rule, RfmThresholds rfm) =>
        db.Customers.Where(SegmentQueryBuilder.Build(rule, new SegmentEvaluationContext(db, SegmentFixture.Now, rfm))).Select(c => c.Id);

    private static void AssertNoUserValues(string sql)
    {
        Assert.DoesNotContain("DROP TABLE", sql, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("987654", sql);
        Assert.DoesNotContain("123", sql);
        Assert.DoesNotContain("37", sql);
    }
}
