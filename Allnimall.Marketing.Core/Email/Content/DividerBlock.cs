namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>A horizontal rule.</summary>
public sealed class DividerBlock : EmailBlock
{
    public string? Color { get; set; } = "#e5e7eb";
    public override EmailBlock Clone() => (DividerBlock)MemberwiseClone();
}
