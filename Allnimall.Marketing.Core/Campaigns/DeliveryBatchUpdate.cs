using System.Data.Common;
using System.Text;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Records a batch's outcomes with one UPDATE per outcome kind and chunk instead of one per delivery: values that differ
/// per row (provider message id, error, next attempt) become <c>CASE id WHEN … THEN … END</c>. The WHERE re-checks the
/// dispatcher's claim token, so a row that someone else has since taken (a deliberate resend) is left alone. Column
/// names and parameter types (value converters included) come from the EF model, as in <c>BulkInsert</c>; plain SQL
/// that SQLite and SQL Server both run.
/// </summary>
internal sealed class DeliveryBatchUpdate(MarketingDbContext db, Guid token)
{
    // Up to three parameters per row: within SQL Server's 2,100 per statement. Kept small because SQLite finds each named
    // parameter by a linear search of the statement's names, so binding grows with the square of the parameter count
    // (500 rows per statement measured ~5× slower per row than 100).
    internal const int RowsPerStatement = 100;

    /// <summary>A column set to one value for every row, or to a value per row (<see cref="PerRow"/>).</summary>
    public sealed record Set(string Property, object? Value = null, Func<int, object?>? PerRow = null);

    /// <summary>
    /// Updates the rows of <paramref name="ids"/> still claimed by this token: handed over ('sending', or 'unknown' after a
    /// recovery), or, when <paramref name="handedOver"/> is false, claimed but never given to the transport ('queued').
    /// </summary>
    public async Task<int> ExecuteAsync(IReadOnlyList<Guid> ids, IReadOnlyList<Set> sets, bool handedOver, bool releaseAttempt, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Delivery outcomes are recorded inside a transaction.");
        var changed = 0;
        for (var start = 0; start < ids.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, ids.Count - start);
            await using var command = CreateCommand(ids, start, count, sets, handedOver, releaseAttempt);
            command.Transaction = transaction;
            changed += await command.ExecuteNonQueryAsync(ct);
        }
        return changed;
    }

    /// <summary>One statement for rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 (at most <see cref="RowsPerStatement"/>).</summary>
    internal DbCommand CreateCommand(IReadOnlyList<Guid> ids, int start, int count, IReadOnlyList<Set> sets, bool handedOver, bool releaseAttempt)
    {
        var entity = db.Model.FindEntityType(typeof(CampaignDelivery))!;
        var command = db.Database.GetDbConnection().CreateCommand();
        var idProperty = entity.FindProperty(nameof(CampaignDelivery.Id))!;
        var idColumn = idProperty.GetColumnName();
        // Named with the '@' already: Microsoft.Data.Sqlite otherwise first searches for the bare name, in vain.
        void Add(string property, string name, object? value) => command.Parameters.Add(entity.FindProperty(property)!
            .GetRelationalTypeMapping().CreateParameter(command, "@" + name, value, nullable: true));

        for (var i = 0; i < count; i++) Add(nameof(CampaignDelivery.Id), $"i{i}", ids[start + i]);
        var sql = new StringBuilder("UPDATE campaign_deliveries SET ");
        for (var s = 0; s < sets.Count; s++)
        {
            var set = sets[s];
            sql.Append(s == 0 ? "" : ", ").Append(entity.FindProperty(set.Property)!.GetColumnName()).Append(" = ");
            if (set.PerRow is null)
            {
                Add(set.Property, $"c{s}", set.Value);
                sql.Append("@c").Append(s);
                continue;
            }
            sql.Append("CASE ").Append(idColumn);
            for (var i = 0; i < count; i++)
            {
                Add(set.Property, $"v{s}_{i}", set.PerRow(start + i));
                sql.Append(" WHEN @i").Append(i).Append(" THEN @v").Append(s).Append('_').Append(i);
            }
            sql.Append(" END");
        }
        var attempts = entity.FindProperty(nameof(CampaignDelivery.Attempts))!.GetColumnName();
        if (releaseAttempt) sql.Append(", ").Append(attempts).Append(" = ").Append(attempts).Append(" - 1");
        var status = entity.FindProperty(nameof(CampaignDelivery.Status))!.GetColumnName();
        sql.Append(" WHERE ").Append(entity.FindProperty(nameof(CampaignDelivery.ClaimToken))!.GetColumnName()).Append(" = @token")
            .Append(" AND ").Append(status).Append(handedOver ? " IN (@sending, @unknown) AND " : " = @queued AND ").Append(idColumn).Append(" IN (")
            .AppendJoin(", ", Enumerable.Range(0, count).Select(i => $"@i{i}")).Append(')');
        Add(nameof(CampaignDelivery.ClaimToken), "token", token);
        if (handedOver)
        {
            Add(nameof(CampaignDelivery.Status), "sending", DeliveryStatus.Sending);
            Add(nameof(CampaignDelivery.Status), "unknown", DeliveryStatus.Unknown);
        }
        else
        {
            Add(nameof(CampaignDelivery.Status), "queued", DeliveryStatus.Queued);
        }
        command.CommandText = sql.ToString();
        return command;
    }
}
