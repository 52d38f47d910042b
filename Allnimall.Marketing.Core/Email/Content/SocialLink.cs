namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>One profile link: <see cref="Platform"/> is shown as its text ("Instagram").</summary>
public sealed class SocialLink
{
    public string Platform { get; set; } = "";
    public string Url { get; set; } = "";
    public SocialLink Clone() => (SocialLink)MemberwiseClone();
}
