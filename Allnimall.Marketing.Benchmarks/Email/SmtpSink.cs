using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Allnimall.Marketing.Benchmarks.Email;

/// <summary>
/// The benchmark's SMTP server on 127.0.0.1: accepts every message and keeps only counts, so it costs little next to the
/// sender. ESMTP with PIPELINING and 8BITMIME; replies are buffered and flushed only when the server is about to wait for
/// more input (a pipelined MAIL/RCPT/DATA group costs one write). It counts messages, bytes and messages that carry a
/// DKIM-Signature header. Not a general server: no size limits, no AUTH, no TLS.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    private static readonly byte[] DkimHeader = "DKIM-Signature:"u8.ToArray();
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> sessions = [];
    private readonly Task acceptLoop;
    private long messages;
    private long signedMessages;
    private long bytes;
    private int connections;

    public SmtpSink()
    {
        listener.Start(512);
        acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public long Messages => Interlocked.Read(ref messages);
    public long SignedMessages => Interlocked.Read(ref signedMessages);
    public long Bytes => Interlocked.Read(ref bytes);
    public int Connections => Volatile.Read(ref connections);

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref connections);
            socket.NoDelay = true;
            lock (sessions) sessions.Add(Task.Run(() => SessionAsync(socket)));
        }
    }

    private async Task SessionAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var session = new Session(stream, stop.Token);
        try
        {
            session.Reply("220 sink.bench ESMTP");
            while (await session.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? Encoding.ASCII.GetString(line[..4]).ToUpperInvariant() : "";
                switch (verb)
                {
                    case "EHLO":
                        session.Reply("250-sink.bench\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800");
                        break;
                    case "HELO":
                        session.Reply("250 sink.bench");
                        break;
                    case "MAIL":
                        session.Reply("250 2.1.0 Ok");
                        break;
                    case "RCPT":
                        session.Reply("250 2.1.5 Ok");
                        break;
                    case "DATA":
                        session.Reply("354 End data with <CR><LF>.<CR><LF>");
                        var (size, signed) = await session.ReadDataAsync();
                        Interlocked.Increment(ref messages);
                        Interlocked.Add(ref bytes, size);
                        if (signed) Interlocked.Increment(ref signedMessages);
                        session.Reply("250 2.0.0 Ok: queued");
                        break;
                    case "QUIT":
                        session.Reply("221 2.0.0 Bye");
                        await session.FlushAsync();
                        return;
                    case "RSET" or "NOOP":
                        session.Reply("250 2.0.0 Ok");
                        break;
                    default:
                        session.Reply("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The client went away or the sink stops.
        }
    }

    /// <summary>Line reading over one receive buffer; pending replies are flushed before every read that would block.</summary>
    private sealed class Session(NetworkStream stream, CancellationToken ct)
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private readonly MemoryStream output = new();
        private int start;
        private int end;

        public void Reply(string line)
        {
            output.Write(Encoding.ASCII.GetBytes(line));
            output.Write("\r\n"u8);
        }

        public async Task FlushAsync()
        {
            if (output.Length == 0) return;
            await stream.WriteAsync(output.GetBuffer().AsMemory(0, (int)output.Length), ct);
            output.SetLength(0);
        }

        /// <summary>The next line without its CRLF, or null at the end of the stream.</summary>
        public async Task<byte[]?> ReadLineAsync()
        {
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    var length = newline - start;
                    if (length > 0 && buffer[newline - 1] == '\r') length--;
                    var line = buffer.AsSpan(start, length).ToArray();
                    start = newline + 1;
                    return line;
                }
                if (!await FillAsync()) return null;
            }
        }

        /// <summary>Reads message data up to the lone "." line: its size and whether its header has a DKIM-Signature.</summary>
        public async Task<(long Size, bool Signed)> ReadDataAsync()
        {
            long size = 0;
            var inHeader = true;
            var signed = false;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline < 0)
                {
                    if (!await FillAsync()) throw new IOException("Connection closed inside DATA.");
                    continue;
                }
                var line = buffer.AsSpan(start, newline - start + 1);
                start = newline + 1;
                if (line.SequenceEqual(".\r\n"u8)) return (size, signed);
                size += line.Length;
                if (!inHeader) continue;
                if (line.SequenceEqual("\r\n"u8)) inHeader = false;
                else if (line.StartsWith(DkimHeader)) signed = true;
            }
        }

        private async Task<bool> FillAsync()
        {
            await FlushAsync(); // the client may be waiting for these replies before it sends more
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.Length) throw new IOException("Line longer than the sink's buffer.");
            var read = await stream.ReadAsync(buffer.AsMemory(end), ct);
            end += read;
            return read > 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop;
        Task[] running;
        lock (sessions) running = [.. sessions];
        await Task.WhenAll(running);
        stop.Dispose();
    }
}
