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
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Application-managed concurrency token (SQLite cannot generate one).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum CampaignType { Email, Sms, Social, Discount }

public enum CampaignStatus { Draft, Scheduled, Active, Paused, Completed, Cancelled }
