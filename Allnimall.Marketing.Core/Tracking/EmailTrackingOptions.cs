namespace Allnimall.Marketing.Core.Tracking;

/// <summary>Settings of email tracking and unsubscribe links, bound from "Email:Tracking".</summary>
public sealed class EmailTrackingOptions
{
    /// <summary>The public origin the tracking and unsubscribe links point to (https in production), without a trailing slash.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>The domain of the <c>mailto:unsubscribe+{token}@…</c> List-Unsubscribe address; none when empty.</summary>
    public string? UnsubscribeMailDomain { get; set; }

    /// <summary>
    /// HMAC keys, newest first: the first signs, all verify, so a key is rotated by adding a new one in front and
    /// removing the old one after <see cref="TokenLifetime"/>. Empty: one random key per process (links stop working
    /// after a restart; a warning is logged).
    /// </summary>
    public List<TrackingSigningKey> SigningKeys { get; set; } = [];

    /// <summary>How long open, click and unsubscribe links work after the send (at least 60 days).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>An open this soon after the send is a machine open (a prefetching proxy), whatever its user agent.</summary>
    public TimeSpan MachineOpenWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A click this soon after the send is a scanner click (a mail gateway following every link).</summary>
    public TimeSpan ScannerClickWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events waiting to be written; a full buffer drops an event (counted) rather than slow a response.</summary>
    public int RecorderCapacity { get; set; } = 100_000;

    /// <summary>At most this many events per insert.</summary>
    public int RecorderBatchSize { get; set; } = 5_000;
}
