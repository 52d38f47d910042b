using System.Text.RegularExpressions;
using MimeKit;

namespace Allnimall.Marketing.Core.Email.Bounces;

/// <summary>
/// Reads a message from the bounce mailbox (MimeKit): an RFC 3464 delivery status notification (multipart/report;
/// report-type=delivery-status) or an RFC 5965 complaint (report-type=feedback-report). The delivery comes from the VERP
/// address the bounce was sent to, else from the returned message's X-Allnimall-Delivery header. Anything else (auto
/// replies, "delayed" notices, successful delivery reports, messages naming no delivery) gives null.
/// </summary>
public static partial class BounceParser
{
    private static readonly string[] EnvelopeHeaders = ["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To"];

    public static BounceReport? Parse(MimeMessage message, string returnPathLocalPart)
    {
        ArgumentNullException.ThrowIfNull(message);
        var report = message.BodyParts.OfType<MultipartReport>().FirstOrDefault()
            ?? (message.Body as MultipartReport);
        if (report is null) return null;
        var deliveryId = FromVerp(message, returnPathLocalPart) ?? FromReturnedMessage(report);
        if (deliveryId is null) return null;

        if (string.Equals(report.ReportType, "feedback-report", StringComparison.OrdinalIgnoreCase))
            return new BounceReport(BounceKind.Complaint, deliveryId.Value, ComplaintRecipient(report), null, "complaint (feedback report)");
        if (!string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase)) return null;

        var dsn = report.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (dsn is null) return null;
        foreach (var recipient in dsn.StatusGroups.Skip(1))
        {
            var action = recipient["Action"]?.Trim();
            if (!string.Equals(action, "failed", StringComparison.OrdinalIgnoreCase)) continue; // delayed, delivered, relayed, expanded
            var status = EnhancedStatusCode.Find(recipient["Status"]);
            if (status is null || status.Class == 2) continue;
            var kind = status.Class == 5 && !(status.Subject == 2 && status.Detail == 2) ? BounceKind.Hard : BounceKind.Soft;
            return new BounceReport(kind, deliveryId.Value, AddressOf(recipient["Final-Recipient"] ?? recipient["Original-Recipient"]),
                status.ToString(), recipient["Diagnostic-Code"]?.Trim());
        }
        return null;
    }

    /// <summary>"bounces+0195…@bounce.example" in the headers naming where the bounce was delivered.</summary>
    private static Guid? FromVerp(MimeMessage message, string localPart)
    {
        foreach (var name in EnvelopeHeaders)
        {
            foreach (var value in message.Headers.Where(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value))
            {
                foreach (Match match in Verp().Matches(value))
                {
                    if (match.Groups["local"].Value.Equals(localPart, StringComparison.OrdinalIgnoreCase)
                        && Guid.TryParseExact(match.Groups["id"].Value, "N", out var id)) return id;
                }
            }
        }
        return null;
    }

    /// <summary>The returned original (message/rfc822 or text/rfc822-headers) carries our X-Allnimall-Delivery header.</summary>
    private static Guid? FromReturnedMessage(MultipartReport report)
    {
        foreach (var part in report)
        {
            HeaderList? headers = part switch
            {
                MessagePart { Message: { } original } => original.Headers, // message/rfc822 and text/rfc822-headers
                _ => null,
            };
            if (headers?[EmailMessageBuilder.DeliveryHeader] is { } value && Guid.TryParse(value.Trim(), out var id)) return id;
        }
        return null;
    }

    private static string? ComplaintRecipient(MultipartReport report) =>
        AddressOf(report.OfType<MessageFeedbackReport>().FirstOrDefault()?.Fields["Original-Rcpt-To"]);

    /// <summary>"rfc822; Name@Example.com" → "Name@Example.com".</summary>
    private static string? AddressOf(string? field)
    {
        if (string.IsNullOrWhiteSpace(field)) return null;
        var semicolon = field.IndexOf(';', StringComparison.Ordinal);
        var address = (semicolon >= 0 ? field[(semicolon + 1)..] : field).Trim().Trim('<', '>');
        return address.Length == 0 ? null : address;
    }

    [GeneratedRegex(@"(?<local>[A-Za-z0-9._-]+)\+(?<id>[0-9a-fA-F]{32})@", RegexOptions.CultureInvariant)]
    private static partial Regex Verp();
}
