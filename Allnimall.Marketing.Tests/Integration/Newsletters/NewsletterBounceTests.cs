using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Newsletters;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Allnimall.Marketing.Tests.Integration.Newsletters;

/// <summary>
/// Bounces and complaints of a newsletter issue's outside subscribers (no customer row; the address is the
/// subscription's): read from the bounce mailbox or from the dispatcher's exhausted 4xx retries, they mark the delivery,
/// write engagement rows for the delivery, suppress the address like a customer's, and count in the complaint rate.
/// </summary>
public sealed class NewsletterBounceTests
{
    private const string Outside = "outside@example.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EmailOptions Options(int softLimit = 3) => new()
    {
        From = "news@shop.example",
        Bounces = new BounceMailboxOptions { Host = "imap.test", SoftBounceLimit = softLimit, SoftBounceWindowDays = 30 },
    };

    private static ProcessBouncesJob Job(CampaignTestStore store, InMemoryBounceMailbox mailbox, EmailOptions? options = null)
    {
        var wrapped = Microsoft.Extensions.Options.Options.Create(options ?? Options());
        return new ProcessBouncesJob(mailbox, new BounceProcessor(store.Database, wrapped, store.Clock),
            new ComplaintRateGuard(store.Database, wrapped, store.Clock), new FixedOptionsMonitor<EmailOptions>(wrapped.Value),
            NullLogger<ProcessBouncesJob>.Instance);
    }

    private static async Task<Guid> ListAsync(CampaignTestStore store, string name) =>
        (await new NewsletterService(store.Database, store.Clock).CreateAsync(new NewsletterListForm { Name = name }, Ct)).Value!.Id;

    private static async Task<Guid> SubscribeAsync(CampaignTestStore store, Guid listId, string email, Guid? customerId = null)
    {
        await using var db = store.Database.CreateDbContext();
        var row = new NewsletterSubscription
        {
            ListId = listId, Email = email, Status = NewsletterSubscriptionStatus.Subscribed, CustomerId = customerId, Source = "test",
            RequestedAt = CampaignTestStore.Now, ConfirmedAt = CampaignTestStore.Now,
        };
        db.NewsletterSubscriptions.Add(row);
        await db.SaveChangesAsync(Ct);
        return row.Id;
    }

    /// <summary>Creates and launches an issue to the list; returns its id (not sent yet).</summary>
    private static async Task<Guid> LaunchIssueAsync(CampaignTestStore store, Guid listId)
    {
        Guid id;
        await using (var db = store.Database.CreateDbContext())
        {
            var campaign = store.NewCampaign(CampaignType.Email, [], null);
            campaign.TargetAudience = new CampaignAudience([], [], listId).ToJson();
            db.Campaigns.Add(campaign);
            db.EmailCampaigns.Add(new EmailCampaign { CampaignId = campaign.Id, Subject = "News", EmailContent = "<p>Hi</p>" });
            await db.SaveChangesAsync(Ct);
            id = campaign.Id;
        }
        await store.Launcher().LaunchAsync(id, Ct);
        return id;
    }

    /// <summary>Launches and sends an issue through the outbox; returns its deliveries by subscription id.</summary>
    private static async Task<(Guid Issue, Dictionary<Guid, Guid> Deliveries)> SentIssueAsync(CampaignTestStore store, Guid listId)
    {
        var issue = await LaunchIssueAsync(store, listId);
        await store.Dispatcher().RunOnceAsync(100, Ct);
        return (issue, await DeliveriesAsync(store, issue));
    }

