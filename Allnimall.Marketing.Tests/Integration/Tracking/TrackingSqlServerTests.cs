using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Allnimall.Marketing.Tests.Integration.Tracking;

/// <summary>No SQL Server runs here: the rollup's and the results' queries are translated by the SQL Server provider and parsed as T-SQL.</summary>
public sealed class TrackingSqlServerTests
{
    public static TheoryData<string> Queries => ["sends", "totals", "firsts", "links"];

    [Theory]
    [MemberData(nameof(Queries))]
    public void Rollup_and_results_queries_translate_to_TSql(string query)
    {
        using var db = SqlServerModel.CreateContext();
        List<Guid> ids = [Guid.NewGuid()];
        var sql = query switch
        {
            "sends" => CampaignPerformanceRollup.Sends(db, ids).ToQueryString(),
            "totals" => CampaignPerformanceRollup.Totals(db, ids).ToQueryString(),
            "firsts" => CampaignPerformanceRollup.Firsts(db, ids).ToQueryString(),
            _ => EmailResultsService.Links(db, ids[0]).Take(EmailResultsService.MaxLinks).ToQueryString(),
        };

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);

        Assert.Empty(errors);
        Assert.Contains("GROUP BY", sql);
    }
}
