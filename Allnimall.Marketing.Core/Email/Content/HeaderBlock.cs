namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>The store's logo (or its name when there is no logo), linking to the store.</summary>
public sealed class HeaderBlock : EmailBlock
{
    public string? LogoUrl { get; set; }
    public string? LogoAlt { get; set; } = "{{ store.name }}";
    /// <summary>Shown beside (or instead of) the logo.</summary>
    public string? StoreName { get; set; } = "{{ store.name }}";
    public string? LinkUrl { get; set; } = "{{ store.url }}";
    public int LogoWidth { get; set; } = 160;
    public override EmailBlock Clone() => (HeaderBlock)MemberwiseClone();
}
