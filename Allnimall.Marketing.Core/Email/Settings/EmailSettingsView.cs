namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>
/// What Settings → Email and <c>GET /api/marketing/settings/email</c> show: the effective values (saved ones, else
/// configuration), whether they were saved here (<see cref="UpdatedAt"/>), and the secrets' status.
/// </summary>
public sealed record EmailSettingsView(EmailSettingsForm Settings, bool Saved, DateTime? UpdatedAt, string? UpdatedBy,
    IReadOnlyList<SecretSetting> Secrets);
