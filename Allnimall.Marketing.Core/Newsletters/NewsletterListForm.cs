namespace Allnimall.Marketing.Core.Newsletters;

/// <summary>What staff edit (UI) or send (API) to create or change a newsletter list. Checked by <see cref="NewsletterService"/>.</summary>
public sealed class NewsletterListForm
{
    public const int MaxNameLength = 150;
    public const int MaxDescriptionLength = 1000;
    public const int MaxSlugLength = 80;

    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>The public address part; blank: made from the name.</summary>
    public string? Slug { get; set; }
    public bool DoubleOptIn { get; set; } = true;
}
