namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>One step in a campaign's history: who did what, when, and the status before and after.</summary>
public class CampaignEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public CampaignAction Action { get; set; }
    public CampaignStatus? FromStatus { get; set; }
    public CampaignStatus? ToStatus { get; set; }
    /// <summary>Null when the system acted (a scheduled launch, completion at the end date).</summary>
    public string? UserId { get; set; }
    public DateTime At { get; set; }
}

/// <summary><c>ResentUnknown</c>: staff deliberately requeued deliveries whose outcome was unknown.</summary>
public enum CampaignAction { Created, Updated, Duplicated, Scheduled, Launched, Paused, Resumed, Cancelled, Completed, ResentUnknown }
