namespace Allnimall.Marketing.Core.Subscription;

/// <summary>The store's Marketing add-on subscription: whether it may be used, and how much of its quota is spent.</summary>
public class AddonSubscription
{
    public const string MarketingAddon = "marketing";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string AddonCode { get; set; } = MarketingAddon;
    public SubscriptionStatus Status { get; set; } = SubscriptionStatus.Trial;
    public DateTime? EndsAt { get; set; }
    public int MonthlyEmailQuota { get; set; }
    public int MonthlySmsQuota { get; set; }
    public int EmailsSentThisPeriod { get; set; }
    public int SmsSentThisPeriod { get; set; }
    public DateTime PeriodStart { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Active or trial, and not past its end date.</summary>
    public bool AllowsUseAt(DateTime utcNow) =>
        Status is SubscriptionStatus.Active or SubscriptionStatus.Trial && (EndsAt is null || EndsAt > utcNow);
}

public enum SubscriptionStatus { Active, Trial, Expired }
