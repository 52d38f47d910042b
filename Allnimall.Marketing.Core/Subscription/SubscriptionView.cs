namespace Allnimall.Marketing.Core.Subscription;

/// <summary>The add-on as the settings page and API show it. <see cref="IsActive"/> is computed at read time.</summary>
public sealed record SubscriptionView(
    SubscriptionStatus Status,
    DateTime? EndsAt,
    bool IsActive,
    int MonthlyEmailQuota,
    int MonthlySmsQuota,
    int EmailsSentThisPeriod,
    int SmsSentThisPeriod,
    DateTime PeriodStart,
    DateTime UpdatedAt);
