using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// The embedded transport for every channel (Development and demos): the message is stored in
/// <c>outbox_messages</c> for the UI to show. A second send of the same delivery violates the unique
/// <c>delivery_id</c> and throws, so a double send cannot pass unnoticed. A test send has no delivery and is marked as a test.
/// </summary>
public sealed class OutboxTransport(IDbContextFactory<MarketingDbContext> dbFactory) : IChannelTransport
{
    public async Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = new OutboxMessage
        {
            DeliveryId = message.IsTest ? null : message.DeliveryId, IsTest = message.IsTest, Channel = message.Channel, Recipient = message.Recipient,
            Subject = message.Subject, Body = message.Body,
        };
        db.OutboxMessages.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return new TransportResult.Sent($"outbox:{row.Id}");
    }
}
