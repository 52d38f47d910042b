namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>The spec's <c>marketing_campaigns</c> row. Type-specific data lives in the channel tables.</summary>
public class Campaign
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Description { get; set; }
    public CampaignType CampaignType { get; set; }
    public CampaignStatus Status { get; set; } = CampaignStatus.Draft;
    public DateTime? StartDate { get; set; }
    public DateTime? EndDate { get; set; }
    /// <summary>JSON: segments to include and exclude.</summary>
    public string? TargetAudience { get; set; }
    /// <summary>JSON: campaign-specific settings that have no column of their own.</summary>
    public string? CampaignData { get; set; }
    /// <summary>
    /// Email and SMS: the discount (its <c>DiscountCampaign</c> id, the id the discount pages and API use) whose unique
    /// codes the launch hands out, one per delivery, shown to the message as <c>{{ promo_code }}</c>. On the campaign
    /// row rather than on the email/SMS rows: the launcher and the dispatcher already read this row, and the setting
    /// means the same for both channels.
    /// </summary>
    public Guid? PromoDiscountId { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Application-managed concurrency token (SQLite cannot generate one).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum CampaignType { Email, Sms, Social, Discount }

public enum CampaignStatus { Draft, Scheduled, Active, Paused, Completed, Cancelled }
