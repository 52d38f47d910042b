namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// An open or click as the endpoint saw it, waiting to be written. <see cref="Url"/>: the stored destination of a
/// click. <see cref="IsHead"/>: a HEAD request (only machines send those).
/// </summary>
public sealed record TrackingEvent(
    Guid DeliveryId, TrackingTokenKind Kind, int LinkIndex, DateTime At, string? UserAgent, string? Url = null, bool IsHead = false);
