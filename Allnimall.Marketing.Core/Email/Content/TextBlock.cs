namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// Rich text: a limited HTML subset (p, strong, em, a, ul/ol/li, br), sanitised by <see cref="EmailHtmlSanitizer.SanitizeRichText"/>
/// when rendered; anything else is removed.
/// </summary>
public sealed class TextBlock : EmailBlock
{
    public string Html { get; set; } = "";
    public TextAlign Align { get; set; } = TextAlign.Left;
    public override EmailBlock Clone() => (TextBlock)MemberwiseClone();
}
