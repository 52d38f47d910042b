namespace Allnimall.Marketing.Core.Tracking;

/// <summary>What a signed tracking token opens: the pixel, one link, or the unsubscribe endpoints.</summary>
public enum TrackingTokenKind : byte { Open = 1, Click = 2, Unsubscribe = 3 }
