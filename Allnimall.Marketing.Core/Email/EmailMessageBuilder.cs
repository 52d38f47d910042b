using Allnimall.Marketing.Core.Email.Dkim;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Allnimall.Marketing.Core.Email;

/// <summary>
/// Turns an <see cref="OutgoingMessage"/> into the MIME message a relay receives: From (the campaign's sender or
/// Email:From), To, Subject, Date, <c>Message-ID: &lt;deliveryId@domain&gt;</c> (one per delivery, so duplicates can be
/// counted at the peer), <c>X-Allnimall-Delivery</c>, every entry of <see cref="OutgoingMessage.Headers"/>, an HTML body
/// with a plain-text alternative, and a DKIM signature when configured. The envelope sender is the VERP address
/// <c>bounces+&lt;delivery&gt;@bounce-domain</c>, so a bounce names its delivery even when the DSN omits the original.
/// Reads the current <see cref="EmailOptions"/> per message, so a save in Settings → Email applies to the next one.
/// </summary>
public sealed class EmailMessageBuilder(IOptionsMonitor<EmailOptions> options)
{
    public const string DeliveryHeader = "X-Allnimall-Delivery";
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "Sender", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "Return-Path", "DKIM-Signature", DeliveryHeader,
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
    };
    // The signer loads the key once per settings instance (the monitor hands out the same instance until a change).
    private SignerCache? signerCache;

    public BuiltEmail Build(OutgoingMessage message, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.CurrentValue;
        var signer = SignerFor(settings);
        var from = new MailboxAddress(OneLine(message.SenderName ?? settings.FromName ?? ""), message.SenderAddress ?? settings.From);
        var to = MailboxAddress.Parse(message.Recipient);
        var mime = new MimeMessage { Date = date, Subject = OneLine(message.Subject ?? "") };
        mime.From.Add(from);
        mime.To.Add(to);
        var domain = DomainOf(settings.MessageIdDomain, from.Address);
        mime.MessageId = $"{message.DeliveryId:D}@{domain}";
        mime.Headers.Add(DeliveryHeader, message.DeliveryId.ToString("D"));
        foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>())
        {
            // Channel headers add fields (List-Unsubscribe, …); they never replace the identity of the message, and a
            // value with a line break would smuggle in a header of its own.
            if (Reserved.Contains(name) || value.Contains('\r') || value.Contains('\n')) continue;
            mime.Headers.Replace(name, value);
        }
        var body = new BodyBuilder { HtmlBody = message.Body, TextBody = HtmlToText.Convert(message.Body) };
        mime.Body = body.ToMessageBody();
        signer?.Sign(mime);
        var envelopeFrom = new MailboxAddress("", ReturnPath(message.DeliveryId, from.Address));
        return new BuiltEmail(mime, envelopeFrom, to);
    }

    private DkimMessageSigner? SignerFor(EmailOptions settings)
    {
        var cached = Volatile.Read(ref signerCache);
        if (cached is not null && ReferenceEquals(cached.For, settings)) return cached.Signer;
        var signer = settings.Dkim.Enabled ? new DkimMessageSigner(settings.Dkim) : null;
        Volatile.Write(ref signerCache, new SignerCache(settings, signer));
        return signer;
    }

    private sealed record SignerCache(EmailOptions For, DkimMessageSigner? Signer);

    /// <summary><c>bounces+&lt;32 hex&gt;@domain</c>: the delivery id without dashes keeps the local part short and plain.</summary>
    public string ReturnPath(Guid deliveryId, string senderAddress)
    {
        var settings = options.CurrentValue;
        return $"{settings.ReturnPathLocalPart}+{deliveryId:N}@{DomainOf(settings.ReturnPathDomain, senderAddress)}";
    }

    /// <summary>Line breaks in a subject or display name (a rendered merge field) become spaces: they can never start a header.</summary>
    private static string OneLine(string text) =>
        text.Contains('\r') || text.Contains('\n') ? string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)) : text;

    private static string DomainOf(string? configured, string address)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim();
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "localhost";
    }
}
