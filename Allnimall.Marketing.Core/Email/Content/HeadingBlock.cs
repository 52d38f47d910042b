namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>A title line (plain text, HTML-encoded).</summary>
public sealed class HeadingBlock : EmailBlock
{
    public string Text { get; set; } = "";
    /// <summary>1 (large) or 2 (smaller).</summary>
    public int Level { get; set; } = 1;
    public TextAlign Align { get; set; } = TextAlign.Left;
    public override EmailBlock Clone() => (HeadingBlock)MemberwiseClone();
}
