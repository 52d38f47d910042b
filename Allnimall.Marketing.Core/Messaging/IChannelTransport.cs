namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// Hands one rendered message to a channel's provider. Return <see cref="TransportResult.Sent"/>,
/// <see cref="TransportResult.TransientFailure"/> (worth retrying), <see cref="TransportResult.Throttled"/> (the provider
/// asked us to wait; not a failure) or <see cref="TransportResult.PermanentFailure"/>; throw only when the outcome is
/// unknown (the provider may or may not have taken the message). See also <see cref="IBatchChannelTransport"/>.
/// </summary>
public interface IChannelTransport
{
    Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);
}
