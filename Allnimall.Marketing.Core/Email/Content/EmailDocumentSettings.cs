namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>Settings of the whole email: the inbox preview line and the colours.</summary>
public sealed class EmailDocumentSettings
{
    /// <summary>The text inboxes show after the subject; rendered as a hidden span at the top of the body.</summary>
    public string? Preheader { get; set; }
    public string BackgroundColor { get; set; } = "#f4f4f5";
    public string ContentBackgroundColor { get; set; } = "#ffffff";
    public string TextColor { get; set; } = "#1f2937";
    /// <summary>Buttons, links and the coupon box.</summary>
    public string AccentColor { get; set; } = "#2563eb";
    public EmailDocumentSettings Clone() => (EmailDocumentSettings)MemberwiseClone();
}
