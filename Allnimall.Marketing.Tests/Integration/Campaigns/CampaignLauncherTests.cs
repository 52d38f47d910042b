using Allnimall.Marketing.Core.Campaigns;
using Microsoft.EntityFrameworkCore;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

public sealed class CampaignLauncherTests
{
    [Fact]
    public async Task Launch_queues_one_email_delivery_per_consenting_active_member_of_the_included_minus_the_excluded_segments()
    {
        await using var store = await CreateAsync();
        var ani = Customer("Ani");
        var budi = Customer("Budi");
        var citra = Customer("Citra");
        var noConsent = Customer("NoConsent", email: false, sms: true);
        var inactive = Customer("Inactive", active: false);
        var noAddress = Customer("NoAddress", address: null);
        var blankAddress = Customer("Blank", address: "  ");
        var excluded = Customer("Excluded");
        var outsider = Customer("Outsider");
        var a = await store.SegmentAsync("A", ani, budi, noConsent, inactive, noAddress, blankAddress, excluded);
        var b = await store.SegmentAsync("B", budi, citra); // Budi is in both: one delivery
        var vip = await store.SegmentAsync("Do not disturb", excluded);
        await store.SegmentAsync("Other", outsider);
        var campaignId = await store.EmailCampaignAsync([a, b], [vip]);

        var result = await store.Launcher().LaunchAsync(campaignId, TestContext.Current.CancellationToken);

        Assert.Equal(LaunchOutcome.Launched, result.Outcome);
        Assert.Equal(3, result.Queued);
        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(new Guid?[] { ani.Id, budi.Id, citra.Id }.Order(), deliveries.Select(d => d.CustomerId).Order());
        Assert.All(deliveries, d =>
        {
            Assert.Equal(campaignId, d.CampaignId);
            Assert.Equal(DeliveryChannel.Email, d.Channel);
            Assert.Equal(DeliveryStatus.Queued, d.Status);
            Assert.Equal(0, d.Attempts);
            Assert.Equal(Now, d.NextAttemptAt);
            Assert.Equal(Now, d.CreatedAt);
            Assert.Equal(7, d.Id.Version);
        });
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(CampaignStatus.Active, (await db.Campaigns.SingleAsync(c => c.Id == campaignId, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task Sms_launch_requires_sms_consent_and_a_phone_number()
    {
        await using var store = await CreateAsync();
        var smsOnly = Customer("SmsOnly", email: false, sms: true);
        var emailOnly = Customer("EmailOnly", email: true, sms: false);
        var noPhone = Customer("NoPhone", sms: true);
        noPhone.Phone = null;
        var segment = await store.SegmentAsync("All", smsOnly, emailOnly, noPhone);
        var campaignId = await store.SmsCampaignAsync([segment]);

        var result = await store.Launcher().LaunchAsync(campaignId, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Queued);
        var delivery = Assert.Single(await store.DeliveriesAsync());
        Assert.Equal((smsOnly.Id, DeliveryChannel.Sms), (delivery.CustomerId, delivery.Channel));
    }

    [Fact]
    public async Task Concurrent_launches_succeed_once_and_create_one_set_of_deliveries()
    {
        // T42: eight launches at once; one conditional UPDATE wins, the others see AlreadyLaunched.
        await using var store = await CreateAsync();
        var customers = Enumerable.Range(0, 50).Select(i => Customer($"C{i}")).ToArray();
        var segment = await store.SegmentAsync("All", customers);
        var campaignId = await store.EmailCampaignAsync([segment]);

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => store.Launcher().LaunchAsync(campaignId, TestContext.Current.CancellationToken))));

        Assert.Single(results, r => r.Outcome == LaunchOutcome.Launched);
        Assert.All(results.Where(r => r.Outcome != LaunchOutcome.Launched), r => Assert.Equal(LaunchOutcome.AlreadyLaunched, r.Outcome));
        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(50, deliveries.Count);
        Assert.Equal(50, deliveries.Select(d => d.CustomerId).Distinct().Count());
    }

    [Fact]
    public async Task Relaunch_of_an_active_campaign_inserts_nothing_and_a_forced_relaunch_adds_only_new_recipients()
    {
        await using var store = await CreateAsync();
        var ani = Customer("Ani");
        var segment = await store.SegmentAsync("All", ani, Customer("Budi"));
        var campaignId = await store.EmailCampaignAsync([segment]);
        var launcher = store.Launcher();
        await launcher.LaunchAsync(campaignId, TestContext.Current.CancellationToken);

        var again = await launcher.LaunchAsync(campaignId, TestContext.Current.CancellationToken);
        Assert.Equal(LaunchOutcome.AlreadyLaunched, again.Outcome);
        Assert.Equal(2, (await store.DeliveriesAsync()).Count);

        // Even if the campaign were put back to draft, existing recipients are not queued twice (NOT EXISTS + unique index).
        await store.SegmentAsync("Late", Customer("Late"));
        await using (var db = store.Database.CreateDbContext())
        {
            var late = await db.Customers.SingleAsync(c => c.FirstName == "Late", TestContext.Current.CancellationToken);
            db.SegmentCustomers.Add(new() { SegmentId = segment, CustomerId = late.Id, AddedAt = Now });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await db.Campaigns.Where(c => c.Id == campaignId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Draft), TestContext.Current.CancellationToken);
        }
        var forced = await launcher.LaunchAsync(campaignId, TestContext.Current.CancellationToken);

        Assert.Equal((LaunchOutcome.Launched, 1), (forced.Outcome, forced.Queued));
        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(3, deliveries.Count);
        Assert.Single(deliveries, d => d.CustomerId == ani.Id);
    }

