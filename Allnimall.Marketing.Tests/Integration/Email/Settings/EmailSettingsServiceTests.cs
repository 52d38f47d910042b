using System.Net;
using Allnimall.Marketing.Core;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Settings;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using netDumbster.smtp;

namespace Allnimall.Marketing.Tests.Integration.Email.Settings;

/// <summary>Settings → Email over real SQLite and the app's own registrations: saved values reach the options monitors at once.</summary>
public sealed class EmailSettingsServiceTests : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly List<IAsyncDisposable> owned = [];

    private async Task<ServiceProvider> BuildAsync(Dictionary<string, string?>? settings = null)
    {
        var database = await SqliteTestDatabase.CreateAsync();
        owned.Add(database);
        settings ??= [];
        settings["ConnectionStrings:Marketing"] = "Data Source=:memory:";
        settings.TryAdd("Email:Smtp:Password", "secret-from-env");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddMarketingCore(configuration, Path.GetTempPath())
            .AddSingleton<IDbContextFactory<MarketingDbContext>>(database)
            .BuildServiceProvider();
        owned.Add(services);
        await services.GetRequiredService<EmailSettingsStore>().ReloadAsync(Ct);
        return services;
    }

    private static EmailSettingsForm Form(int port = 2525) => new()
    {
        Transport = EmailTransportKind.Smtp, FromAddress = "hello@petshop.example", FromName = "Pet Shop",
        SmtpHost = "127.0.0.1", SmtpPort = port, SmtpTls = SmtpTlsMode.None, SmtpUser = null, SmtpMessagesPerSecond = 40,
        StoreName = "Toko Kucing", StoreAddress = "Jl. Kemang 5, Jakarta", StoreUrl = "https://tokokucing.example/",
        SenderIdentities = [new() { Name = "Pet Shop news", Address = "news@petshop.example" }],
    };

    [Fact]
    public async Task Saving_changes_email_and_delivery_options_at_once_and_reset_returns_to_configuration()
    {
        await using var services = await BuildAsync(new() { ["Email:From"] = "config@shop.example", ["Delivery:StoreName"] = "Configured store" });
        var email = services.GetRequiredService<IOptionsMonitor<EmailOptions>>();
        var delivery = services.GetRequiredService<IOptionsMonitor<DeliveryOptions>>();
        Assert.Equal("config@shop.example", email.CurrentValue.From);
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<EmailSettingsService>();

        var saved = await settings.SaveAsync(Form(), "admin@shop.example", Ct);

        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
        Assert.True(saved.Value!.Saved);
        Assert.Equal(EmailTransportKind.Smtp, email.CurrentValue.Transport);
        Assert.Equal("hello@petshop.example", email.CurrentValue.From);
        Assert.Equal("127.0.0.1", email.CurrentValue.Smtp.Host);
        Assert.Equal("secret-from-env", email.CurrentValue.Smtp.Password); // secrets stay in configuration
        Assert.Equal("Toko Kucing", delivery.CurrentValue.StoreName);
        Assert.Equal("Jl. Kemang 5, Jakarta", delivery.CurrentValue.StoreAddress);
        Assert.Equal("https://tokokucing.example", delivery.CurrentValue.StoreUrl); // no trailing slash: "{{ store.url }}/sale" reads right
        Assert.Equal(40, delivery.CurrentValue.EmailPerSecond); // the relay's rate paces email
        Assert.Equal([new SenderIdentity("Pet Shop news", "news@petshop.example")], settings.SenderIdentities());
        Assert.Contains(saved.Value.Secrets, s => s.EnvironmentVariable == "Email__Smtp__Password" && s.IsSet);

        await settings.ResetAsync(Ct);

        Assert.Equal("config@shop.example", email.CurrentValue.From);
        Assert.Equal(EmailTransportKind.Outbox, email.CurrentValue.Transport);
        Assert.Equal("Configured store", delivery.CurrentValue.StoreName);
        Assert.False((await settings.GetAsync(Ct)).Saved);
    }

    [Fact]
    public async Task Invalid_values_come_back_per_field_and_nothing_is_saved()
    {
        await using var services = await BuildAsync();
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<EmailSettingsService>();
        var form = Form();
        form.FromAddress = "not an address";
        form.SmtpHost = null;
        form.SenderIdentities.Add(new() { Name = "", Address = "nobody@" });

        var result = await settings.SaveAsync(form, null, Ct);
        var url = Form();
        url.StoreUrl = "javascript:alert(1)";
        var urlResult = await settings.SaveAsync(url, null, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Equal([nameof(EmailSettingsForm.StoreUrl)], urlResult.Errors.Keys);
        Assert.Contains(nameof(EmailSettingsForm.FromAddress), result.Errors.Keys);
        Assert.Contains(nameof(EmailSettingsForm.SmtpHost), result.Errors.Keys);
        Assert.Contains("SenderIdentities[1].Name", result.Errors.Keys);
        Assert.Contains("SenderIdentities[1].Address", result.Errors.Keys);
        Assert.False((await settings.GetAsync(Ct)).Saved);
    }

    [Fact]
    public async Task Dkim_without_a_configured_key_is_refused_on_its_field_because_the_key_never_goes_in_the_database()
    {
        await using var services = await BuildAsync();
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<EmailSettingsService>();
        var form = Form();
        form.DkimDomain = "petshop.example";
        form.DkimSelector = "mail";

        var result = await settings.SaveAsync(form, null, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Contains("Email__Dkim__PrivateKeyPem", Assert.Single(result.Errors[nameof(EmailSettingsForm.DkimDomain)]));
        Assert.Equal(EmailTransportKind.Outbox, services.GetRequiredService<IOptionsMonitor<EmailOptions>>().CurrentValue.Transport);
    }

    [Fact]
    public async Task A_rate_too_slow_for_a_batch_within_the_claim_lease_is_refused_by_the_delivery_validator()
    {
        await using var services = await BuildAsync();
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<EmailSettingsService>();
        var form = Form();
        form.SmtpMessagesPerSecond = 0.1; // 100 per batch / 0.1 per second = 1000 s > the 5-minute lease

        var result = await settings.SaveAsync(form, null, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Contains(nameof(EmailSettingsForm.SmtpMessagesPerSecond), result.Errors.Keys);
    }

    [Fact]
    public async Task After_a_save_the_next_message_goes_to_the_new_relay_and_the_old_pooled_connection_is_dropped()
    {
        using var first = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        using var second = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var services = await BuildAsync();
        await using (var scope = services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<EmailSettingsService>().SaveAsync(Form(first.Configuration.Port), null, Ct)).Succeeded);
        await SendAsync(services, "ani@example.com");
        Assert.Single(first.ReceivedEmail);

        await using (var scope = services.CreateAsyncScope())
        {
            var form = Form(second.Configuration.Port);
            form.FromAddress = "moved@petshop.example";
            Assert.True((await scope.ServiceProvider.GetRequiredService<EmailSettingsService>().SaveAsync(form, null, Ct)).Succeeded);
        }
        await SendAsync(services, "budi@example.com");

        Assert.Single(first.ReceivedEmail);
        var received = Assert.Single(second.ReceivedEmail);
        Assert.Contains("moved@petshop.example", received.FromAddress.ToString());
        Assert.Equal(2, services.GetRequiredService<SmtpConnectionPool>().ConnectionsOpened);
    }

    [Fact]
    public async Task Test_connection_reports_the_servers_answer_and_a_refused_connection_exactly()
    {
        using var server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var services = await BuildAsync();
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<EmailSettingsService>();

        var ok = await settings.TestConnectionAsync(ConnectionTarget.Smtp, Form(server.Configuration.Port), Ct);
        var closedPort = FreePort();
        var refused = await settings.TestConnectionAsync(ConnectionTarget.Smtp, Form(closedPort), Ct);

        Assert.True(ok.Value!.Succeeded, ok.Value.Summary);
        Assert.Contains($"Connected to 127.0.0.1:{server.Configuration.Port} without TLS", ok.Value.Summary);
        Assert.Contains("S: 220", ok.Value.Transcript); // the server's greeting, as it sent it
        Assert.False(refused.Value!.Succeeded);
        Assert.StartsWith("Could not connect", refused.Value.Summary);
        // Unsaved values were only tried: nothing reached the options sends use.
        Assert.Equal(EmailTransportKind.Outbox, services.GetRequiredService<IOptionsMonitor<EmailOptions>>().CurrentValue.Transport);
    }

    [Fact]
    public async Task Send_test_goes_through_the_configured_transport_and_a_bad_address_is_a_field_error()
    {
        using var server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var services = await BuildAsync();
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<EmailSettingsService>();
        Assert.True((await settings.SaveAsync(Form(server.Configuration.Port), null, Ct)).Succeeded);

        var bad = await settings.SendTestAsync("nobody", Ct);
        var sent = await settings.SendTestAsync("owner@example.com", Ct);

        Assert.Equal("Recipient", Assert.Single(bad.Errors.Keys));
        Assert.True(sent.Value!.Succeeded, sent.Value.Answer);
        Assert.Equal(EmailTransportKind.Smtp, sent.Value.Transport);
        var received = Assert.Single(server.ReceivedEmail);
        Assert.Equal(EmailSettingsService.TestSubject, received.Headers["Subject"]);
    }

    private static async Task SendAsync(IServiceProvider services, string recipient)
    {
        await using var scope = services.CreateAsyncScope();
        var transport = scope.ServiceProvider.GetRequiredService<IChannelTransport>();
        var result = await transport.SendAsync(new OutgoingMessage(Guid.CreateVersion7(), DeliveryChannel.Email, recipient, "Hi", "<p>Hi</p>", IsTest: true), Ct);
        Assert.IsType<TransportResult.Sent>(result);
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(owned)) await item.DisposeAsync();
    }
}
