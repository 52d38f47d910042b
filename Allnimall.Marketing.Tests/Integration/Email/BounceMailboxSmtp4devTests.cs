using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Support;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Email;

/// <summary>
/// The bounce job against a real mailbox: DSNs are delivered over SMTP to smtp4dev and read back by the job over IMAP
/// and over POP3 with MailKit (the production <see cref="MailKitBounceMailboxOpener"/>).
/// </summary>
public sealed class BounceMailboxSmtp4devTests(BounceMailboxSmtp4devTests.Server server) : IClassFixture<BounceMailboxSmtp4devTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        public Smtp4devServer Instance { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Instance = await Smtp4devServer.StartAsync(TestContext.Current.CancellationToken);

        public ValueTask DisposeAsync() => Instance.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task DeliverAsync(MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", server.Instance.SmtpPort, SecureSocketOptions.None, Ct);
        await client.SendAsync(message, Ct);
        await client.DisconnectAsync(true, Ct);
    }

    private ProcessBouncesJob Job(CampaignTestStore store, BounceMailboxProtocol protocol)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new EmailOptions
        {
            From = "news@shop.example",
            Bounces = new BounceMailboxOptions
            {
                Protocol = protocol, Host = "127.0.0.1", Tls = SmtpTlsMode.None, User = "bounces", Password = "any",
                Port = protocol == BounceMailboxProtocol.Imap ? server.Instance.ImapPort : server.Instance.Pop3Port,
            },
        });
        return new ProcessBouncesJob(new MailKitBounceMailboxOpener(), new BounceProcessor(store.Database, options, store.Clock),
            new ComplaintRateGuard(store.Database, options, store.Clock), new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<EmailOptions>(options.Value), NullLogger<ProcessBouncesJob>.Instance);
    }

    [Theory]
    [InlineData(BounceMailboxProtocol.Imap)]
    [InlineData(BounceMailboxProtocol.Pop3)]
    public async Task A_dsn_delivered_to_the_bounce_mailbox_bounces_the_delivery_once(BounceMailboxProtocol protocol)
    {
        await using var store = await CreateAsync();
        var name = $"P{protocol}{Guid.NewGuid():N}"[..12];
        var customer = Customer(name);
        var segment = await store.SegmentAsync("All", customer);
        var campaignId = await store.EmailCampaignAsync([segment]);
        await store.Launcher().LaunchAsync(campaignId, Ct);
        await store.Dispatcher().RunOnceAsync(10, Ct);
        var delivery = Assert.Single(await store.DeliveriesAsync());
        await DeliverAsync(DsnSamples.Bounce(delivery.Id, customer.Email!, "5.1.1"));

        var first = await Job(store, protocol).RunAsync(Ct);
        var second = await Job(store, protocol).RunAsync(Ct);

        Assert.Equal(1, first.Applied);
        Assert.Equal(0, second.Applied + second.Ignored); // processed messages are not read again
        Assert.Equal(DeliveryStatus.Bounced, Assert.Single(await store.DeliveriesAsync()).Status);
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(EmailSuppressionReason.HardBounce, (await db.EmailSuppressions.SingleAsync(Ct)).Reason);
    }
}
