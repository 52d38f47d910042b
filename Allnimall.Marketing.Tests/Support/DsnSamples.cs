using System.Text;
using MimeKit;

namespace Allnimall.Marketing.Tests.Support;

/// <summary>
/// Bounce mailbox messages as real MTAs write them: an RFC 3464 multipart/report (Postfix layout: human text,
/// message/delivery-status, the returned original or its headers) and an RFC 5965 abuse report, parsed by MimeKit.
/// </summary>
public static class DsnSamples
{
    public static MimeMessage Bounce(Guid deliveryId, string recipient, string status, string action = "failed",
        bool verp = true, bool returnedHeader = true, string diagnostic = "smtp; 550 5.1.1 <x>: Recipient address rejected: User unknown",
        string? finalRecipient = null, bool headersOnly = false)
    {
        var to = verp ? $"bounces+{deliveryId:N}@bounce.shop.example" : "bounces@bounce.shop.example";
        var original = $"""
            Return-Path: <bounces+{deliveryId:N}@bounce.shop.example>
            From: Pet Shop <news@shop.example>
            To: {recipient}
            Subject: Big sale
            Message-ID: <{deliveryId:D}@shop.example>
            {(returnedHeader ? $"X-Allnimall-Delivery: {deliveryId:D}" : "X-Mailer: test")}
            Content-Type: text/plain

            Hello
            """;
        var returned = headersOnly
            ? $"Content-Type: text/rfc822-headers\n\n{original[..original.IndexOf("\n\n", StringComparison.Ordinal)]}\n"
            : $"Content-Type: message/rfc822\n\n{original}\n";
        return Load($"""
            Return-Path: <>
            Delivered-To: {to}
            From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
            To: {to}
            Subject: Undelivered Mail Returned to Sender
            Date: Mon, 2 Nov 2026 09:05:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

            --BOUNDARY
            Content-Type: text/plain; charset=us-ascii

            I'm sorry to have to inform you that your message could not be delivered.

            --BOUNDARY
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net
            Arrival-Date: Mon, 2 Nov 2026 09:04:58 +0000

            Final-Recipient: rfc822; {finalRecipient ?? recipient}
            Original-Recipient: rfc822;{recipient}
            Action: {action}
            Status: {status}
            Remote-MTA: dns; mx.recipient.example
            Diagnostic-Code: {diagnostic}

            --BOUNDARY
            {returned}
            --BOUNDARY--
            """);
    }

    public static MimeMessage Complaint(Guid deliveryId, string recipient) => Load($"""
        From: feedback@isp.example
        To: bounces+{deliveryId:N}@bounce.shop.example
        Subject: Abuse report
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=feedback-report; boundary="ARF"

        --ARF
        Content-Type: text/plain

        This is an email abuse report.

        --ARF
        Content-Type: message/feedback-report

        Feedback-Type: abuse
        User-Agent: SomeGenerator/1.0
        Version: 1
        Original-Rcpt-To: {recipient}

        --ARF
        Content-Type: message/rfc822

        From: news@shop.example
        To: {recipient}
        Subject: Big sale
        X-Allnimall-Delivery: {deliveryId:D}

        Hello
        --ARF--
        """);

    public static MimeMessage AutoReply(string to) => Load($"""
        From: ani@example.com
        To: {to}
        Subject: Out of office
        Content-Type: text/plain

        I am away until Monday.
        """);

    public static MimeMessage Load(string text) =>
        MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(text.ReplaceLineEndings("\r\n"))));
}
