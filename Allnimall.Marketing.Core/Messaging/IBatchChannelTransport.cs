namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// A transport that can take several messages in one hand-over (one transaction, one connection, one API call).
/// The dispatcher uses it for channels without a rate limit; a paced channel is always sent one message at a time.
/// Return one result per message, in order. Throw only when the outcome is unknown: every message of the call is then
/// recorded <c>unknown</c> (at most once), as a single message would be.
/// </summary>
public interface IBatchChannelTransport : IChannelTransport
{
    Task<IReadOnlyList<TransportResult>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default);
}
