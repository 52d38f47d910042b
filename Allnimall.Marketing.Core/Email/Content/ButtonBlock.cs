namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>A call-to-action link drawn as a button (a table cell, which every mail client renders).</summary>
public sealed class ButtonBlock : EmailBlock
{
    public string Label { get; set; } = "";
    public string Url { get; set; } = "";
    /// <summary>Null: the document's accent colour.</summary>
    public string? BackgroundColor { get; set; }
    public string? TextColor { get; set; } = "#ffffff";
    public TextAlign Align { get; set; } = TextAlign.Center;
    public override EmailBlock Clone() => (ButtonBlock)MemberwiseClone();
}
