using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// The email composition step, as a decorator over the real transport: each email of a delivery gets its signed click
/// links, open pixel, unsubscribe URL and List-Unsubscribe header fields, and its links are stored before the message is
/// handed on (so a click can never arrive before its destination exists). Other channels pass through untouched.
/// A test send ("send test" in the campaign form) has no delivery to record against: its links stay the real
/// destinations (staff can check them, nothing is counted), it gets no pixel, and its unsubscribe link and headers
/// carry a signed token for the test's own id, which the unsubscribe page answers as a link that unsubscribes no one.
/// </summary>
public sealed class TrackingTransport(IChannelTransport inner, EmailTrackingComposer composer, IDbContextFactory<MarketingDbContext> dbFactory)
    : IChannelTransport
{
    internal IChannelTransport Inner => inner;

    public async Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        if (message.Channel != DeliveryChannel.Email) return await inner.SendAsync(message, cancellationToken);
        var (composed, links) = Compose(message);
        if (links.Count > 0 && await StoreLinksAsync(links, cancellationToken) is { } failure) return failure;
        return await inner.SendAsync(composed, cancellationToken);
    }

    internal (OutgoingMessage Message, List<EmailLink> Links) Compose(OutgoingMessage message)
    {
        var tracked = composer.Compose(message.DeliveryId, message.Body, track: !message.IsTest);
        var links = tracked.Links.Select((url, index) => new EmailLink { DeliveryId = message.DeliveryId, LinkIndex = index, Url = url }).ToList();
        return (message with { Body = tracked.Html, Headers = Merge(message.Headers, tracked.Headers) }, links);
    }

    /// <summary>
    /// Replaces the deliveries' stored links in one transaction (a retried delivery is composed again). A failure is
    /// transient: nothing was handed over, so the delivery is safely retried.
    /// </summary>
    internal async Task<TransportResult?> StoreLinksAsync(List<EmailLink> links, CancellationToken ct)
    {
        try
        {
            var ids = links.Select(l => l.DeliveryId).Distinct().ToList();
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.EmailLinks.Where(l => ids.Contains(l.DeliveryId)).ExecuteDeleteAsync(ct);
            await BulkInsert.InsertAsync(db, links, null, ct);
            await transaction.CommitAsync(ct);
            return null;
        }
        catch (DbUpdateException e)
        {
            return new TransportResult.TransientFailure($"Could not store the email's tracked links: {e.Message}");
        }
        catch (Exception e) when (e is System.Data.Common.DbException)
        {
            return new TransportResult.TransientFailure($"Could not store the email's tracked links: {e.Message}");
        }
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? existing, IReadOnlyDictionary<string, string> added)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in existing ?? new Dictionary<string, string>()) headers[name] = value;
        foreach (var (name, value) in added) headers[name] = value;
        return headers;
    }
}
