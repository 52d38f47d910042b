namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>
/// The outcome of "send test" from Settings → Email: which transport carried it and what it answered (the provider's
/// message id when it was accepted, the error otherwise).
/// </summary>
public sealed record SettingsTestSendResult(string Recipient, EmailTransportKind Transport, bool Succeeded, string Answer);
