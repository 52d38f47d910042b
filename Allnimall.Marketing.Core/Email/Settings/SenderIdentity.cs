namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>A sender staff may pick for a campaign: display name and address.</summary>
public sealed record SenderIdentity(string Name, string Address);
