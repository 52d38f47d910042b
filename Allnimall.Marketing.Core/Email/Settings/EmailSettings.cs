using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Smtp;

namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>
/// The one row of <c>email_settings</c> (<see cref="SingletonId"/>): what Settings → Email saved over the "Email" and
/// "Delivery" configuration. Only settings that are not secret live here; passwords and the DKIM key stay in
/// configuration and the environment. While the row exists, every value in it wins over configuration.
/// </summary>
public class EmailSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public EmailTransportKind Transport { get; set; }
    public required string FromAddress { get; set; }
    public string? FromName { get; set; }
    /// <summary>JSON array of <see cref="SenderIdentity"/>: the senders staff may pick on a campaign.</summary>
    public string SenderIdentities { get; set; } = "[]";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; }
    public SmtpTlsMode SmtpTls { get; set; }
    public string? SmtpUser { get; set; }
    public double SmtpMessagesPerSecond { get; set; }
    public required string StoreName { get; set; }
    public string? StoreAddress { get; set; }
    public string? StoreUrl { get; set; }
    public string? DkimDomain { get; set; }
    public string? DkimSelector { get; set; }
    public BounceMailboxProtocol BounceProtocol { get; set; }
    public string? BounceHost { get; set; }
    public int BouncePort { get; set; }
    public SmtpTlsMode BounceTls { get; set; }
    public string? BounceUser { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}
