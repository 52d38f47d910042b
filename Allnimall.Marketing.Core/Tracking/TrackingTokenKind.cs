namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// What a signed tracking token opens: the pixel, one link, the unsubscribe endpoints, or a newsletter's confirmation
/// link (its id is the subscription's, not a delivery's).
/// </summary>
public enum TrackingTokenKind : byte { Open = 1, Click = 2, Unsubscribe = 3, NewsletterConfirm = 4 }
