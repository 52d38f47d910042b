namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>What "test connection" connects to: the SMTP relay or the bounce mailbox.</summary>
public enum ConnectionTarget { Smtp, BounceMailbox }
