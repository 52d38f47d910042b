using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>The batch outcome UPDATE (built with the SQL Server provider, never connecting) is valid T-SQL within SQL Server's parameter limit.</summary>
public sealed class DeliveryBatchUpdateSqlServerTests
{
    [Fact]
    public void A_full_chunk_with_two_values_per_row_parses_as_TSql_under_2100_parameters()
    {
        using var db = SqlServerModel.CreateContext();
        var ids = Enumerable.Range(0, DeliveryBatchUpdate.RowsPerStatement).Select(_ => Guid.NewGuid()).ToList();
        var now = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        using var command = new DeliveryBatchUpdate(db, Guid.NewGuid()).CreateCommand(ids, 0, ids.Count, [
            new(nameof(CampaignDelivery.Status), DeliveryStatus.Queued),
            new(nameof(CampaignDelivery.NextAttemptAt), PerRow: i => now.AddSeconds(i)),
            new(nameof(CampaignDelivery.LastError), PerRow: i => $"error {i}"),
            new(nameof(CampaignDelivery.ClaimToken))], handedOver: true, releaseAttempt: true);

        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(command.CommandText), out var errors);

        Assert.Empty(errors);
        Assert.Single(Assert.IsType<TSqlScript>(fragment).Batches.SelectMany(b => b.Statements).OfType<UpdateStatement>());
        Assert.InRange(command.Parameters.Count, ids.Count * 3, 2_100);
        Assert.DoesNotContain(ids[0].ToString(), command.CommandText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("attempts = attempts - 1", command.CommandText);
    }
}
