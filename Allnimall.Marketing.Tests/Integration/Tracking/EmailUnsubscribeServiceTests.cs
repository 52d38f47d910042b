using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Tracking;

public sealed class EmailUnsubscribeServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task T16_unsubscribing_withdraws_email_consent_records_when_how_and_from_which_delivery_once()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var ani = CampaignTestStore.Customer("Ani");
        var (campaignId, _) = await store.SendTrackedAsync("<p>Hi</p>", ani);
        var delivery = Assert.Single(await store.DeliveriesAsync()).Id;
        store.Clock.Advance(TimeSpan.FromDays(3));

        Assert.True(await store.Unsubscribe().UnsubscribeAsync(delivery, UnsubscribeSources.OneClick, Ct));
        Assert.False(await store.Unsubscribe().UnsubscribeAsync(delivery, UnsubscribeSources.PreferencePage, Ct));

        await using var db = store.Database.CreateDbContext();
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == ani.Id, Ct);
        Assert.False(customer.EmailConsent);
        Assert.Equal(CampaignTestStore.Now.AddDays(3), customer.EmailConsentAt);
        Assert.Equal(UnsubscribeSources.OneClick, customer.EmailConsentSource);
        var row = await db.CustomerEngagement.AsNoTracking().SingleAsync(e => e.EngagementType == EngagementTypes.EmailUnsubscribe, Ct);
        Assert.Equal((ani.Id, campaignId, delivery, CampaignTestStore.Now.AddDays(3)), (row.CustomerId, row.CampaignId!.Value, row.DeliveryId!.Value, row.EngagementDate));
        Assert.Contains("one-click", row.EngagementData);
    }

    [Fact]
    public async Task T16_an_unsubscribe_stops_the_next_send_of_a_campaign_already_queued()
    {
        await using var store = await CampaignTestStore.CreateAsync();
        var (ani, budi) = (CampaignTestStore.Customer("Ani"), CampaignTestStore.Customer("Budi"));
        var first = (await store.SendTrackedAsync("<p>One</p>", ani, budi)).CampaignId;
        var aniFirst = (await store.DeliveriesAsync()).Single(d => d.CustomerId == ani.Id).Id;
        var second = await store.EmailCampaignAsync([await store.SegmentAsync("Again", ani, budi)], body: "<p>Two</p>");
        await store.Launcher().LaunchAsync(second, Ct);

        await store.Unsubscribe().UnsubscribeAsync(aniFirst, UnsubscribeSources.OneClick, Ct);
        await store.Dispatcher().RunOnceAsync(100, Ct);

        var secondDeliveries = (await store.DeliveriesAsync()).Where(d => d.CampaignId == second).ToList();
        Assert.Equal(DeliveryStatus.Skipped, secondDeliveries.Single(d => d.CustomerId == ani.Id).Status);
        Assert.Equal(DeliveryStatus.Sent, secondDeliveries.Single(d => d.CustomerId == budi.Id).Status);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task An_unknown_delivery_changes_nothing()
    {
        await using var store = await CampaignTestStore.CreateAsync();

        Assert.False(await store.Unsubscribe().UnsubscribeAsync(Guid.NewGuid(), UnsubscribeSources.OneClick, Ct));
        Assert.Null(await store.Unsubscribe().PreferencesAsync(Guid.NewGuid(), Ct));
    }
}
