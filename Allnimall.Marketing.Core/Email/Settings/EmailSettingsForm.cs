using System.ComponentModel.DataAnnotations;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Smtp;

namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>
/// The non-secret email settings as Settings → Email and <c>PUT /api/marketing/settings/email</c> edit them. Field rules
/// are here; rules that need configuration (a DKIM key present, the rate against the claim lease) are checked by
/// <see cref="EmailSettingsService"/>.
/// </summary>
public sealed class EmailSettingsForm : IValidatableObject
{
    public const int MaxAddressLength = 254;
    public const int MaxNameLength = 100;
    public const int MaxHostLength = 253;
    public const int MaxStoreAddressLength = 500;
    public const int MaxStoreUrlLength = 2000;
    public const int MaxSenderIdentities = 20;

    public EmailTransportKind Transport { get; set; }

    [Required(ErrorMessage = "Enter the default sender address."), StringLength(MaxAddressLength)]
    public string? FromAddress { get; set; }

    [StringLength(MaxNameLength)]
    public string? FromName { get; set; }

    public List<SenderIdentityForm> SenderIdentities { get; set; } = [];

    [StringLength(MaxHostLength)]
    public string? SmtpHost { get; set; }

    [Range(1, 65535, ErrorMessage = "The port is a number from 1 to 65535.")]
    public int SmtpPort { get; set; } = 587;

    public SmtpTlsMode SmtpTls { get; set; } = SmtpTlsMode.StartTls;

    [StringLength(MaxAddressLength)]
    public string? SmtpUser { get; set; }

    [Range(0.01, 10_000, ErrorMessage = "The rate limit is between 0.01 and 10,000 messages per second.")]
    public double SmtpMessagesPerSecond { get; set; } = 50;

    [Required(ErrorMessage = "Enter the store's name."), StringLength(MaxNameLength)]
    public string? StoreName { get; set; }

    [StringLength(MaxStoreAddressLength)]
    public string? StoreAddress { get; set; }

    /// <summary>The store's website (<c>{{ store.url }}</c>): where the designed templates' buttons lead.</summary>
    [StringLength(MaxStoreUrlLength)]
    public string? StoreUrl { get; set; }

    [StringLength(MaxHostLength)]
    public string? DkimDomain { get; set; }

    [StringLength(63)]
    public string? DkimSelector { get; set; }

    public BounceMailboxProtocol BounceProtocol { get; set; } = BounceMailboxProtocol.Imap;

    [StringLength(MaxHostLength)]
    public string? BounceHost { get; set; }

    [Range(1, 65535, ErrorMessage = "The port is a number from 1 to 65535.")]
    public int BouncePort { get; set; } = 993;

    public SmtpTlsMode BounceTls { get; set; } = SmtpTlsMode.SslOnConnect;

    [StringLength(MaxAddressLength)]
    public string? BounceUser { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(FromAddress) && RecipientAddress.Email(FromAddress) is null)
            yield return new("Enter one valid email address, like news@yourstore.com.", [nameof(FromAddress)]);
        if (Transport == EmailTransportKind.Smtp && string.IsNullOrWhiteSpace(SmtpHost))
            yield return new("Sending over SMTP needs the relay's host name.", [nameof(SmtpHost)]);
        if (!string.IsNullOrWhiteSpace(SmtpHost) && !IsHostName(SmtpHost))
            yield return new("Enter a host name or IP address, without a scheme or port.", [nameof(SmtpHost)]);
        if (!string.IsNullOrWhiteSpace(BounceHost) && !IsHostName(BounceHost))
            yield return new("Enter a host name or IP address, without a scheme or port.", [nameof(BounceHost)]);
        if (string.IsNullOrWhiteSpace(DkimDomain) != string.IsNullOrWhiteSpace(DkimSelector))
            yield return new("DKIM needs both the domain and the selector, or neither.",
                [string.IsNullOrWhiteSpace(DkimDomain) ? nameof(DkimDomain) : nameof(DkimSelector)]);
        if (!string.IsNullOrWhiteSpace(DkimDomain) && !IsHostName(DkimDomain))
            yield return new("Enter the signing domain, like yourstore.com.", [nameof(DkimDomain)]);
        if (SenderIdentities.Count > MaxSenderIdentities)
            yield return new($"At most {MaxSenderIdentities} senders.", [nameof(SenderIdentities)]);
        for (var i = 0; i < SenderIdentities.Count; i++)
        {
            var sender = SenderIdentities[i];
            if (string.IsNullOrWhiteSpace(sender.Name) || sender.Name.Trim().Length > MaxNameLength)
                yield return new($"Sender {i + 1}: enter a display name (up to {MaxNameLength} characters).", [SenderField(i, nameof(SenderIdentityForm.Name))]);
            if (RecipientAddress.Email(sender.Address) is null)
                yield return new($"Sender {i + 1}: enter one valid email address.", [SenderField(i, nameof(SenderIdentityForm.Address))]);
        }
        var duplicates = SenderIdentities.Select(s => s.Address?.Trim().ToLowerInvariant()).Where(a => !string.IsNullOrEmpty(a))
            .GroupBy(a => a).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            yield return new($"Each sender address once: {string.Join(", ", duplicates)}.", [nameof(SenderIdentities)]);
    }

    /// <summary>"SenderIdentities[2].Address": the key the page and the API use for one sender's field.</summary>
    public static string SenderField(int index, string field) => $"{nameof(SenderIdentities)}[{index}].{field}";

    private static bool IsHostName(string text) =>
        Uri.CheckHostName(text.Trim()) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;
}
