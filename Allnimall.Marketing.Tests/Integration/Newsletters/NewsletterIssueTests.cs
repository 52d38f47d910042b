using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Newsletters;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Integration.Tracking;
using Microsoft.EntityFrameworkCore;

using Allnimall.Marketing.Tests.Support;

namespace Allnimall.Marketing.Tests.Integration.Newsletters;

/// <summary>
/// A newsletter issue is an email campaign whose audience is a list: the launch snapshots the list's subscribed
/// addresses (outside subscribers carry no customer), send time re-checks the subscription and the suppression list,
/// and leaving from an issue ends that list only.
/// </summary>
public sealed class NewsletterIssueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NewsletterService Service(CampaignTestStore store) => new(store.Database, store.Clock);

    private static CampaignService Campaigns(CampaignTestStore store) => store.CampaignService();

    private static async Task<Guid> ListAsync(CampaignTestStore store, string name)
    {
        var result = await Service(store).CreateAsync(new NewsletterListForm { Name = name }, Ct);
        return result.Value!.Id;
    }

    private static async Task<NewsletterSubscription> SubscriptionAsync(CampaignTestStore store, Guid listId, string email,
        NewsletterSubscriptionStatus status, Guid? customerId = null)
    {
        await using var db = store.Database.CreateDbContext();
        var row = new NewsletterSubscription
        {
            ListId = listId, Email = email, Status = status, CustomerId = customerId, Source = "test", RequestedAt = CampaignTestStore.Now,
            ConfirmedAt = status == NewsletterSubscriptionStatus.Subscribed ? CampaignTestStore.Now : null,
        };
        db.NewsletterSubscriptions.Add(row);
        await db.SaveChangesAsync(Ct);
        return row;
    }

    private static async Task<Guid> IssueAsync(CampaignTestStore store, Guid listId, string body = "<p>Hi {{ customer.first_name }}</p>")
    {
        await using var db = store.Database.CreateDbContext();
        var campaign = store.NewCampaign(CampaignType.Email, [], null);
        campaign.TargetAudience = new CampaignAudience([], [], listId).ToJson();
        db.Campaigns.Add(campaign);
        db.EmailCampaigns.Add(new EmailCampaign { CampaignId = campaign.Id, Subject = "News", EmailContent = body });
        await db.SaveChangesAsync(Ct);
        return campaign.Id;
    }

    [Fact]
    public async Task A_launched_issue_reaches_exactly_the_subscribed_addresses_not_pending_unsubscribed_or_suppressed()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var ani = CampaignTestStore.Customer("Ani", email: false); // no campaign consent: the list subscription is her consent for it
        await store.SegmentAsync("Customers", ani);
        var list = await ListAsync(store, "Pet News");
        var other = await ListAsync(store, "Cat Club");
        var outside = await SubscriptionAsync(store, list, "outside@example.com", NewsletterSubscriptionStatus.Subscribed);
        var customer = await SubscriptionAsync(store, list, "ani@example.com", NewsletterSubscriptionStatus.Subscribed, ani.Id);
        await SubscriptionAsync(store, list, "pending@example.com", NewsletterSubscriptionStatus.Pending);
        await SubscriptionAsync(store, list, "left@example.com", NewsletterSubscriptionStatus.Unsubscribed);
        await SubscriptionAsync(store, list, "bounced@example.com", NewsletterSubscriptionStatus.Subscribed);
        await SubscriptionAsync(store, other, "elsewhere@example.com", NewsletterSubscriptionStatus.Subscribed);
        await new EmailSuppressionService(store.Database, store.Clock).SuppressAsync("bounced@example.com", EmailSuppressionReason.HardBounce, "test", Ct);
        var issue = await IssueAsync(store, list);

        var launched = await store.Launcher().LaunchAsync(issue, Ct);
        var dispatched = await store.Dispatcher().RunOnceAsync(100, Ct);

        Assert.Equal((LaunchOutcome.Launched, 2), (launched.Outcome, launched.Queued));
        var deliveries = await store.DeliveriesAsync();
        Assert.Equal([(outside.Id, (Guid?)null), (customer.Id, ani.Id)],
            deliveries.Select(d => (d.NewsletterSubscriptionId!.Value, d.CustomerId)).OrderBy(x => x.Item2.HasValue).ToList());
        Assert.Equal(2, dispatched.Sent);
        var outbox = await store.OutboxAsync();
        Assert.Equal(["ani@example.com", "outside@example.com"], outbox.Select(m => m.Recipient).Order());
        Assert.Contains("Hi Ani", outbox.Single(m => m.Recipient == "ani@example.com").Body);
        Assert.Equal(2, await Campaigns(store).AudienceCountAsync(new CampaignAudience([], [], list), DeliveryChannel.Email, Ct));
    }

    [Fact]
    public async Task An_issues_results_count_the_opens_clicks_and_unsubscribes_of_outside_subscribers_too()
    {
        const string browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
        await using var store = await CampaignTestStore.CreateAsync();
        var ani = CampaignTestStore.Customer("Ani");
        await store.SegmentAsync("Customers", ani);
        var list = await ListAsync(store, "Pet News");
        await SubscriptionAsync(store, list, "ani@example.com", NewsletterSubscriptionStatus.Subscribed, ani.Id);
        var outside = await SubscriptionAsync(store, list, "outside@example.com", NewsletterSubscriptionStatus.Subscribed);
        var reader = await SubscriptionAsync(store, list, "reader@example.com", NewsletterSubscriptionStatus.Subscribed);
        var issue = await IssueAsync(store, list, """<p>Hi</p><a href="https://toko.example/kittens">Kittens</a>""");
        await store.Launcher().LaunchAsync(issue, Ct);
        var sent = new ScriptedTransport(m => new TransportResult.Sent($"id-{m.DeliveryId}"));
        await store.Dispatcher(store.TrackingTransport(sent)).RunOnceAsync(100, Ct);
        var deliveries = await store.DeliveriesAsync();
        var aniDelivery = deliveries.Single(d => d.CustomerId == ani.Id).Id;
        var outsideDelivery = deliveries.Single(d => d.NewsletterSubscriptionId == outside.Id).Id;
        var readerDelivery = deliveries.Single(d => d.NewsletterSubscriptionId == reader.Id).Id;
        var at = CampaignTestStore.Now;

        await store.TrackingWriter().WriteAsync([
            new(aniDelivery, TrackingTokenKind.Open, 0, at.AddHours(1), browser),
            new(outsideDelivery, TrackingTokenKind.Open, 0, at.AddSeconds(1), "Mozilla/5.0 (via ggpht.com GoogleImageProxy)"),
            new(outsideDelivery, TrackingTokenKind.Open, 0, at.AddHours(2), browser),
            new(outsideDelivery, TrackingTokenKind.Click, 0, at.AddHours(2).AddMinutes(1), browser, "https://toko.example/kittens"),
            // A second outside subscriber is a reader of their own, not lumped with the first one.
            new(readerDelivery, TrackingTokenKind.Open, 0, at.AddHours(3), browser),
        ], Ct);
        Assert.True(await store.Unsubscribe().LeaveNewsletterAsync(outsideDelivery, UnsubscribeSources.OneClick, Ct));
        await new CampaignPerformanceRollup(store.Database, store.Clock).RunAsync(ct: Ct);

        var results = await new EmailResultsService(store.Database).GetAsync(issue, Ct);
        Assert.Equal((3, 3, 3, 1, 1, 1), (results.Sent, results.Opens, results.UniqueOpens, results.Clicks, results.UniqueClicks, results.Unsubscribes));
        Assert.Equal([new LinkClicks("https://toko.example/kittens", 1, 1)], results.Links);
        Assert.Equal(3, (await new EmailResultsService(store.Database).OpensOverTimeAsync(issue, Ct)).Sum(p => p.Opens));
        await using var db = store.Database.CreateDbContext();
        var outsiders = await db.CustomerEngagement.AsNoTracking().Where(e => e.DeliveryId == outsideDelivery).ToListAsync(Ct);
        Assert.Equal(4, outsiders.Count);
        Assert.All(outsiders, e => Assert.Equal((null, issue), (e.CustomerId, e.CampaignId!.Value)));

        // Rows without a customer stay out of customer timelines and segment rules.
        var timeline = (await new CustomerService(store.Database, store.Clock).GetDetailAsync(ani.Id, includePii: false, Ct))!.Engagement;
        Assert.Equal([EngagementTypes.EmailOpen, EngagementTypes.EmailSent], timeline.Select(e => e.Type).Order());
        var context = new SegmentEvaluationContext(db, at.AddDays(1), RfmThresholds.Empty);
        async Task<string[]> Match(SegmentField field, ConditionOperator op) =>
            [.. (await db.Customers.Where(SegmentQueryBuilder.Build(new SegmentCondition { Field = field, Operator = op }, context))
                .Select(c => c.FirstName).ToListAsync(Ct)).Order()];
        Assert.Equal(["Ani"], await Match(SegmentField.OpenedEmail, ConditionOperator.Is));
        Assert.Empty(await Match(SegmentField.ClickedEmail, ConditionOperator.Is));
        Assert.Equal(["Ani"], await Match(SegmentField.UnsubscribedEmail, ConditionOperator.IsNot));
    }

    [Fact]
    public async Task Send_time_skips_an_address_that_left_the_list_or_was_suppressed_after_the_launch()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var list = await ListAsync(store, "Pet News");
        var stays = await SubscriptionAsync(store, list, "stays@example.com", NewsletterSubscriptionStatus.Subscribed);
        var leaves = await SubscriptionAsync(store, list, "leaves@example.com", NewsletterSubscriptionStatus.Subscribed);
        await SubscriptionAsync(store, list, "complains@example.com", NewsletterSubscriptionStatus.Subscribed);
        var issue = await IssueAsync(store, list);
        await store.Launcher().LaunchAsync(issue, Ct);

        await Service(store).UnsubscribeAsync(list, leaves.Id, "staff: tester", Ct);
        await new EmailSuppressionService(store.Database, store.Clock).SuppressAsync("complains@example.com", EmailSuppressionReason.Complained, "test", Ct);
        await store.Dispatcher().RunOnceAsync(100, Ct);

        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(DeliveryStatus.Sent, deliveries.Single(d => d.NewsletterSubscriptionId == stays.Id).Status);
        var left = deliveries.Single(d => d.NewsletterSubscriptionId == leaves.Id);
        Assert.Equal((DeliveryStatus.Skipped, DeliverySuppression.LeftNewsletter), (left.Status, left.SkipReason));
        Assert.Contains(deliveries, d => d.SkipReason == DeliverySuppression.SuppressedComplained);
        Assert.Equal(["stays@example.com"], (await store.OutboxAsync()).Select(m => m.Recipient));
    }

    [Fact]
    public async Task Leaving_one_newsletter_keeps_the_others_and_the_email_consent()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var ani = CampaignTestStore.Customer("Ani");
        await store.SegmentAsync("Customers", ani);
        var news = await ListAsync(store, "Pet News");
        var club = await ListAsync(store, "Cat Club");
        var inNews = await SubscriptionAsync(store, news, "ani@example.com", NewsletterSubscriptionStatus.Subscribed, ani.Id);
        var inClub = await SubscriptionAsync(store, club, "ani@example.com", NewsletterSubscriptionStatus.Subscribed, ani.Id);
        await store.Launcher().LaunchAsync(await IssueAsync(store, news), Ct);
        await store.Dispatcher().RunOnceAsync(100, Ct);
        var delivery = Assert.Single(await store.DeliveriesAsync()).Id;
        store.Clock.Advance(TimeSpan.FromDays(2));

        var before = await store.Unsubscribe().PreferencesAsync(delivery, Ct);
        Assert.True(await store.Unsubscribe().LeaveNewsletterAsync(delivery, UnsubscribeSources.OneClick, Ct));
        Assert.False(await store.Unsubscribe().LeaveNewsletterAsync(delivery, UnsubscribeSources.OneClick, Ct));
        var after = await store.Unsubscribe().PreferencesAsync(delivery, Ct);

        Assert.Equal(("Pet News", true, true), (before!.NewsletterName, before.InNewsletter, before.Subscribed));
        Assert.Equal(("Pet News", false, true), (after!.NewsletterName, after.InNewsletter, after.Subscribed));
        await using var db = store.Database.CreateDbContext();
        var left = await db.NewsletterSubscriptions.AsNoTracking().SingleAsync(s => s.Id == inNews.Id, Ct);
        Assert.Equal((NewsletterSubscriptionStatus.Unsubscribed, CampaignTestStore.Now.AddDays(2), UnsubscribeSources.OneClick),
            (left.Status, left.UnsubscribedAt, left.UnsubscribeSource));
        Assert.Equal(NewsletterSubscriptionStatus.Subscribed, (await db.NewsletterSubscriptions.AsNoTracking().SingleAsync(s => s.Id == inClub.Id, Ct)).Status);
        Assert.True((await db.Customers.AsNoTracking().SingleAsync(c => c.Id == ani.Id, Ct)).EmailConsent);
        Assert.False(await db.EmailSuppressions.AnyAsync(Ct));
        var engagement = await db.CustomerEngagement.AsNoTracking().SingleAsync(e => e.EngagementType == EngagementTypes.EmailUnsubscribe, Ct);
        Assert.Contains("newsletter", engagement.EngagementData);
    }

    [Fact]
    public async Task Leaving_all_marketing_email_from_an_issue_ends_every_list_and_suppresses_an_outside_address()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var news = await ListAsync(store, "Pet News");
        var club = await ListAsync(store, "Cat Club");
        await SubscriptionAsync(store, news, "outside@example.com", NewsletterSubscriptionStatus.Subscribed);
        await SubscriptionAsync(store, club, "outside@example.com", NewsletterSubscriptionStatus.Subscribed);
        await store.Launcher().LaunchAsync(await IssueAsync(store, news), Ct);
        var delivery = Assert.Single(await store.DeliveriesAsync()).Id;

        Assert.True(await store.Unsubscribe().UnsubscribeAsync(delivery, UnsubscribeSources.PreferencePage, Ct));
        Assert.False(await store.Unsubscribe().UnsubscribeAsync(delivery, UnsubscribeSources.PreferencePage, Ct));

        await using var db = store.Database.CreateDbContext();
        Assert.All(await db.NewsletterSubscriptions.AsNoTracking().ToListAsync(Ct), s => Assert.Equal(NewsletterSubscriptionStatus.Unsubscribed, s.Status));
        var suppression = await db.EmailSuppressions.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(("outside@example.com", EmailSuppressionReason.Unsubscribed), (suppression.Email, suppression.Reason));
        var unsubscribe = await db.CustomerEngagement.AsNoTracking().SingleAsync(e => e.EngagementType == EngagementTypes.EmailUnsubscribe, Ct);
        Assert.Equal((null, delivery), (unsubscribe.CustomerId, unsubscribe.DeliveryId!.Value));
        Assert.False((await store.Unsubscribe().PreferencesAsync(delivery, Ct))!.Subscribed);
    }

    [Fact]
    public async Task Counts_group_by_status_and_staff_adds_need_consent_and_unique_addresses()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var service = Service(store);
        var list = await ListAsync(store, "Pet News");
        var empty = await ListAsync(store, "Empty");
        await SubscriptionAsync(store, list, "a@example.com", NewsletterSubscriptionStatus.Subscribed);
        await SubscriptionAsync(store, list, "b@example.com", NewsletterSubscriptionStatus.Pending);
        await SubscriptionAsync(store, list, "c@example.com", NewsletterSubscriptionStatus.Unsubscribed);

        var noConsent = await service.AddSubscriberAsync(list, new NewsletterSubscriberForm { Email = "d@example.com" }, "tester", Ct);
        var added = await service.AddSubscriberAsync(list, new NewsletterSubscriberForm { Email = " D@Example.com ", ConsentConfirmed = true }, "tester", Ct);
        var again = await service.AddSubscriberAsync(list, new NewsletterSubscriberForm { Email = "d@example.com", ConsentConfirmed = true }, "tester", Ct);

        Assert.Contains("consent_confirmed", noConsent.Errors.Keys);
        Assert.Equal(("d@example.com", NewsletterSubscriptionStatus.Subscribed), (added.Value!.Email, added.Value.Status));
        Assert.Contains("staff: tester", added.Value.Source);
        Assert.Equal(Core.Common.SaveStatus.Conflict, again.Status);
        var lists = await service.ListsAsync(Ct);
        Assert.Equal((2, 1, 1), lists.Where(l => l.Id == list).Select(l => (l.Subscribed, l.Pending, l.Unsubscribed)).Single());
        Assert.Equal((0, 0, 0), lists.Where(l => l.Id == empty).Select(l => (l.Subscribed, l.Pending, l.Unsubscribed)).Single());
        var pending = await service.SubscribersAsync(list, new NewsletterSubscriberQuery { Status = NewsletterSubscriptionStatus.Pending }, Ct);
        Assert.Equal(["b@example.com"], pending!.Items.Select(i => i.Email));
        Assert.Null(await service.SubscribersAsync(Guid.NewGuid(), new NewsletterSubscriberQuery(), Ct));
    }

    [Fact]
    public async Task The_export_is_formula_safe_and_deleting_a_list_keeps_its_issues_deliveries()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var service = Service(store);
        var list = await ListAsync(store, "Pet News");
        await service.AddSubscriberAsync(list, new NewsletterSubscriberForm { Email = "x@example.com", Name = "=HYPERLINK(\"http://evil\")", ConsentConfirmed = true }, "tester", Ct);
        await store.Launcher().LaunchAsync(await IssueAsync(store, list), Ct);

        using var csv = new MemoryStream();
        Assert.True(await service.ExportCsvAsync(list, csv, Ct));
        var text = System.Text.Encoding.UTF8.GetString(csv.ToArray());
        Assert.True(await service.DeleteAsync(list, Ct));
        Assert.False(await service.DeleteAsync(list, Ct));

        Assert.Contains("email,name,status", text);
        Assert.Contains("'=HYPERLINK", text);
        var delivery = Assert.Single(await store.DeliveriesAsync());
        Assert.Null(delivery.NewsletterSubscriptionId);
        await using var db = store.Database.CreateDbContext();
        Assert.False(await db.NewsletterSubscriptions.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_campaign_form_with_a_list_is_checked_and_launch_refuses_a_deleted_list()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var campaigns = Campaigns(store);
        var list = await ListAsync(store, "Pet News");
        var segment = await store.SegmentAsync("Some", CampaignTestStore.Customer("Ani"));
        CampaignForm Form(Guid? listId, params Guid[] segments) => new()
        {
            Name = "Issue 1", Type = CampaignType.Email, EmailSubject = "News", EmailContent = "<p>Hi</p>", NewsletterListId = listId, IncludeSegments = [.. segments],
        };

        var unknown = await campaigns.ValidateAsync(Form(Guid.NewGuid()), Ct);
        var mixed = await campaigns.ValidateAsync(Form(list, segment), Ct);
        var fine = await campaigns.ValidateAsync(Form(list), Ct);

        Assert.Contains(nameof(CampaignForm.NewsletterListId), unknown.Keys);
        Assert.Contains(nameof(CampaignForm.NewsletterListId), mixed.Keys);
        Assert.DoesNotContain(nameof(CampaignForm.NewsletterListId), fine.Keys);
        var issue = await IssueAsync(store, list);
        await Service(store).DeleteAsync(list, Ct);
        var launch = await store.Launcher().LaunchAsync(issue, Ct);
        Assert.Equal((LaunchOutcome.NotLaunchable, "The newsletter list no longer exists."), (launch.Outcome, launch.Reason));
    }
}
