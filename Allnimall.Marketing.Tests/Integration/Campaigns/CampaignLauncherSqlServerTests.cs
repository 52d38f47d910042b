using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>No SQL Server runs here: the launch's INSERT … SELECT is built with the SQL Server provider (never connecting) and parsed as T-SQL.</summary>
public sealed class CampaignLauncherSqlServerTests
{
    [Theory]
    [InlineData(DeliveryChannel.Email)]
    [InlineData(DeliveryChannel.Sms)]
    public void Launch_insert_parses_as_TSql_with_every_value_a_parameter(DeliveryChannel channel)
    {
        using var db = SqlServerModel.CreateContext();
        var audience = new CampaignAudience([Guid.NewGuid(), Guid.NewGuid()], [Guid.NewGuid()]);
        var campaignId = Guid.NewGuid();
        using var command = CampaignLauncher.CreateInsertCommand(db, campaignId, channel,
            CampaignLauncher.Recipients(db, audience, channel), new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc));

        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(command.CommandText), out var errors);

        Assert.Empty(errors);
        Assert.Single(Assert.IsType<TSqlScript>(fragment).Batches.SelectMany(b => b.Statements).OfType<InsertStatement>());
        Assert.Contains("NEWID()", command.CommandText);
        Assert.DoesNotContain(campaignId.ToString(), command.CommandText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(audience.IncludeSegments[0].ToString(), command.CommandText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(command.Parameters.Cast<System.Data.Common.DbParameter>(), p => p.ParameterName.TrimStart('@') == "launch_campaign_id");
    }

    [Fact]
    public void Newsletter_issue_insert_parses_as_TSql_with_every_value_a_parameter()
    {
        using var db = SqlServerModel.CreateContext();
        var listId = Guid.NewGuid();
        var campaignId = Guid.NewGuid();
        using var command = CampaignLauncher.CreateNewsletterInsertCommand(db, campaignId,
            CampaignLauncher.NewsletterRecipients(db, listId), new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc));

        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(command.CommandText), out var errors);

        Assert.Empty(errors);
        Assert.Single(Assert.IsType<TSqlScript>(fragment).Batches.SelectMany(b => b.Statements).OfType<InsertStatement>());
        Assert.Contains("newsletter_subscription_id", command.CommandText);
        Assert.DoesNotContain(listId.ToString(), command.CommandText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(campaignId.ToString(), command.CommandText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_send_time_check_with_its_newsletter_branch_translates_to_TSql()
    {
        using var db = SqlServerModel.CreateContext();
        var sql = db.CampaignDeliveries.Where(DeliverySuppression.IsSuppressed(db)).Select(DeliverySuppression.Reason(db)).ToQueryString();

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);

        Assert.Empty(errors);
        Assert.Contains("[newsletter_subscriptions]", sql);
    }
}
