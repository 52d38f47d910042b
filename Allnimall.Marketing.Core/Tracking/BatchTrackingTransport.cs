using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// <see cref="TrackingTransport"/> for a transport that takes batches: the batch's emails are composed, all their links
/// stored in one transaction, then the whole batch handed over in one call. If the links cannot be stored, nothing is
/// handed over and every message of the batch is a transient failure (safe to retry).
/// </summary>
public sealed class BatchTrackingTransport(IBatchChannelTransport inner, EmailTrackingComposer composer, IDbContextFactory<MarketingDbContext> dbFactory)
    : IBatchChannelTransport
{
    private readonly TrackingTransport _single = new(inner, composer, dbFactory);

    internal IBatchChannelTransport Inner => inner;

    public Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
        _single.SendAsync(message, cancellationToken);

    public async Task<IReadOnlyList<TransportResult>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        var composed = new List<OutgoingMessage>(messages.Count);
        var links = new List<EmailLink>();
        // Composition parses and rewrites each email's HTML: CPU work per message, spread over the cores.
        var results = new (OutgoingMessage Message, List<EmailLink> Links)[messages.Count];
        Parallel.For(0, messages.Count, i => results[i] = messages[i].Channel == DeliveryChannel.Email ? _single.Compose(messages[i]) : (messages[i], []));
        foreach (var (message, messageLinks) in results)
        {
            composed.Add(message);
            links.AddRange(messageLinks);
        }
        if (links.Count > 0 && await _single.StoreLinksAsync(links, cancellationToken) is { } failure)
            return messages.Select(_ => failure).ToList();
        return await inner.SendBatchAsync(composed, cancellationToken);
    }
}
