namespace Allnimall.Marketing.Core.Tracking;

/// <summary>The verified content of a token: which delivery, what for, which link (clicks only) and when it was issued.</summary>
public sealed record TrackingToken(Guid DeliveryId, TrackingTokenKind Kind, int LinkIndex, DateTimeOffset IssuedAt);
