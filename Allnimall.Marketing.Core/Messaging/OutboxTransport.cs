using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// The embedded transport for every channel (Development and demos): the message is stored in
/// <c>outbox_messages</c> for the UI to show. A second send of the same delivery violates the unique
/// <c>delivery_id</c> and throws, so a double send cannot pass unnoticed; a test send has no delivery and is marked as a
/// test. A batch is stored in one transaction
/// (one durable commit instead of one per message, which is what limits the single-message path on SQLite).
/// </summary>
public sealed class OutboxTransport(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider? clock = null) : IBatchChannelTransport
{
    public async Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = ToRow(message);
        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new TransportResult.Sent($"outbox:{row.Id}");
    }

    public async Task<IReadOnlyList<TransportResult>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var rows = messages.Select(ToRow).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await BulkInsert.InsertAsync(db, rows, (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Select(r => (TransportResult)new TransportResult.Sent($"outbox:{r.Id}")).ToList();
    }

    private static OutboxMessage ToRow(OutgoingMessage message) => new()
    {
        DeliveryId = message.IsTest ? null : message.DeliveryId, IsTest = message.IsTest, Channel = message.Channel, Recipient = message.Recipient,
        Subject = message.Subject, Body = message.Body,
    };
}
