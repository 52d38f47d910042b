namespace Allnimall.Marketing.Core.Messaging;

/// <summary>A transport's answer for one message.</summary>
public abstract record TransportResult
{
    private TransportResult() { }

    /// <summary>The provider accepted the message under <paramref name="ProviderMessageId"/>.</summary>
    public sealed record Sent(string ProviderMessageId) : TransportResult;

    /// <summary>Not sent, and a later attempt may succeed (timeout before sending, rate limited, 4xx).</summary>
    public sealed record TransientFailure(string Error) : TransportResult;

    /// <summary>Not sent, and retrying will not help (invalid address, rejected content).</summary>
    public sealed record PermanentFailure(string Error) : TransportResult;
}
