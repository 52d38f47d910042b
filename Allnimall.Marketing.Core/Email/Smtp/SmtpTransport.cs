using System.Net.Sockets;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Messaging;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Allnimall.Marketing.Core.Email.Smtp;

/// <summary>
/// Email over SMTP (MailKit) through <see cref="SmtpConnectionPool"/>. Answers:
/// 2xx → <see cref="TransportResult.Sent"/> with the Message-ID; a throttling reply (421, 454, 4.7.x "rate") →
/// <see cref="TransportResult.Throttled"/> with the reply's "try again in N seconds" hint; another 4xx reply, or a connection that fails before any
/// message data was written → <see cref="TransportResult.TransientFailure"/> (the dispatcher retries with backoff);
/// a 5xx reply → <see cref="TransportResult.PermanentFailure"/> for this delivery only ("hard bounce: …" for a
/// recipient; a 5.1.x bad-address reply also suppresses the address); a connection lost after the message data was
/// written and before the final reply → <see cref="SmtpOutcomeUnknownException"/>, which the dispatcher records as
/// unknown (RFC 1047, RELIABILITY T7). A pooled connection the server closed while idle is replaced once, silently:
/// nothing had been sent on it.
/// </summary>
public sealed partial class SmtpTransport(SmtpConnectionPool pool, EmailMessageBuilder builder, EmailSuppressionService suppressions,
    TimeProvider clock) : IChannelTransport
{
    public const string SuppressionSource = "smtp reply";
    private static readonly TimeSpan DefaultThrottleWait = TimeSpan.FromMinutes(1);

    public async Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Channel != DeliveryChannel.Email) return new TransportResult.PermanentFailure("The SMTP transport carries email only.");
        BuiltEmail email;
        try
        {
            email = builder.Build(message, clock.GetUtcNow());
        }
        catch (ParseException e)
        {
            return new TransportResult.PermanentFailure($"Invalid address: {e.Message}");
        }

        for (var attempt = 1; ; attempt++)
        {
            var client = await pool.RentAsync(cancellationToken);
            var healthy = false;
            var progress = new DataProgress();
            var reused = false;
            try
            {
                reused = await pool.ConnectAsync(client, cancellationToken);
                await client.SendAsync(FormatOptions.Default, email.Message, email.EnvelopeFrom, [email.Recipient], cancellationToken, progress);
                healthy = true;
                return new TransportResult.Sent(email.Message.MessageId!);
            }
            catch (SmtpCommandException e)
            {
                // A definite answer from the server: the connection itself is fine unless it said 421 (closing).
                healthy = e.StatusCode != SmtpStatusCode.ServiceNotAvailable;
                return await ClassifyAsync(e, message, cancellationToken);
            }
            catch (AuthenticationException e)
            {
                return new TransportResult.TransientFailure($"SMTP login failed: {e.Message}");
            }
            catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
                or SslHandshakeException or TimeoutException)
            {
                if (progress.Started)
                    throw new SmtpOutcomeUnknownException($"connection lost after DATA (the relay may have accepted it): {e.Message}", e);
                if (reused && attempt == 1) continue; // a stale pooled connection; nothing was sent on it
                return new TransportResult.TransientFailure($"SMTP connection failed before DATA: {e.Message}");
            }
            finally
            {
                pool.Return(client, healthy);
            }
        }
    }

    private async Task<TransportResult> ClassifyAsync(SmtpCommandException e, OutgoingMessage message, CancellationToken ct)
    {
        var code = (int)e.StatusCode;
        var reply = $"{code} {e.Message}".Trim();
        if (code is >= 400 and < 500)
        {
            return IsThrottle(e)
                ? new TransportResult.Throttled(RetryHint(e.Message) ?? DefaultThrottleWait, $"SMTP {reply}")
                : new TransportResult.TransientFailure($"SMTP {reply}");
        }
        if (e.ErrorCode != SmtpErrorCode.RecipientNotAccepted) return new TransportResult.PermanentFailure($"rejected: {reply}");
        if (EnhancedStatusCode.Find(e.Message) is { IsBadAddress: true } && !message.IsTest)
            await suppressions.SuppressAsync(message.Recipient, EmailSuppressionReason.HardBounce, SuppressionSource, ct);
        return new TransportResult.PermanentFailure($"hard bounce: {reply}");
    }

    /// <summary>
    /// The relay, not this recipient, asks us to slow down: 421 (closing, busy), 454 or a 4.7.x throttling reply
    /// ("4.7.0 Throttling failure", "rate limit", "too many"). The dispatcher then holds all email for the wait
    /// without using up the delivery's attempts.
    /// </summary>
    private static bool IsThrottle(SmtpCommandException e) =>
        e.StatusCode is SmtpStatusCode.ServiceNotAvailable || (int)e.StatusCode == 454
        || (EnhancedStatusCode.Find(e.Message) is { Class: 4, Subject: 7 }
            && ThrottleWords().IsMatch(e.Message));

    /// <summary>"try again in 30 seconds" / "retry in 2 minutes" (Postal honours these hints as well).</summary>
    internal static TimeSpan? RetryHint(string text)
    {
        var match = RetryAfter().Match(text);
        if (!match.Success) return null;
        var amount = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups[2].Value.StartsWith("min", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromMinutes(amount) : TimeSpan.FromSeconds(amount);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"throttl|rate|too many|try again", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ThrottleWords();

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:try again|retry)\s+(?:in|after)\s+(\d{1,5})\s*(sec|second|seconds|s|min|minute|minutes)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex RetryAfter();

    /// <summary>Set once MailKit writes the first byte of message data: from then on a lost connection is ambiguous.</summary>
    private sealed class DataProgress : ITransferProgress
    {
        private int started;

        public bool Started => Volatile.Read(ref started) == 1;

        public void Report(long bytesTransferred, long totalSize) => Report(bytesTransferred);

        public void Report(long bytesTransferred)
        {
            if (bytesTransferred > 0) Volatile.Write(ref started, 1);
        }
    }
}
