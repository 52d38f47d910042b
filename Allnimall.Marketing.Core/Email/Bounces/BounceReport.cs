namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>
/// What one bounce or complaint says: the delivery it names (from the VERP address or the returned message's
/// X-Allnimall-Delivery header), the failed recipient, the RFC 3463 status and the remote's diagnostic text.
/// </summary>
public sealed record BounceReport(BounceKind Kind, Guid DeliveryId, string? Recipient, string? Status, string? Diagnostic);
