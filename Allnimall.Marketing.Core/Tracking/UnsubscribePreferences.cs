namespace Allnimall.Marketing.Core.Tracking;

/// <summary>What the preference page shows: the store, the address (masked) and whether it still gets marketing email.</summary>
public sealed record UnsubscribePreferences(string StoreName, string? MaskedEmail, bool Subscribed);
