namespace Allnimall.Marketing.Core.Tracking;

/// <summary>One thing a customer did or was sent (<c>email_sent</c>, <c>email_open</c>, <c>sms_click</c>, …).</summary>
public class CustomerEngagement
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>
    /// Null on a tracking row (open, click, unsubscribe) of a newsletter issue sent to an outside subscriber, who is
    /// no customer: the row then belongs to its <see cref="DeliveryId"/> only and counts in the campaign's results.
    /// </summary>
    public Guid? CustomerId { get; set; }
    public required string EngagementType { get; set; }
    /// <summary>JSON details (URL clicked, campaign variant, …).</summary>
    public string? EngagementData { get; set; }
    public Guid? CampaignId { get; set; }
    public DateTime EngagementDate { get; set; }
    /// <summary>The delivery an email open, click or unsubscribe came from (tracking rows only).</summary>
    public Guid? DeliveryId { get; set; }
    /// <summary>The clicked link's index in the sent message (<see cref="EmailLink"/>).</summary>
    public int? LinkIndex { get; set; }
    /// <summary>A machine open (image proxy, prefetch) or scanner click: kept, but out of the human rates.</summary>
    public bool IsAutomated { get; set; }
}
