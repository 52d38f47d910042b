using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Email;

/// <summary>
/// The registered <see cref="IChannelTransport"/>: email goes over SMTP when <c>Email:Transport</c> is <c>Smtp</c>;
/// everything else (email in Development and demos, SMS, social posts) goes to the outbox. Campaign sends and "send
/// test" both resolve this, so a test travels the way the campaign will. A batch goes whole to a batch-capable transport
/// (the outbox: one transaction); for SMTP — whose email the dispatcher paces, so sends one by one — a batch is sent
/// message by message, and an unknown outcome part-way makes the whole call unknown, as the batch contract says.
/// </summary>
public sealed class ChannelTransportRouter(OutboxTransport outbox, IServiceProvider services, IOptionsMonitor<EmailOptions> options) : IBatchChannelTransport
{
    public Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return For(message.Channel).SendAsync(message, cancellationToken);
    }

    public async Task<IReadOnlyList<TransportResult>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var results = new TransportResult[messages.Count];
        // The dispatcher hands over one channel per batch; grouping keeps any mix correct and the answers in order.
        foreach (var group in messages.Select((m, i) => (Message: m, Index: i)).GroupBy(x => For(x.Message.Channel)))
        {
            var items = group.ToList();
            if (group.Key is IBatchChannelTransport batch)
            {
                var answers = await batch.SendBatchAsync(items.Select(x => x.Message).ToList(), cancellationToken);
                for (var i = 0; i < items.Count; i++) results[items[i].Index] = answers[i];
            }
            else
            {
                foreach (var (message, index) in items) results[index] = await group.Key.SendAsync(message, cancellationToken);
            }
        }
        return results;
    }

    /// <summary>The transport that carries <paramref name="channel"/>.</summary>
    public IChannelTransport For(DeliveryChannel channel) =>
        channel == DeliveryChannel.Email && options.CurrentValue.Transport == EmailTransportKind.Smtp
            ? services.GetRequiredService<SmtpTransport>()
            : outbox;
}
