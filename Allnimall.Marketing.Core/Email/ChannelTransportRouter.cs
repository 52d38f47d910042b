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
/// (the outbox: one transaction); for SMTP (the dispatcher hands paced email over in groups of the rate's share of a
/// moment) a batch is sent over up to <see cref="Smtp.SmtpOptions.PoolSize"/> connections at once, and a message whose
/// outcome is unknown (<see cref="SmtpOutcomeUnknownException"/>) is answered <see cref="TransportResult.Unknown"/>
/// while the others keep their answers.
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
                // Each pooled connection carries one message at a time. SmtpTransport builds and signs a message
                // (CPU) before it rents a connection, so a sender per core more than connections keeps the next
                // messages being built while the connections wait on the relay.
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism(group.Key), CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(items, parallel, async (item, ct) => results[item.Index] = await SendOneAsync(group.Key, item.Message, ct));
            }
        }
        return results;
    }

    private static async Task<TransportResult> SendOneAsync(IChannelTransport target, OutgoingMessage message, CancellationToken ct)
    {
        try
        {
            return await target.SendAsync(message, ct);
        }
        catch (SmtpOutcomeUnknownException e)
        {
            return new TransportResult.Unknown(e.Message);
        }
    }

    private int Parallelism(IChannelTransport target) => target is SmtpTransport ? Math.Max(1, options.CurrentValue.Smtp.PoolSize) + Environment.ProcessorCount : 1;

    /// <summary>The transport that carries <paramref name="channel"/>.</summary>
    public IChannelTransport For(DeliveryChannel channel) =>
        channel == DeliveryChannel.Email && options.CurrentValue.Transport == EmailTransportKind.Smtp
            ? services.GetRequiredService<SmtpTransport>()
            : outbox;
}
