namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// A transport that can take several messages in one hand-over (one transaction, one connection, one API call).
/// The dispatcher hands it a channel without a rate limit in one call, and a paced channel in groups of the rate's
/// share of <see cref="Campaigns.DeliveryPacer.BurstWindow"/> (one message at a time when that share is below two).
/// Return one result per message, in order; <see cref="TransportResult.Unknown"/> for a message whose outcome is unknown.
/// Throw only when the outcome of the whole call is unknown: every message of the call is then recorded <c>unknown</c>
/// (at most once), as a single message would be.
/// </summary>
public interface IBatchChannelTransport : IChannelTransport
{
    Task<IReadOnlyList<TransportResult>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default);
}
