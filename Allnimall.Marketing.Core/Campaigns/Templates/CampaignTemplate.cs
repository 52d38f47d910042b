namespace Allnimall.Marketing.Core.Campaigns.Templates;

/// <summary>
/// A pre-built campaign (the spec's "pre-built campaign templates"): a type, its channel content and a suggested
/// audience by segment name (resolved when the template is used, since segment ids differ per store). Built-in
/// templates carry a <see cref="Key"/>, are seeded at start-up and cannot be deleted; staff save their own from a campaign.
/// </summary>
public class CampaignTemplate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>A built-in template's stable key ("welcome"); null for templates staff saved.</summary>
    public string? Key { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public CampaignType CampaignType { get; set; }
    public string? Subject { get; set; }
    /// <summary>Email: the HTML body (Liquid).</summary>
    public string? EmailContent { get; set; }
    /// <summary>Email: how the content is edited; null means raw HTML.</summary>
    public Email.Content.EmailEditorMode? EmailEditorMode { get; set; }
    /// <summary>Email in blocks mode: the <see cref="Email.Content.EmailDocument"/> as JSON.</summary>
    public string? EmailContentBlocks { get; set; }
    /// <summary>SMS: the message text (Liquid).</summary>
    public string? SmsMessage { get; set; }
    public string? SocialContent { get; set; }
    public List<SocialPlatform> SocialPlatforms { get; set; } = [];
    /// <summary>Names of the segments to include / exclude; looked up by name when the template is used.</summary>
    public List<string> IncludeSegmentNames { get; set; } = [];
    public List<string> ExcludeSegmentNames { get; set; } = [];
    public bool IsBuiltin { get; set; }
    /// <summary>The user who saved it; null for built-ins.</summary>
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
