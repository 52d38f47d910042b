using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Dkim;
using Allnimall.Marketing.Core.Email.Smtp;

namespace Allnimall.Marketing.Core.Email;

/// <summary>
/// The "Email" configuration section: which transport carries email, the default sender, the domains used for
/// Message-ID and the VERP return path, and the SMTP, DKIM and bounce-mailbox settings.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary><see cref="EmailTransportKind.Outbox"/> (default: stored for the UI) or <see cref="EmailTransportKind.Smtp"/>.</summary>
    public EmailTransportKind Transport { get; set; } = EmailTransportKind.Outbox;

    /// <summary>Default sender address when a campaign names none.</summary>
    public string From { get; set; } = "marketing@allnimall.local";

    /// <summary>Default sender display name when a campaign names none.</summary>
    public string? FromName { get; set; }

    /// <summary>Right-hand side of every Message-ID (<c>&lt;deliveryId@domain&gt;</c>); the sender's domain when empty.</summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>Local part of the VERP envelope sender: <c>bounces+&lt;delivery&gt;@domain</c>.</summary>
    public string ReturnPathLocalPart { get; set; } = "bounces";

    /// <summary>Domain of the VERP envelope sender (the bounce mailbox's domain); the sender's domain when empty.</summary>
    public string? ReturnPathDomain { get; set; }

    public SmtpOptions Smtp { get; set; } = new();
    public DkimOptions Dkim { get; set; } = new();
    public BounceMailboxOptions Bounces { get; set; } = new();
}
