using System.ComponentModel.DataAnnotations;

namespace Allnimall.Marketing.Core.Subscription;

/// <summary>What an admin may change. Usage counters are not editable: they are counted by the sending code.</summary>
public sealed class SubscriptionForm
{
    [Required]
    public SubscriptionStatus? Status { get; set; }

    /// <summary>UTC. Required for an active or trial subscription, and then in the future.</summary>
    [Display(Name = "End date")]
    public DateTime? EndsAt { get; set; }

    [Range(0, 10_000_000)]
    [Display(Name = "Monthly email quota")]
    public int MonthlyEmailQuota { get; set; }

    [Range(0, 1_000_000)]
    [Display(Name = "Monthly SMS quota")]
    public int MonthlySmsQuota { get; set; }

    public static SubscriptionForm From(SubscriptionView view) => new()
    {
        Status = view.Status, EndsAt = view.EndsAt,
        MonthlyEmailQuota = view.MonthlyEmailQuota, MonthlySmsQuota = view.MonthlySmsQuota,
    };
}
