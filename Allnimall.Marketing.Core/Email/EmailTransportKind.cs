namespace Allnimall.Marketing.Core.Email;

/// <summary>Where email goes: the embedded outbox (Development, demos) or a real SMTP relay.</summary>
public enum EmailTransportKind { Outbox, Smtp }
