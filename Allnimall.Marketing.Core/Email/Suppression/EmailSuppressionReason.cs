namespace Allnimall.Marketing.Core.Email.Suppression;

/// <summary>Stored as snake_case: unsubscribed, hard_bounce, complained, soft_bounce_limit, manual.</summary>
public enum EmailSuppressionReason { Unsubscribed, HardBounce, Complained, SoftBounceLimit, Manual }
