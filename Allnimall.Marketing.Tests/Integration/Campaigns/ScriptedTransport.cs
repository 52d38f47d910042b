using System.Collections.Concurrent;
using Allnimall.Marketing.Core.Messaging;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>A transport whose answer per message is given by the test; records every message it was handed.</summary>
public sealed class ScriptedTransport(Func<OutgoingMessage, CancellationToken, Task<TransportResult>> answer) : IChannelTransport
{
    public ConcurrentQueue<OutgoingMessage> Received { get; } = new();

    public ScriptedTransport(Func<OutgoingMessage, TransportResult> answer) : this((m, _) => Task.FromResult(answer(m))) { }

    public Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        Received.Enqueue(message);
        return answer(message, cancellationToken);
    }
}
