using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Email.Smtp;

/// <summary>
/// Up to <see cref="SmtpOptions.PoolSize"/> connected, authenticated <see cref="SmtpClient"/>s, each used by one send at
/// a time and returned for the next (a connect costs far more than a message). A connection that failed, or that the
/// server closed, is thrown away and the next rent opens a fresh one. One per process (singleton).
/// </summary>
public sealed class SmtpConnectionPool : IAsyncDisposable, IDisposable
{
    private readonly SmtpOptions settings;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentBag<SmtpClient> idle = [];
    private int opened;

    public SmtpConnectionPool(IOptions<EmailOptions> options)
    {
        settings = options.Value.Smtp;
        slots = new SemaphoreSlim(Math.Max(1, settings.PoolSize));
    }

    /// <summary>Connections opened so far (a reused connection does not count).</summary>
    public int ConnectionsOpened => Volatile.Read(ref opened);

    /// <summary>Waits for a free slot; the client may still need <see cref="ConnectAsync"/>. Always <see cref="Return"/> it.</summary>
    public async Task<SmtpClient> RentAsync(CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        return idle.TryTake(out var client) ? client : new SmtpClient();
    }

    /// <summary>Connects and authenticates when the client is not connected; returns whether it was connected already (reused).</summary>
    public async Task<bool> ConnectAsync(SmtpClient client, CancellationToken ct)
    {
        if (client.IsConnected) return true;
        if (string.IsNullOrWhiteSpace(settings.Host)) throw new InvalidOperationException("Email:Smtp:Host is not set.");
        client.Timeout = (int)settings.Timeout.TotalMilliseconds;
        if (!string.IsNullOrWhiteSpace(settings.LocalDomain)) client.LocalDomain = settings.LocalDomain;
        await client.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings.Tls), ct);
        Interlocked.Increment(ref opened);
        if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        return false;
    }

    /// <summary>Gives the slot back; a client that is not <paramref name="healthy"/> or lost its connection is closed and dropped.</summary>
    public void Return(SmtpClient client, bool healthy)
    {
        if (healthy && client.IsConnected) idle.Add(client);
        else Discard(client);
        slots.Release();
    }

    public static SecureSocketOptions SocketOptions(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private static void Discard(SmtpClient client)
    {
        try
        {
            // No QUIT: the connection is suspect, and a polite goodbye could hang on it.
            if (client.IsConnected) client.Disconnect(false);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Already broken; disposing below releases the socket.
        }
        client.Dispose();
    }

    /// <summary>For a synchronous container shutdown: the idle connections are dropped without QUIT.</summary>
    public void Dispose()
    {
        while (idle.TryTake(out var client)) Discard(client);
        slots.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var client))
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(true);
            }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                // Shutting down: the server may have closed it already.
            }
            client.Dispose();
        }
        slots.Dispose();
    }
}
