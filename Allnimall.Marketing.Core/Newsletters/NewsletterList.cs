namespace Allnimall.Marketing.Core.Newsletters;

/// <summary>
/// A newsletter (the spec's "newsletter management"): a list that customers and outside addresses subscribe to through
/// the public page <c>/newsletters/{slug}</c>; an issue is an email campaign whose audience is the list.
/// </summary>
public class NewsletterList
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public string? Description { get; set; }
    /// <summary>The public address of the subscribe page and endpoint: lower-case letters, digits and dashes.</summary>
    public required string Slug { get; set; }
    /// <summary>On: a public sign-up stays pending until the confirmation link is followed.</summary>
    public bool DoubleOptIn { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
