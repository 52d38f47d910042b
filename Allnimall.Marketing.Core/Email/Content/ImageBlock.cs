namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>A picture, optionally a link; <see cref="Width"/> in CSS pixels (at most the 600 px container).</summary>
public sealed class ImageBlock : EmailBlock
{
    public string Src { get; set; } = "";
    /// <summary>Missing alt text is a checklist warning, not an error.</summary>
    public string? Alt { get; set; }
    public string? LinkUrl { get; set; }
    public int? Width { get; set; }
    public override EmailBlock Clone() => (ImageBlock)MemberwiseClone();
}
