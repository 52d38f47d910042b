using MimeKit;

namespace Allnimall.Marketing.Core.Email;

/// <summary>A composed message with its SMTP envelope (the VERP sender and the one recipient).</summary>
public sealed record BuiltEmail(MimeMessage Message, MailboxAddress EnvelopeFrom, MailboxAddress Recipient);
