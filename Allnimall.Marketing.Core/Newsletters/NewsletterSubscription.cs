namespace Allnimall.Marketing.Core.Newsletters;

/// <summary>
/// One address on one list, with its consent record: when and how it asked (<see cref="RequestedAt"/>,
/// <see cref="Source"/>), when and from where it confirmed, and when and how it left. Unique per list and normalised
/// address. <see cref="CustomerId"/> links the store's customer with that address, when there is one; an outside
/// subscriber is only this row (no customer record is created for it).
/// </summary>
public class NewsletterSubscription
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ListId { get; set; }
    /// <summary>Trimmed, lower case (the form the suppression list uses).</summary>
    public required string Email { get; set; }
    public string? Name { get; set; }
    public Guid? CustomerId { get; set; }
    public NewsletterSubscriptionStatus Status { get; set; } = NewsletterSubscriptionStatus.Pending;
    /// <summary>How it was subscribed: "public form", "api", "staff: name (consent confirmed)".</summary>
    public required string Source { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedIp { get; set; }
    public string? ConfirmedUserAgent { get; set; }
    public DateTime? UnsubscribedAt { get; set; }
    public string? UnsubscribeSource { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
