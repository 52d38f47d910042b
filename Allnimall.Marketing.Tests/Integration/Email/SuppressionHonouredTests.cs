using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Email;

/// <summary>Every campaign honours the suppression list: at launch (no delivery row) and at send time.</summary>
public sealed class SuppressionHonouredTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Launch_gives_suppressed_addresses_no_delivery_whatever_their_case_or_spacing()
    {
        await using var store = await CreateAsync();
        var suppressions = new EmailSuppressionService(store.Database, store.Clock);
        var segment = await store.SegmentAsync("All", Customer("Ani", address: "  Ani@Example.com "), Customer("Budi"), Customer("Citra"));
        await suppressions.SuppressAsync("ani@example.com", EmailSuppressionReason.Unsubscribed, "test", Ct);
        await suppressions.SuppressAsync("CITRA@example.com", EmailSuppressionReason.HardBounce, "test", Ct);
        var campaignId = await store.EmailCampaignAsync([segment]);

        var launch = await store.Launcher().LaunchAsync(campaignId, Ct);

        Assert.Equal(1, launch.Queued);
        Assert.Equal("budi@example.com", await CustomerEmailAsync(store, Assert.Single(await store.DeliveriesAsync()).CustomerId!.Value));
    }

    [Fact]
    public async Task Suppression_does_not_touch_sms_deliveries()
    {
        await using var store = await CreateAsync();
        var suppressions = new EmailSuppressionService(store.Database, store.Clock);
        var segment = await store.SegmentAsync("All", Customer("Ani", sms: true));
        await suppressions.SuppressAsync("ani@example.com", EmailSuppressionReason.Unsubscribed, "test", Ct);
        var campaignId = await store.SmsCampaignAsync([segment]);

        Assert.Equal(1, (await store.Launcher().LaunchAsync(campaignId, Ct)).Queued);
    }

    private static async Task<string?> CustomerEmailAsync(CampaignTestStore store, Guid customerId)
    {
        await using var db = store.Database.CreateDbContext();
        return db.Customers.Single(c => c.Id == customerId).Email;
    }
}
