namespace Allnimall.Marketing.Core.Campaigns;

public class EmailCampaign
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public required string Subject { get; set; }
    public required string EmailContent { get; set; }
    public Guid? TemplateId { get; set; }
    public string? SenderName { get; set; }
    public string? SenderEmail { get; set; }
    public DateTime CreatedAt { get; set; }
}
