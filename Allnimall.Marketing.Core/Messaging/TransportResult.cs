namespace Allnimall.Marketing.Core.Messaging;

/// <summary>A transport's answer for one message.</summary>
public abstract record TransportResult
{
    private TransportResult() { }

    /// <summary>The provider accepted the message under <paramref name="ProviderMessageId"/>.</summary>
    public sealed record Sent(string ProviderMessageId) : TransportResult;

    /// <summary>Not sent, and a later attempt may succeed (timeout before sending, 4xx); counts toward the attempt limit.</summary>
    public sealed record TransientFailure(string Error) : TransportResult;

    /// <summary>Not sent, and retrying will not help (invalid address, rejected content).</summary>
    public sealed record PermanentFailure(string Error) : TransportResult;

    /// <summary>
    /// Not sent because the provider is throttling ("try again in 30 seconds", HTTP 429 Retry-After): the delivery waits
    /// at least <paramref name="RetryAfter"/>, the channel pauses as long, and the attempt does not count as a failure.
    /// </summary>
    public sealed record Throttled(TimeSpan RetryAfter, string Error) : TransportResult;

    /// <summary>
    /// Only in a batch answer: this message was handed over and its outcome is not known (the connection was lost after
    /// the data, RFC 1047). The delivery is recorded unknown and never resent automatically; the batch's other answers stand.
    /// </summary>
    public sealed record Unknown(string Error) : TransportResult;
}
