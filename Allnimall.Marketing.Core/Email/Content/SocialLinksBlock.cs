namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>A row of links to the store's social profiles.</summary>
public sealed class SocialLinksBlock : EmailBlock
{
    public List<SocialLink> Links { get; set => field = value ?? []; } = [];
    public override EmailBlock Clone()
    {
        var copy = (SocialLinksBlock)MemberwiseClone();
        copy.Links = Links.Select(l => l.Clone()).ToList();
        return copy;
    }
}
