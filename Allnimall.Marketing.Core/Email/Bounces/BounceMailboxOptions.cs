using Allnimall.Marketing.Core.Email.Smtp;

namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>
/// "Email:Bounces": the mailbox that receives bounces for the VERP return path. The job runs only when
/// <see cref="Host"/> is set.
/// </summary>
public sealed class BounceMailboxOptions
{
    public BounceMailboxProtocol Protocol { get; set; } = BounceMailboxProtocol.Imap;
    public string? Host { get; set; }
    public int Port { get; set; } = 993;
    public SmtpTlsMode Tls { get; set; } = SmtpTlsMode.SslOnConnect;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>IMAP folder to read (POP3 has only the one mailbox).</summary>
    public string Mailbox { get; set; } = "INBOX";

    /// <summary>How often the mailbox is read, in minutes.</summary>
    public int IntervalMinutes { get; set; } = 5;

    /// <summary>Soft bounces of one address within <see cref="SoftBounceWindowDays"/> that suppress it.</summary>
    public int SoftBounceLimit { get; set; } = 3;

    public int SoftBounceWindowDays { get; set; } = 30;

    /// <summary>Campaign emails in 24 hours below which the complaint rate never pauses campaigns (too few to judge).</summary>
    public int ComplaintMinimumSent { get; set; } = 1000;

    /// <summary>Messages read per run, so one huge backlog cannot hold the job for long.</summary>
    public int MaxMessagesPerRun { get; set; } = 500;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
