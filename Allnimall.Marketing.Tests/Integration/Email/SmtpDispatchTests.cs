using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Email;

/// <summary>The real dispatcher sending a launched campaign through the router and SMTP to the scripted loopback server.</summary>
public sealed class SmtpDispatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (SmtpConnectionPool Pool, IChannelTransport Router) SmtpRouter(CampaignTestStore store, int port)
    {
        var options = new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<EmailOptions>(new EmailOptions
        {
            Transport = EmailTransportKind.Smtp, From = "news@shop.example",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Tls = SmtpTlsMode.None, PoolSize = 1 },
        });
        // As in production (AddEmail): with SMTP, the relay's rate paces email, so the dispatcher sends it one by one.
        store.Options.EmailPerSecond = options.CurrentValue.Smtp.MessagesPerSecond;
        var pool = new SmtpConnectionPool(options);
        var smtp = new SmtpTransport(pool, new EmailMessageBuilder(options), new EmailSuppressionService(store.Database, store.Clock), store.Clock);
        var services = new ServiceCollection().AddSingleton(smtp).BuildServiceProvider();
        return (pool, new ChannelTransportRouter(new OutboxTransport(store.Database), services, options));
    }

    private static async Task<Guid> LaunchAsync(CampaignTestStore store, params Allnimall.Marketing.Core.Store.Customer[] customers)
    {
        var segment = await store.SegmentAsync("All", customers);
        var campaignId = await store.EmailCampaignAsync([segment], subject: "Hi {{ customer.first_name }}");
        await store.Launcher().LaunchAsync(campaignId, Ct);
        return campaignId;
    }

    [Fact]
    public async Task A_campaign_is_sent_over_smtp_personalised_with_one_message_id_per_delivery_and_nothing_in_the_outbox()
    {
        await using var store = await CreateAsync();
        await using var server = new ScriptedSmtpServer { RecipientReply = to => to == "budi@example.com" ? "550 5.1.1 No such user" : null };
        var (pool, router) = SmtpRouter(store, server.Port);
        await using var _ = pool;
        await LaunchAsync(store, Customer("Ani"), Customer("Budi"), Customer("Citra"));

        var result = await store.Dispatcher(router).RunOnceAsync(10, Ct);

        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(2, deliveries.Count(d => d.Status == DeliveryStatus.Sent));
        var failed = Assert.Single(deliveries, d => d.Status == DeliveryStatus.Failed);
        Assert.StartsWith("hard bounce: 550", failed.LastError, StringComparison.Ordinal);
        var messages = server.Accepted.Select(m => m.Parse()).ToList();
        Assert.Equal(["Hi Ani", "Hi Citra"], messages.Select(m => m.Subject).Order());
        Assert.Equal(deliveries.Where(d => d.Status == DeliveryStatus.Sent).Select(d => $"{d.Id:D}@shop.example").Order(),
            messages.Select(m => m.MessageId).Order());
        Assert.Empty(await store.OutboxAsync());
        Assert.Equal(2, result.Sent);
    }

    [Fact]
    public async Task T7_a_connection_lost_after_data_leaves_the_delivery_unknown_and_it_is_not_resent()
    {
        await using var store = await CreateAsync();
        await using var server = new ScriptedSmtpServer { AfterData = n => n == 0 ? null : "250 2.0.0 Ok" };
        var (pool, router) = SmtpRouter(store, server.Port);
        await using var _ = pool;
        await LaunchAsync(store, Customer("Ani"), Customer("Budi"));

        await store.Dispatcher(router).RunOnceAsync(10, Ct);
        store.Clock.Advance(TimeSpan.FromHours(1));
        await store.Dispatcher(router).RunOnceAsync(10, Ct);

        var deliveries = await store.DeliveriesAsync();
        var unknown = Assert.Single(deliveries, d => d.Status == DeliveryStatus.Unknown);
        Assert.Contains("connection lost after DATA", unknown.LastError, StringComparison.Ordinal);
        Assert.Equal(1, unknown.Attempts);
        Assert.Single(deliveries, d => d.Status == DeliveryStatus.Sent);
        Assert.Single(server.Accepted); // the other recipient, once; the unknown one was never handed over again
    }

    [Fact]
    public async Task A_4xx_is_retried_by_the_dispatcher_and_then_sent_once()
    {
        await using var store = await CreateAsync();
        var attempts = 0;
        await using var server = new ScriptedSmtpServer { RecipientReply = _ => Interlocked.Increment(ref attempts) <= 2 ? "451 4.3.0 Try again later" : null };
        var (pool, router) = SmtpRouter(store, server.Port);
        await using var _ = pool;
        await LaunchAsync(store, Customer("Ani"));

        for (var run = 0; run < 3; run++)
        {
            await store.Dispatcher(router).RunOnceAsync(10, Ct);
            store.Clock.Advance(TimeSpan.FromHours(1)); // past any backoff
        }

        var delivery = Assert.Single(await store.DeliveriesAsync());
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(3, delivery.Attempts);
        Assert.Single(server.Accepted);
    }

    [Fact]
    public async Task An_address_suppressed_after_launch_is_skipped_at_send_time_with_the_reason()
    {
        await using var store = await CreateAsync();
        await using var server = new ScriptedSmtpServer();
        var (pool, router) = SmtpRouter(store, server.Port);
        await using var _ = pool;
        await LaunchAsync(store, Customer("Ani"), Customer("Budi"));
        await new EmailSuppressionService(store.Database, store.Clock).SuppressAsync("ANI@example.com", EmailSuppressionReason.Unsubscribed, "one-click", Ct);

        await store.Dispatcher(router).RunOnceAsync(10, Ct);

        var deliveries = await store.DeliveriesAsync();
        var skipped = Assert.Single(deliveries, d => d.Status == DeliveryStatus.Skipped);
        Assert.Equal("suppressed: unsubscribed", skipped.SkipReason);
        Assert.Equal(["budi@example.com"], server.Accepted.Select(m => m.Recipients.Single()));
    }

    [Fact]
    public async Task A_batch_goes_whole_to_the_outbox_for_sms_and_message_by_message_over_smtp_for_email()
    {
        await using var store = await CreateAsync();
        await using var server = new ScriptedSmtpServer();
        var (pool, router) = SmtpRouter(store, server.Port);
        await using var _ = pool;
        var batch = (IBatchChannelTransport)router;
        OutgoingMessage Sms(int i) => new(Guid.CreateVersion7(), DeliveryChannel.Sms, $"+628123456789{i}", null, $"Hi {i}", IsTest: true);
        OutgoingMessage Mail(int i) => new(Guid.CreateVersion7(), DeliveryChannel.Email, $"c{i}@example.com", $"Hi {i}", "<p>Hi</p>");

        var results = await batch.SendBatchAsync([Sms(1), Mail(2), Sms(3), Mail(4)], Ct);

        Assert.All(results, r => Assert.IsType<TransportResult.Sent>(r));
        Assert.StartsWith("outbox:", ((TransportResult.Sent)results[0]).ProviderMessageId, StringComparison.Ordinal);
        Assert.EndsWith("@shop.example", ((TransportResult.Sent)results[1]).ProviderMessageId, StringComparison.Ordinal);
        Assert.Equal(2, (await store.OutboxAsync()).Count);
        Assert.Equal(["c2@example.com", "c4@example.com"], server.Accepted.Select(m => m.Recipients.Single()).Order());
    }
}
