using MimeKit;

namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>One message in the bounce mailbox; <see cref="Id"/> is the IMAP UID or the POP3 UIDL/index.</summary>
public sealed record BounceMailboxMessage(string Id, MimeMessage Message);
