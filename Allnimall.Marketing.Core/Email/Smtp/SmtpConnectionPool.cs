using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Email.Smtp;

/// <summary>
/// Up to <see cref="SmtpOptions.PoolSize"/> connected, authenticated <see cref="SmtpClient"/>s, each used by one send at
/// a time and returned for the next (a connect costs far more than a message). A connection that failed, or that the
/// server closed, is thrown away and the next rent opens a fresh one. One per process (singleton). When the settings
/// change (Settings → Email), connections made with the old ones are closed: idle ones at once, rented ones on return.
/// </summary>
public sealed class SmtpConnectionPool : IAsyncDisposable, IDisposable
{
    private readonly IOptionsMonitor<EmailOptions> options;
    private readonly SemaphoreSlim slots;
    private readonly ConcurrentBag<SmtpClient> idle = [];
    private readonly ConcurrentDictionary<SmtpClient, SmtpOptions> connectedWith = new();
    private readonly IDisposable? subscription;
    private int opened;

    public SmtpConnectionPool(IOptionsMonitor<EmailOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        // The pool's size is read once: it is configuration only, never a Settings → Email value.
        slots = new SemaphoreSlim(Math.Max(1, options.CurrentValue.Smtp.PoolSize));
        subscription = options.OnChange(_ => DropStale());
    }

    private SmtpOptions Settings => options.CurrentValue.Smtp;

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
        var settings = Settings;
        if (client.IsConnected && connectedWith.TryGetValue(client, out var used) && ReferenceEquals(used, settings)) return true;
        if (client.IsConnected) Disconnect(client); // made with settings that have since changed
        if (string.IsNullOrWhiteSpace(settings.Host)) throw new InvalidOperationException("Email:Smtp:Host is not set.");
        client.Timeout = (int)settings.Timeout.TotalMilliseconds;
        if (!string.IsNullOrWhiteSpace(settings.LocalDomain)) client.LocalDomain = settings.LocalDomain;
        await client.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings.Tls), ct);
        Interlocked.Increment(ref opened);
        connectedWith[client] = settings;
        if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        return false;
    }

    /// <summary>Gives the slot back; a client that is not <paramref name="healthy"/> or lost its connection is closed and dropped.</summary>
    public void Return(SmtpClient client, bool healthy)
    {
        if (healthy && client.IsConnected && connectedWith.TryGetValue(client, out var used) && ReferenceEquals(used, Settings)) idle.Add(client);
        else Discard(client);
        slots.Release();
    }

    /// <summary>Closes the idle connections made with settings that are no longer current.</summary>
    private void DropStale()
    {
        var current = Settings;
        var keep = new List<SmtpClient>();
        while (idle.TryTake(out var client))
        {
            if (connectedWith.TryGetValue(client, out var used) && ReferenceEquals(used, current)) keep.Add(client);
            else Discard(client);
        }
        foreach (var client in keep) idle.Add(client);
    }

    public static SecureSocketOptions SocketOptions(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private void Discard(SmtpClient client)
    {
        connectedWith.TryRemove(client, out _);
        Disconnect(client);
        client.Dispose();
    }

    private static void Disconnect(SmtpClient client)
    {
        try
        {
            // No QUIT: the connection is suspect, and a polite goodbye could hang on it.
            if (client.IsConnected) client.Disconnect(false);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // Already broken; disposing releases the socket.
        }
    }

    /// <summary>For a synchronous container shutdown: the idle connections are dropped without QUIT.</summary>
    public void Dispose()
    {
        subscription?.Dispose();
        while (idle.TryTake(out var client)) Discard(client);
        slots.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
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
