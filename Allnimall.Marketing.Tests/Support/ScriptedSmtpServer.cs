using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Allnimall.Marketing.Tests.Support;

/// <summary>
/// A small real SMTP server on 127.0.0.1 (TcpListener, RFC 5321 commands one at a time, no extensions) whose answers a
/// test scripts: a reply per RCPT TO (<see cref="RecipientReply"/>, null = 250), what happens after the message data
/// (<see cref="AfterData"/>: accept, reply with an error, or drop the connection without a reply), and a connection
/// closed by the server after <see cref="CloseAfterMessages"/> accepted messages. For the answers netDumbster cannot give.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentBag<Task> sessions = [];
    private readonly Task acceptLoop;
    private int connections;

    public ScriptedSmtpServer()
    {
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Reply to RCPT TO for an address, e.g. "550 5.1.1 No such user"; null accepts it.</summary>
    public Func<string, string?> RecipientReply { get; init; } = _ => null;

    /// <summary>After the data of the n-th message (0-based, across connections): a reply line, or null to drop the connection unanswered.</summary>
    public Func<int, string?> AfterData { get; init; } = _ => "250 2.0.0 Ok: queued";

    /// <summary>The server closes a connection (without a word) after this many accepted messages on it; 0 = never.</summary>
    public int CloseAfterMessages { get; init; }

    public int Connections => Volatile.Read(ref connections);

    /// <summary>Messages whose data was accepted with a 2xx reply.</summary>
    public ConcurrentQueue<ScriptedSmtpMessage> Accepted { get; } = new();

    private int dataCount;

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref connections);
            sessions.Add(Task.Run(() => SessionAsync(client)));
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.UTF8);
        var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
        string? from = null;
        var recipients = new List<string>();
        var acceptedHere = 0;
        try
        {
            await writer.WriteLineAsync("220 scripted.test ESMTP");
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 scripted.test");
                        break;
                    case "MAIL":
                        from = Address(line);
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.1.0 Ok");
                        break;
                    case "RCPT":
                        var to = Address(line);
                        var reply = RecipientReply(to);
                        if (reply is null) recipients.Add(to);
                        await writer.WriteLineAsync(reply ?? "250 2.1.5 Ok");
                        break;
                    case "DATA":
                        if (recipients.Count == 0)
                        {
                            await writer.WriteLineAsync("554 5.5.1 No valid recipients");
                            break;
                        }
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = await ReadDataAsync(reader);
                        var answer = AfterData(Interlocked.Increment(ref dataCount) - 1);
                        if (answer is null) return; // dropped after DATA: the client never learns the outcome
                        if (answer.StartsWith('2'))
                        {
                            Accepted.Enqueue(new(from ?? "", [.. recipients], data));
                            acceptedHere++;
                        }
                        await writer.WriteLineAsync(answer);
                        if (CloseAfterMessages > 0 && acceptedHere >= CloseAfterMessages) return;
                        break;
                    case "RSET":
                        from = null;
                        recipients.Clear();
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The client went away or the server stops.
        }
    }

    private static async Task<string> ReadDataAsync(StreamReader reader)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line && line != ".")
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
        return data.ToString();
    }

    private static string Address(string line)
    {
        var open = line.IndexOf('<', StringComparison.Ordinal);
        var close = line.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? line[(open + 1)..close] : "";
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop;
        await Task.WhenAll(sessions);
        stop.Dispose();
    }
}
