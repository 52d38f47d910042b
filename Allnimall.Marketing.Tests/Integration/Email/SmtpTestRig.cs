using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Integration.Email;

/// <summary>A real SMTP transport (pool, builder, suppression list over SQLite) pointed at a loopback server's port.</summary>
public sealed class SmtpTestRig : IAsyncDisposable
{
    private SmtpTestRig(SqliteTestDatabase database, EmailOptions options)
    {
        Database = database;
        Options = options;
        var wrapped = new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<EmailOptions>(options);
        Pool = new SmtpConnectionPool(wrapped);
        Builder = new EmailMessageBuilder(wrapped);
        Suppressions = new EmailSuppressionService(database, database.Clock);
        Transport = new SmtpTransport(Pool, Builder, Suppressions, database.Clock);
    }

    public SqliteTestDatabase Database { get; }
    public EmailOptions Options { get; }
    public SmtpConnectionPool Pool { get; }
    public EmailMessageBuilder Builder { get; }
    public EmailSuppressionService Suppressions { get; }
    public SmtpTransport Transport { get; }

    public static async Task<SmtpTestRig> CreateAsync(int port, int poolSize = 1, Action<EmailOptions>? configure = null)
    {
        var options = new EmailOptions
        {
            Transport = EmailTransportKind.Smtp, From = "news@shop.example", FromName = "Pet Shop", ReturnPathDomain = "bounce.shop.example",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Tls = SmtpTlsMode.None, PoolSize = poolSize, Timeout = TimeSpan.FromSeconds(10) },
        };
        configure?.Invoke(options);
        return new SmtpTestRig(await SqliteTestDatabase.CreateAsync(), options);
    }

    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync();
        await Database.DisposeAsync();
    }
}
