using Allnimall.Marketing.Core.Email.Content;

namespace Allnimall.Marketing.Core.Campaigns;

public class EmailCampaign
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public required string Subject { get; set; }
    /// <summary>The HTML that is sent (Liquid personalised per recipient): sanitised raw HTML, or the blocks rendered at save.</summary>
    public required string EmailContent { get; set; }
    /// <summary>How <see cref="EmailContent"/> was made; null for campaigns saved before the block editor (raw HTML).</summary>
    public EmailEditorMode? EditorMode { get; set; }
    /// <summary>Blocks mode: the <see cref="EmailDocument"/> as JSON, so the editor can open it again.</summary>
    public string? ContentBlocks { get; set; }
    /// <summary>Blocks mode: the inbox preview line (also inside <see cref="EmailContent"/> as a hidden span).</summary>
    public string? Preheader { get; set; }
    public Guid? TemplateId { get; set; }
    public string? SenderName { get; set; }
    public string? SenderEmail { get; set; }
    public DateTime CreatedAt { get; set; }
}
