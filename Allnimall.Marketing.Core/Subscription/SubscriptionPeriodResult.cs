namespace Allnimall.Marketing.Core.Subscription;

/// <summary>What a run of <see cref="RollSubscriptionPeriodJob"/> changed.</summary>
public sealed record SubscriptionPeriodResult(bool UsageReset, bool Expired);
