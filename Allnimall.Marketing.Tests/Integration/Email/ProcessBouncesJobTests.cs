using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Email;

/// <summary>
/// The bounce job end to end over a message store of raw DSNs (parsed by MimeKit on every fetch) and real SQLite:
/// RELIABILITY T8 (hard → suppressed, soft → counted, complaint → suppressed, forged/unknown ignored, idempotent).
/// </summary>
public sealed class ProcessBouncesJobTests
{
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
            new ComplaintRateGuard(store.Database, wrapped, store.Clock), new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<EmailOptions>(wrapped.Value), NullLogger<ProcessBouncesJob>.Instance);
    }

    /// <summary>Launches and sends (through the outbox) one email campaign to the customers; returns delivery id by first name.</summary>
    private static async Task<Dictionary<string, Guid>> SentCampaignAsync(CampaignTestStore store, params Allnimall.Marketing.Core.Store.Customer[] customers)
    {
        var segment = await store.SegmentAsync($"S{Guid.NewGuid():N}", customers);
        var campaignId = await store.EmailCampaignAsync([segment]);
        await store.Launcher().LaunchAsync(campaignId, Ct);
        await store.Dispatcher().RunOnceAsync(100, Ct);
        await using var db = store.Database.CreateDbContext();
        return await (from d in db.CampaignDeliveries
                      where d.CampaignId == campaignId
                      join c in db.Customers on d.CustomerId equals c.Id
                      select new { c.FirstName, d.Id }).ToDictionaryAsync(x => x.FirstName, x => x.Id, Ct);
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

    private static async Task<int> EngagementAsync(CampaignTestStore store, string type)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.CustomerEngagement.CountAsync(e => e.EngagementType == type, Ct);
    }

    [Fact]
    public async Task A_hard_bounce_marks_the_delivery_bounced_records_engagement_and_suppresses_the_address()
    {
        await using var store = await CreateAsync();
        var ids = await SentCampaignAsync(store, Customer("Ani"), Customer("Budi"));
        var mailbox = new InMemoryBounceMailbox();
        mailbox.Deliver(DsnSamples.Bounce(ids["Ani"], "ani@example.com", "5.1.1"));
        mailbox.Deliver(DsnSamples.AutoReply("bounces@bounce.shop.example"));

        var outcome = await Job(store, mailbox).RunAsync(Ct);

        Assert.Equal(new BounceOutcome(1, 0, 1), outcome);
        var ani = await DeliveryAsync(store, ids["Ani"]);
        Assert.Equal(DeliveryStatus.Bounced, ani.Status);
        Assert.Equal(DeliveryStatus.Sent, (await DeliveryAsync(store, ids["Budi"])).Status);
        Assert.Equal(1, await EngagementAsync(store, EngagementTypes.EmailBounced));
        var suppression = Assert.Single(await SuppressionsAsync(store));
        Assert.Equal(("ani@example.com", EmailSuppressionReason.HardBounce), (suppression.Email, suppression.Reason));
        Assert.Equal(["1", "2"], mailbox.Processed.Order()); // the auto reply is read once too
        var listed = Assert.Single((await store.CampaignService().ListAsync(new CampaignGridQuery(), Ct)).Items);
        Assert.Equal(2, listed.Sent); // a bounced email was still sent
    }

    [Fact]
    public async Task Reading_the_same_bounces_again_changes_nothing()
    {
        await using var store = await CreateAsync();
        var ids = await SentCampaignAsync(store, Customer("Ani"), Customer("Budi"));
        var mailbox = new InMemoryBounceMailbox();
        mailbox.Deliver(DsnSamples.Bounce(ids["Ani"], "ani@example.com", "5.1.1"));
        mailbox.Deliver(DsnSamples.Complaint(ids["Budi"], "budi@example.com"));
        await Job(store, mailbox).RunAsync(Ct);

        mailbox.Unmark(); // as if the run crashed before flagging the messages
        var again = await Job(store, mailbox).RunAsync(Ct);

        Assert.Equal(new BounceOutcome(0, 2, 0), again);
        Assert.Equal(1, await EngagementAsync(store, EngagementTypes.EmailBounced));
        Assert.Equal(1, await EngagementAsync(store, EngagementTypes.EmailComplaint));
        Assert.Equal(2, (await SuppressionsAsync(store)).Count);
    }

    [Fact]
    public async Task A_complaint_suppresses_at_once_and_leaves_the_delivery_sent()
    {
        await using var store = await CreateAsync();
        var ids = await SentCampaignAsync(store, Customer("Ani"));
        var mailbox = new InMemoryBounceMailbox();
        mailbox.Deliver(DsnSamples.Complaint(ids["Ani"], "ani@example.com"));

        await Job(store, mailbox).RunAsync(Ct);

        Assert.Equal(DeliveryStatus.Sent, (await DeliveryAsync(store, ids["Ani"])).Status);
        Assert.Equal(EmailSuppressionReason.Complained, Assert.Single(await SuppressionsAsync(store)).Reason);
    }

    [Fact]
    public async Task Soft_bounces_suppress_only_when_the_limit_is_reached_within_the_window()
    {
        await using var store = await CreateAsync();
        var ani = Customer("Ani");
        var mailbox = new InMemoryBounceMailbox();
        for (var campaign = 1; campaign <= 3; campaign++)
        {
            var ids = await SentCampaignAsync(store, ani);
            mailbox.Deliver(DsnSamples.Bounce(ids["Ani"], "ani@example.com", "4.2.2", diagnostic: "smtp; 452 4.2.2 Mailbox full"));
            await Job(store, mailbox, Options(softLimit: 3)).RunAsync(Ct);
            if (campaign < 3) Assert.Empty(await SuppressionsAsync(store)); // listmonk: 2 soft bounces → nothing
            store.Clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(EmailSuppressionReason.SoftBounceLimit, Assert.Single(await SuppressionsAsync(store)).Reason);
        Assert.Equal(3, await EngagementAsync(store, EngagementTypes.EmailBounced));
    }

    [Fact]
    public async Task Soft_bounces_outside_the_window_do_not_count()
    {
        await using var store = await CreateAsync();
        var ani = Customer("Ani");
        var mailbox = new InMemoryBounceMailbox();
        for (var campaign = 1; campaign <= 2; campaign++)
        {
            var ids = await SentCampaignAsync(store, ani);
            mailbox.Deliver(DsnSamples.Bounce(ids["Ani"], "ani@example.com", "4.2.2"));
            await Job(store, mailbox, Options(softLimit: 2)).RunAsync(Ct);
            store.Clock.Advance(TimeSpan.FromDays(40));
        }

        Assert.Empty(await SuppressionsAsync(store));
    }

    [Fact]
    public async Task Forged_and_unknown_bounces_change_nothing()
    {
        await using var store = await CreateAsync();
        var ids = await SentCampaignAsync(store, Customer("Ani"));
        var mailbox = new InMemoryBounceMailbox();
        mailbox.Deliver(DsnSamples.Bounce(Guid.CreateVersion7(), "ani@example.com", "5.1.1")); // no such delivery
        mailbox.Deliver(DsnSamples.Bounce(ids["Ani"], "someone-else@example.com", "5.1.1")); // names another recipient

        var outcome = await Job(store, mailbox).RunAsync(Ct);

        Assert.Equal(new BounceOutcome(0, 2, 0), outcome);
        Assert.Equal(DeliveryStatus.Sent, (await DeliveryAsync(store, ids["Ani"])).Status);
        Assert.Empty(await SuppressionsAsync(store));
    }

    [Fact]
    public async Task Without_a_bounce_mailbox_configured_the_job_does_nothing()
    {
        await using var store = await CreateAsync();
        var mailbox = new InMemoryBounceMailbox();

        await Job(store, mailbox, new EmailOptions()).RunAsync(Ct);

        Assert.Equal(0, mailbox.Opened);
    }
}
