namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>Vertical space, in pixels.</summary>
public sealed class SpacerBlock : EmailBlock
{
    public const int MaxHeight = 200;
    public int Height { get; set; } = 24;
    public override EmailBlock Clone() => (SpacerBlock)MemberwiseClone();
}
