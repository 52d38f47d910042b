namespace Allnimall.Marketing.Core.Campaigns;

public class SocialCampaign
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public SocialPlatform Platform { get; set; }
    public required string PostContent { get; set; }
    public List<string> MediaUrls { get; set; } = [];
    public DateTime? ScheduledTime { get; set; }
    public DateTime? PostedAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum SocialPlatform { Facebook, Instagram, Twitter, Linkedin }
