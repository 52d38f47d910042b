namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// What every marketing email must end with: who sends it, their physical address, and the unsubscribe and preferences
/// links. Both links use <c>{{ unsubscribe_url }}</c>: a GET on it opens the preference page, it never unsubscribes.
/// </summary>
public sealed class FooterBlock : EmailBlock
{
    public string? StoreName { get; set; } = "{{ store.name }}";
    public string? Address { get; set; } = "{{ store.address }}";
    public string? Note { get; set; } = "You receive this email because you are a customer of {{ store.name }}.";
    public string UnsubscribeText { get; set; } = "Unsubscribe";
    public string PreferencesText { get; set; } = "Email preferences";
    public override EmailBlock Clone() => (FooterBlock)MemberwiseClone();
}
