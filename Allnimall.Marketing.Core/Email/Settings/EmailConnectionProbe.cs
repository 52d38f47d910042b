using System.Text;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Smtp;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;

namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>
/// "Test connection": connects to the SMTP relay or the bounce mailbox with MailKit, logs in when a user is set, and
/// returns the protocol transcript (MailKit's <see cref="ProtocolLogger"/>, passwords redacted) with a one-line summary —
/// the exact error when something fails, so staff can act on the server's own words.
/// </summary>
public sealed class EmailConnectionProbe(TimeProvider clock)
{
    public Task<ConnectionTestResult> SmtpAsync(SmtpOptions smtp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        return ProbeAsync(ConnectionTarget.Smtp, logger => new SmtpClient(logger), smtp.Host!, smtp.Port, smtp.Tls, smtp.User, smtp.Password,
            smtp.Timeout, (_, _) => Task.FromResult(""), ct);
    }

    public Task<ConnectionTestResult> BounceMailboxAsync(BounceMailboxOptions mailbox, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        return mailbox.Protocol == BounceMailboxProtocol.Pop3
            ? ProbeAsync(ConnectionTarget.BounceMailbox, logger => new Pop3Client(logger), mailbox.Host!, mailbox.Port, mailbox.Tls, mailbox.User,
                mailbox.Password, TimeSpan.FromSeconds(30), async (client, token) =>
                    string.IsNullOrEmpty(mailbox.User) ? "" : $"; {await ((Pop3Client)client).GetMessageCountAsync(token)} messages waiting", ct)
            : ProbeAsync(ConnectionTarget.BounceMailbox, logger => new ImapClient(logger), mailbox.Host!, mailbox.Port, mailbox.Tls, mailbox.User,
                mailbox.Password, TimeSpan.FromSeconds(30), async (client, token) =>
                {
                    if (string.IsNullOrEmpty(mailbox.User)) return "";
                    var folder = await ((ImapClient)client).GetFolderAsync(mailbox.Mailbox, token);
                    await folder.OpenAsync(FolderAccess.ReadOnly, token);
                    return $"; folder {mailbox.Mailbox} holds {folder.Count} messages";
                }, ct);
    }

    private async Task<ConnectionTestResult> ProbeAsync(ConnectionTarget target, Func<IProtocolLogger, MailService> create, string host, int port,
        SmtpTlsMode tls, string? user, string? password, TimeSpan timeout, Func<MailService, CancellationToken, Task<string>> afterLogin,
        CancellationToken ct)
    {
        using var transcript = new MemoryStream();
        using var logger = new ProtocolLogger(transcript, leaveOpen: true) { RedactSecrets = true };
        using var client = create(logger);
        client.Timeout = (int)timeout.TotalMilliseconds;
        // A host that never answers must not hold the page: the whole test gets the command timeout.
        using var limit = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
        try
        {
            await client.ConnectAsync(host, port, SmtpConnectionPool.SocketOptions(tls), linked.Token);
            var summary = $"Connected to {host}:{port} {(client.IsSecure ? "over TLS" : "without TLS")}";
            if (string.IsNullOrEmpty(user)) summary += "; no user is set, so no login was tried";
            else
            {
                await client.AuthenticateAsync(user, password ?? "", linked.Token);
                summary += $"; logged in as {user}";
            }
            summary += await afterLogin(client, linked.Token);
            await client.DisconnectAsync(true, linked.Token);
            return new(target, true, summary, Text(transcript));
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new(target, false, $"No answer from {host}:{port} within {timeout.TotalSeconds:0} s.", Text(transcript));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Any failure is the answer here (refused, TLS, login, a 5xx greeting): report it as it is.
            return new(target, false, $"{Describe(e)}", Text(transcript));
        }
    }

    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException smtp => $"The server answered {(int)smtp.StatusCode}: {smtp.Message}",
        MailKit.Security.AuthenticationException auth => $"Login failed: {auth.Message}",
        MailKit.Security.SslHandshakeException tls => $"TLS failed: {tls.Message.Split('\n')[0].Trim()}",
        System.Net.Sockets.SocketException socket => $"Could not connect: {socket.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private static string Text(MemoryStream transcript) => Encoding.UTF8.GetString(transcript.ToArray()).Trim();
}
