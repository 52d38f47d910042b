namespace Allnimall.Marketing.Core.Campaigns;

public class SmsCampaign
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public required string MessageContent { get; set; }
    public string? SenderName { get; set; }
    public DateTime CreatedAt { get; set; }
}
