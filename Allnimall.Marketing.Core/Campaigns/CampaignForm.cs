using System.ComponentModel.DataAnnotations;
using Allnimall.Marketing.Core.Email.Content;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// What staff edit (UI) or send (API) to create or change a campaign. Never bound to the entity: status, counts and the
/// creator are the server's. Only the fields of <see cref="Type"/> are read; the others are ignored.
/// </summary>
public sealed class CampaignForm
{
    [Required(ErrorMessage = "Give the campaign a name.")]
    [MaxLength(255, ErrorMessage = "The name is limited to 255 characters.")]
    public string Name { get; set; } = "";

    [MaxLength(2000, ErrorMessage = "The description is limited to 2000 characters.")]
    public string? Description { get; set; }

    public CampaignType Type { get; set; } = CampaignType.Email;

    public DateTime? StartDate { get; set; }

    public DateTime? EndDate { get; set; }

    public List<Guid> IncludeSegments { get; set; } = [];

    public List<Guid> ExcludeSegments { get; set; } = [];

    /// <summary>Email: a newsletter issue, sent to this list's subscribed addresses instead of segments.</summary>
    public Guid? NewsletterListId { get; set; }

    /// <summary>Email: the subject line (Liquid).</summary>
    public string? EmailSubject { get; set; }

    /// <summary>Email, <see cref="EmailEditorMode.Html"/>: the HTML body (Liquid), sanitised before it is stored.</summary>
    public string? EmailContent { get; set; }

    /// <summary>Email: raw HTML (<see cref="EmailContent"/>, the default) or blocks (<see cref="EmailBlocks"/>).</summary>
    public EmailEditorMode EmailEditorMode { get; set; } = EmailEditorMode.Html;

    /// <summary>Email, <see cref="EmailEditorMode.Blocks"/>: the document; rendered to the stored HTML at save.</summary>
    public EmailDocument? EmailBlocks { get; set; }

    /// <summary>Email: the From name; SMS: the sender id.</summary>
    public string? SenderName { get; set; }

    public string? SenderEmail { get; set; }

    /// <summary>SMS: the message text (Liquid).</summary>
    public string? SmsMessage { get; set; }

    /// <summary>
    /// Email and SMS: the discount (code method, active or scheduled) whose unique codes the launch hands out, one per
    /// recipient, shown as <c>{{ promo_code }}</c>. Null: no codes.
    /// </summary>
    public Guid? PromoDiscountId { get; set; }

    /// <summary>Social: one post per platform.</summary>
    public List<SocialPlatform> SocialPlatforms { get; set; } = [];

    public string? SocialContent { get; set; }

    /// <summary>The version the editor loaded; a save against a newer version is a conflict.</summary>
    public Guid? Version { get; set; }

    public CampaignAudience Audience => new(IncludeSegments.Distinct().ToList(), ExcludeSegments.Distinct().ToList(),
        Type == CampaignType.Email ? NewsletterListId : null);
}
