namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// What the preference page shows: the store, the address (masked) and whether it still gets marketing email; for a
/// newsletter issue also the list's name (<see cref="NewsletterName"/>) and whether the address is still on it.
/// </summary>
public sealed record UnsubscribePreferences(string StoreName, string? MaskedEmail, bool Subscribed,
    string? NewsletterName = null, bool InNewsletter = false);
