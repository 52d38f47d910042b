namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>A secret the page never shows or stores: whether it is set, and the environment variable that sets it.</summary>
public sealed record SecretSetting(string Name, bool IsSet, string EnvironmentVariable);