    [Fact]
    public async Task Launch_materialises_a_deduplicated_suppression_filtered_recipient_set_enforced_by_a_unique_index()
    {
        // T1: three segments overlapping on 40 customers; an excluded segment; customers without consent, inactive or
        // without an address. One delivery per reachable customer, none for the others, and the database refuses a second.
        await using var store = await CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var shared = Enumerable.Range(0, 40).Select(i => Customer($"Shared{i:D2}")).ToArray();
        var onlyA = Enumerable.Range(0, 10).Select(i => Customer($"OnlyA{i}")).ToArray();
        var excluded = Enumerable.Range(0, 5).Select(i => Customer($"Excluded{i}")).ToArray();
        var unreachable = new[]
        {
            Customer("Unsubscribed1", email: false), Customer("Unsubscribed2", email: false, sms: true),
            Customer("Inactive", active: false), Customer("NoAddress", address: null), Customer("Blank", address: " "),
        };
        var a = await store.SegmentAsync("A", [.. shared, .. onlyA, .. excluded, .. unreachable]);
        var b = await store.SegmentAsync("B", [.. shared, .. excluded]);
        var c = await store.SegmentAsync("C", [.. shared[..20], .. unreachable]);
        var doNotDisturb = await store.SegmentAsync("Do not disturb", excluded); // exclusion wins over three inclusions
        var campaignId = await store.EmailCampaignAsync([a, b, c], [doNotDisturb]);

        var result = await store.Launcher().LaunchAsync(campaignId, ct);

        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(50, result.Queued);
        Assert.Equal(50, deliveries.Count);
        Assert.Equal(shared.Concat(onlyA).Select(x => (Guid?)x.Id).Order(), deliveries.Select(d => d.CustomerId).Order());
        await using var db = store.Database.CreateDbContext();
        db.CampaignDeliveries.Add(new CampaignDelivery
        {
            CampaignId = campaignId, CustomerId = shared[0].Id, Channel = DeliveryChannel.Email, NextAttemptAt = Now, CreatedAt = Now,
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
    }

    [Fact]
    public async Task Social_launch_queues_one_delivery_per_post_and_no_customer_deliveries()
    {
        await using var store = await CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        await store.SegmentAsync("Everyone", Customer("Ani"), Customer("Budi"));
        var campaignId = await store.SocialCampaignAsync("New {{ store.name }} kibble!", SocialPlatform.Facebook, SocialPlatform.Instagram);

        var result = await store.Launcher().LaunchAsync(campaignId, ct);
        var again = await store.Launcher().LaunchAsync(campaignId, ct);

        Assert.Equal((LaunchOutcome.Launched, 2), (result.Outcome, result.Queued));
        Assert.Equal(LaunchOutcome.AlreadyLaunched, again.Outcome);
        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(2, deliveries.Count);
        await using var db = store.Database.CreateDbContext();
        var posts = await db.SocialCampaigns.Where(p => p.CampaignId == campaignId).Select(p => p.Id).ToListAsync(ct);
        Assert.Equal(posts.Order(), deliveries.Select(d => d.SocialCampaignId!.Value).Order());
        Assert.All(deliveries, d => Assert.Equal((DeliveryChannel.Social, (Guid?)null, DeliveryStatus.Queued), (d.Channel, d.CustomerId, d.Status)));
        // One delivery per post, enforced by the database too.
        db.CampaignDeliveries.Add(new CampaignDelivery
        {
            CampaignId = campaignId, SocialCampaignId = posts[0], Channel = DeliveryChannel.Social, NextAttemptAt = Now, CreatedAt = Now,
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(ct));
    }

    [Fact]
    public async Task Discount_launch_activates_the_campaign_without_deliveries_and_needs_its_discount()
    {
        await using var store = await CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var segment = await store.SegmentAsync("Everyone", Customer("Ani"), Customer("Budi"));
        await using var db = store.Database.CreateDbContext();
        var withDiscount = store.NewCampaign(CampaignType.Discount, [segment], null);
        var withoutDiscount = store.NewCampaign(CampaignType.Discount, [segment], null);
        db.Campaigns.AddRange(withDiscount, withoutDiscount);
        db.DiscountCampaigns.Add(new Allnimall.Marketing.Core.Discounts.DiscountCampaign
        {
            CampaignId = withDiscount.Id, DiscountType = Allnimall.Marketing.Core.Discounts.DiscountType.Percentage, DiscountValue = 15,
        });
        await db.SaveChangesAsync(ct);

        var launched = await store.Launcher().LaunchAsync(withDiscount.Id, ct);
        var refused = await store.Launcher().LaunchAsync(withoutDiscount.Id, ct);

        Assert.Equal((LaunchOutcome.Launched, 0), (launched.Outcome, launched.Queued));
        Assert.Equal(LaunchOutcome.NotLaunchable, refused.Outcome);
        Assert.Contains("no discount", refused.Reason);
        Assert.Empty(await store.DeliveriesAsync());
        var statuses = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Status, ct);
        Assert.Equal((CampaignStatus.Active, CampaignStatus.Draft), (statuses[withDiscount.Id], statuses[withoutDiscount.Id]));
    }

    [Fact]
    public async Task Campaigns_without_audience_content_or_a_per_customer_channel_are_not_launched()
    {
        await using var store = await CreateAsync();
        var segment = await store.SegmentAsync("All", Customer("Ani"));
        var launcher = store.Launcher();
        await using var db = store.Database.CreateDbContext();
        var noSegments = store.NewCampaign(CampaignType.Email, [], null);
        var noContent = store.NewCampaign(CampaignType.Email, [segment], null);
        var social = store.NewCampaign(CampaignType.Social, [segment], null);
        var badJson = store.NewCampaign(CampaignType.Sms, [segment], null);
        badJson.TargetAudience = "{not json";
        db.Campaigns.AddRange(noSegments, noContent, social, badJson);
        db.EmailCampaigns.Add(new EmailCampaign { CampaignId = noSegments.Id, Subject = "s", EmailContent = "b" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        foreach (var id in new[] { noSegments.Id, noContent.Id, social.Id, badJson.Id })
        {
            var result = await launcher.LaunchAsync(id, TestContext.Current.CancellationToken);
            Assert.Equal(LaunchOutcome.NotLaunchable, result.Outcome);
            Assert.False(string.IsNullOrEmpty(result.Reason));
        }
        Assert.Equal(LaunchOutcome.NotFound, (await launcher.LaunchAsync(Guid.NewGuid(), TestContext.Current.CancellationToken)).Outcome);
        Assert.Empty(await store.DeliveriesAsync());
        Assert.False(await db.Campaigns.AnyAsync(c => c.Status != CampaignStatus.Draft, TestContext.Current.CancellationToken));
    }
}