    private static async Task<Dictionary<Guid, Guid>> DeliveriesAsync(CampaignTestStore store, Guid issue)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.CampaignDeliveries.Where(d => d.CampaignId == issue)
            .ToDictionaryAsync(d => d.NewsletterSubscriptionId!.Value, d => d.Id, Ct);
    }

    private static async Task<CampaignDelivery> DeliveryAsync(CampaignTestStore store, Guid id)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.CampaignDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, Ct);
    }

    private static async Task<List<EmailSuppression>> SuppressionsAsync(CampaignTestStore store)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.EmailSuppressions.AsNoTracking().OrderBy(s => s.Email).ToListAsync(Ct);
    }

    private static async Task<List<CustomerEngagement>> EngagementAsync(CampaignTestStore store, string type)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.CustomerEngagement.AsNoTracking().Where(e => e.EngagementType == type).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_hard_bounce_of_an_outside_subscriber_marks_the_delivery_records_it_and_the_next_issue_skips_the_address()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var ani = CampaignTestStore.Customer("Ani");
        await store.SegmentAsync("Customers", ani);
        var list = await ListAsync(store, "Pet News");
        var outside = await SubscribeAsync(store, list, Outside);
        var customer = await SubscribeAsync(store, list, "ani@example.com", ani.Id);
        var (issue, deliveries) = await SentIssueAsync(store, list);
        var mailbox = new InMemoryBounceMailbox();
        mailbox.Deliver(DsnSamples.Bounce(deliveries[outside], "Outside@Example.com", "5.1.1"));

        var outcome = await Job(store, mailbox).RunAsync(Ct);

        Assert.Equal(new BounceOutcome(1, 0, 1), outcome);
        var bounced = await DeliveryAsync(store, deliveries[outside]);
        Assert.Equal((DeliveryStatus.Bounced, "hard bounce (bounce mailbox)"), (bounced.Status, bounced.LastError));
        Assert.Equal(DeliveryStatus.Sent, (await DeliveryAsync(store, deliveries[customer])).Status);
        var row = Assert.Single(await EngagementAsync(store, EngagementTypes.EmailBounced));
        Assert.Equal(((Guid?)null, (Guid?)deliveries[outside], (Guid?)issue), (row.CustomerId, row.DeliveryId, row.CampaignId));
        Assert.Contains("\"kind\":\"hard\"", row.EngagementData, StringComparison.Ordinal);
        var suppression = Assert.Single(await SuppressionsAsync(store));
        Assert.Equal((Outside, EmailSuppressionReason.HardBounce, BounceProcessor.SuppressionSource),
            (suppression.Email, suppression.Reason, suppression.Source));

        store.Clock.Advance(TimeSpan.FromDays(7));
        var (_, next) = await SentIssueAsync(store, list);
        var nextOutside = next.TryGetValue(outside, out var id) ? await DeliveryAsync(store, id) : null;
        Assert.True(nextOutside is null || nextOutside.Status == DeliveryStatus.Skipped, nextOutside?.Status.ToString());
        var outbox = await store.OutboxAsync();
        Assert.Equal(1, outbox.Count(m => m.Recipient == Outside)); // the first issue only
        Assert.Equal(2, outbox.Count(m => m.Recipient == "ani@example.com"));
    }

    [Fact]
    public async Task A_complaint_of_an_outside_subscriber_suppresses_at_once_and_is_recorded_once()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var list = await ListAsync(store, "Pet News");
        var outside = await SubscribeAsync(store, list, Outside);
        var (issue, deliveries) = await SentIssueAsync(store, list);
        var mailbox = new InMemoryBounceMailbox();
        mailbox.Deliver(DsnSamples.Complaint(deliveries[outside], Outside));

        var first = await Job(store, mailbox).RunAsync(Ct);
        mailbox.Unmark(); // read again, as after a crash before the messages were flagged
        var again = await Job(store, mailbox).RunAsync(Ct);

        Assert.Equal((new BounceOutcome(1, 0, 1), new BounceOutcome(0, 1, 0)), (first, again));
        Assert.Equal(DeliveryStatus.Sent, (await DeliveryAsync(store, deliveries[outside])).Status);
        var row = Assert.Single(await EngagementAsync(store, EngagementTypes.EmailComplaint));
        Assert.Equal(((Guid?)null, (Guid?)deliveries[outside], (Guid?)issue), (row.CustomerId, row.DeliveryId, row.CampaignId));
        var suppression = Assert.Single(await SuppressionsAsync(store));
        Assert.Equal((Outside, EmailSuppressionReason.Complained), (suppression.Email, suppression.Reason));
    }

    [Fact]
    public async Task Soft_bounces_of_an_outside_address_count_per_address_across_lists_and_suppress_at_the_limit()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var news = await ListAsync(store, "Pet News");
        var cats = await ListAsync(store, "Cat Club");
        // The same address on two lists is two subscriptions, one mailbox: its soft bounces add up.
        var onNews = await SubscribeAsync(store, news, Outside);
        var onCats = await SubscribeAsync(store, cats, Outside);
        var other = await SubscribeAsync(store, news, "other@example.com");
        var mailbox = new InMemoryBounceMailbox();
        var rounds = new[] { (news, onNews), (cats, onCats), (news, onNews) };
        for (var round = 0; round < rounds.Length; round++)
        {
            var (list, subscription) = rounds[round];
            var (_, deliveries) = await SentIssueAsync(store, list);
            mailbox.Deliver(DsnSamples.Bounce(deliveries[subscription], Outside, "4.2.2", diagnostic: "smtp; 452 4.2.2 Mailbox full"));
            if (round == 0) mailbox.Deliver(DsnSamples.Bounce(deliveries[other], "other@example.com", "4.2.2"));
            var outcome = await Job(store, mailbox, Options(softLimit: 3)).RunAsync(Ct);
            if (round < 2) Assert.Empty(await SuppressionsAsync(store));
            else Assert.Equal(new BounceOutcome(1, 0, 1), outcome);
            store.Clock.Advance(TimeSpan.FromDays(1));
        }

        var suppression = Assert.Single(await SuppressionsAsync(store)); // not other@, with one soft bounce
        Assert.Equal((Outside, EmailSuppressionReason.SoftBounceLimit), (suppression.Email, suppression.Reason));
        var rows = await EngagementAsync(store, EngagementTypes.EmailBounced);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.True(r.CustomerId is null && r.DeliveryId is not null));
    }

    [Fact]
    public async Task A_report_naming_another_address_than_the_subscription_changes_nothing()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var list = await ListAsync(store, "Pet News");
        var outside = await SubscribeAsync(store, list, Outside);
        var (_, deliveries) = await SentIssueAsync(store, list);
        var mailbox = new InMemoryBounceMailbox();
        mailbox.Deliver(DsnSamples.Bounce(deliveries[outside], "someone-else@example.com", "5.1.1"));
        mailbox.Deliver(DsnSamples.Complaint(deliveries[outside], "someone-else@example.com"));

        var outcome = await Job(store, mailbox).RunAsync(Ct);

        Assert.Equal(new BounceOutcome(0, 2, 0), outcome);
        Assert.Equal(DeliveryStatus.Sent, (await DeliveryAsync(store, deliveries[outside])).Status);
        Assert.Empty(await SuppressionsAsync(store));
        Assert.Empty(await EngagementAsync(store, EngagementTypes.EmailBounced));
        Assert.Empty(await EngagementAsync(store, EngagementTypes.EmailComplaint));
    }

    [Fact]
    public async Task Exhausted_mailbox_full_retries_to_an_outside_subscriber_count_as_soft_bounces_of_the_address()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var list = await ListAsync(store, "Pet News");
        var outside = await SubscribeAsync(store, list, Outside);
        var dispatcher = new DeliveryDispatcher(store.Database,
            new ScriptedTransport(_ => new TransportResult.TransientFailure("SMTP 452 4.2.2 Mailbox full, try again later")), store.Renderer(),
            new FixedOptionsMonitor<DeliveryOptions>(store.Options), store.Pacer(), store.Clock, sanitizer: null,
            bounces: new BounceProcessor(store.Database, Microsoft.Extensions.Options.Options.Create(Options(softLimit: 2)), store.Clock));
        async Task<Guid> SendUntilFinalAsync()
        {
            var issue = await LaunchIssueAsync(store, list);
            for (var attempt = 0; attempt < store.Options.MaxAttempts; attempt++)
            {
                await dispatcher.RunOnceAsync(100, Ct);
                store.Clock.Advance(store.Options.MaxRetryDelay + TimeSpan.FromMinutes(1));
            }
            return (await DeliveriesAsync(store, issue))[outside];
        }

        var first = await SendUntilFinalAsync();

        Assert.Equal(DeliveryStatus.Failed, (await DeliveryAsync(store, first)).Status);
        var row = Assert.Single(await EngagementAsync(store, EngagementTypes.EmailBounced));
        Assert.Equal(((Guid?)null, (Guid?)first), (row.CustomerId, row.DeliveryId));
        Assert.Contains("\"kind\":\"soft\"", row.EngagementData, StringComparison.Ordinal);
        Assert.Empty(await SuppressionsAsync(store)); // one soft bounce of the two allowed

        var second = await SendUntilFinalAsync();

        Assert.Equal(DeliveryStatus.Failed, (await DeliveryAsync(store, second)).Status);
        var suppression = Assert.Single(await SuppressionsAsync(store));
        Assert.Equal((Outside, EmailSuppressionReason.SoftBounceLimit, BounceProcessor.RetriesExhaustedSource),
            (suppression.Email, suppression.Reason, suppression.Source));
    }

    [Fact]
    public async Task A_5xx_reply_at_send_time_fails_and_suppresses_an_outside_subscriber_as_it_does_a_customer()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var ani = CampaignTestStore.Customer("Ani");
        await store.SegmentAsync("Customers", ani);
        var list = await ListAsync(store, "Pet News");
        var outside = await SubscribeAsync(store, list, Outside);
        var customer = await SubscribeAsync(store, list, "ani@example.com", ani.Id);
        var reader = await SubscribeAsync(store, list, "reader@example.com");
        await using var server = new ScriptedSmtpServer { RecipientReply = to => to == "reader@example.com" ? null : "550 5.1.1 No such user" };
        var options = new FixedOptionsMonitor<EmailOptions>(new EmailOptions
        {
            Transport = EmailTransportKind.Smtp, From = "news@shop.example",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Tls = SmtpTlsMode.None, PoolSize = 1 },
        });
        await using var pool = new SmtpConnectionPool(options);
        var smtp = new SmtpTransport(pool, new EmailMessageBuilder(options),
            new EmailSuppressionService(store.Database, store.Clock), store.Clock);
        var issue = await LaunchIssueAsync(store, list);

        await store.Dispatcher(smtp).RunOnceAsync(10, Ct);

        var deliveries = await DeliveriesAsync(store, issue);
        Assert.Equal(DeliveryStatus.Sent, (await DeliveryAsync(store, deliveries[reader])).Status);
        foreach (var rejected in new[] { outside, customer })
        {
            var delivery = await DeliveryAsync(store, deliveries[rejected]);
            Assert.Equal(DeliveryStatus.Failed, delivery.Status);
            Assert.StartsWith("hard bounce: 550", delivery.LastError, StringComparison.Ordinal);
        }
        Assert.Equal([("ani@example.com", EmailSuppressionReason.HardBounce), (Outside, EmailSuppressionReason.HardBounce)],
            (await SuppressionsAsync(store)).Select(s => (s.Email, s.Reason)));
    }

    [Fact]
    public async Task The_complaint_rate_counts_sends_and_complaints_of_outside_subscribers()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var ani = CampaignTestStore.Customer("Ani");
        await store.SegmentAsync("Customers", ani);
        var list = await ListAsync(store, "Pet News");
        var outside = await SubscribeAsync(store, list, Outside);
        await SubscribeAsync(store, list, "reader@example.com");
        await SubscribeAsync(store, list, "ani@example.com", ani.Id);
        var (_, deliveries) = await SentIssueAsync(store, list);
        var mailbox = new InMemoryBounceMailbox();
        mailbox.Deliver(DsnSamples.Complaint(deliveries[outside], Outside));
        await Job(store, mailbox).RunAsync(Ct);

        var rate = await new ComplaintRateGuard(store.Database, Microsoft.Extensions.Options.Options.Create(Options()), store.Clock).MeasureAsync(Ct);

        // Ani's send is an email_sent row; the two outside subscribers' sends come from their deliveries.
        Assert.Equal((3, 1), (rate.Sent, rate.Complaints));
    }
}
