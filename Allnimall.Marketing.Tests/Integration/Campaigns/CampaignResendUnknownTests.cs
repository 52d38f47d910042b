using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>Staff's deliberate resend of deliveries whose outcome is unknown (never automatic: the customer may get it twice).</summary>
public sealed class CampaignResendUnknownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A launched email campaign to Ani, Budi and Citra: Ani's delivery sent, Budi's and Citra's unknown.</summary>
    private static async Task<(CampaignTestStore Store, CampaignService Service, Guid CampaignId, List<CampaignDelivery> Deliveries)> SetUpAsync()
    {
        var store = await CreateAsync();
        var segment = await store.SegmentAsync("Friends", Customer("Ani"), Customer("Budi"), Customer("Citra"));
        var campaignId = await store.EmailCampaignAsync([segment]);
        Assert.Equal(3, (await store.Launcher().LaunchAsync(campaignId, Ct)).Queued);
        Assert.Equal(3, (await store.Dispatcher().RunOnceAsync(10, Ct)).Sent);
        var deliveries = await store.DeliveriesAsync();
        await store.MarkUnknownAsync(deliveries.Skip(1).Select(d => d.Id));
        // As after a crash mid-send: the outbox never stored those two (it refuses a second message for one delivery).
        await using (var db = store.Database.CreateDbContext())
            await db.OutboxMessages.Where(m => m.DeliveryId != deliveries[0].Id).ExecuteDeleteAsync(Ct);
        store.Clock.Advance(TimeSpan.FromMinutes(10));
        return (store, store.CampaignService(), campaignId, deliveries);
    }

    private static async Task SetStatusAsync(CampaignTestStore store, Guid id, CampaignStatus status, DateTime? endDate = null)
    {
        await using var db = store.Database.CreateDbContext();
        await db.Campaigns.Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.EndDate, endDate), Ct);
    }

    private static async Task<List<CampaignEvent>> EventsAsync(CampaignTestStore store, Guid id)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.CampaignEvents.Where(e => e.CampaignId == id).OrderBy(e => e.At).ToListAsync(Ct);
    }

    private static async Task<CampaignStatus> StatusAsync(CampaignTestStore store, Guid id)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.Campaigns.Where(c => c.Id == id).Select(c => c.Status).SingleAsync(Ct);
    }

    [Fact]
    public async Task Resending_all_requeues_only_the_unknown_deliveries_due_now_and_records_who_did_it()
    {
        var (store, service, campaignId, deliveries) = await SetUpAsync();
        await using var _ = store;

        var result = await service.ResendUnknownAsync(campaignId, null, store.AdminId, Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Value);
        var after = await store.DeliveriesAsync();
        Assert.Equal(DeliveryStatus.Sent, after.Single(d => d.Id == deliveries[0].Id).Status);
        Assert.All(after.Skip(1), d =>
        {
            Assert.Equal(DeliveryStatus.Queued, d.Status);
            Assert.Equal(store.Clock.GetUtcNow().UtcDateTime, d.NextAttemptAt);
            Assert.Null(d.LastError);
            Assert.Null(d.ClaimToken);
        });
        var entry = (await EventsAsync(store, campaignId)).Last();
        Assert.Equal(CampaignAction.ResentUnknown, entry.Action);
        Assert.Equal(store.AdminId, entry.UserId);
        Assert.Equal(CampaignStatus.Active, entry.FromStatus);
        Assert.Equal(CampaignStatus.Active, entry.ToStatus);
        var history = (await service.GetAsync(campaignId, Ct))!.History;
        Assert.Equal("admin@test", history[^1].UserEmail);
    }

    [Fact]
    public async Task Resending_chosen_deliveries_moves_only_those_that_are_still_unknown()
    {
        var (store, service, campaignId, deliveries) = await SetUpAsync();
        await using var _ = store;

        // The sent one is chosen too (a stale selection): it must stay sent.
        var result = await service.ResendUnknownAsync(campaignId, [deliveries[0].Id, deliveries[1].Id], store.AdminId, Ct);

        Assert.Equal(1, result.Value);
        var after = (await store.DeliveriesAsync()).ToDictionary(d => d.Id);
        Assert.Equal(DeliveryStatus.Sent, after[deliveries[0].Id].Status);
        Assert.Equal(DeliveryStatus.Queued, after[deliveries[1].Id].Status);
        Assert.Equal(DeliveryStatus.Unknown, after[deliveries[2].Id].Status);
    }

    [Fact]
    public async Task A_completed_campaign_is_reopened_so_the_dispatcher_sends_the_resent_deliveries()
    {
        var (store, service, campaignId, _) = await SetUpAsync();
        await using var __ = store;
        await SetStatusAsync(store, campaignId, CampaignStatus.Completed);

        var result = await service.ResendUnknownAsync(campaignId, null, store.AdminId, Ct);

        Assert.Equal(2, result.Value);
        Assert.Equal(CampaignStatus.Active, await StatusAsync(store, campaignId));
        var entry = (await EventsAsync(store, campaignId)).Last();
        Assert.Equal((CampaignStatus.Completed, CampaignStatus.Active), (entry.FromStatus!.Value, entry.ToStatus!.Value));
        Assert.Equal(2, (await store.Dispatcher().RunOnceAsync(10, Ct)).Sent);
        Assert.All(await store.DeliveriesAsync(), d => Assert.Equal(DeliveryStatus.Sent, d.Status));
        Assert.Equal(3, (await store.OutboxAsync()).Count);
    }

    [Fact]
    public async Task A_paused_campaign_keeps_its_status_and_its_resent_deliveries_wait_for_resume()
    {
        var (store, service, campaignId, _) = await SetUpAsync();
        await using var __ = store;
        await SetStatusAsync(store, campaignId, CampaignStatus.Paused);

        Assert.Equal(2, (await service.ResendUnknownAsync(campaignId, null, store.AdminId, Ct)).Value);

        Assert.Equal(CampaignStatus.Paused, await StatusAsync(store, campaignId));
        Assert.Equal(0, (await store.Dispatcher().RunOnceAsync(10, Ct)).Claimed);
    }

    [Theory]
    [InlineData(CampaignStatus.Draft)]
    [InlineData(CampaignStatus.Scheduled)]
    [InlineData(CampaignStatus.Cancelled)]
    public async Task A_campaign_that_sends_nothing_refuses_and_nothing_moves(CampaignStatus status)
    {
        var (store, service, campaignId, _) = await SetUpAsync();
        await using var __ = store;
        await SetStatusAsync(store, campaignId, status);
        var eventsBefore = (await EventsAsync(store, campaignId)).Count;

        var result = await service.ResendUnknownAsync(campaignId, null, store.AdminId, Ct);

        Assert.Equal(SaveStatus.Conflict, result.Status);
        Assert.Contains("cannot be resent", result.Message);
        Assert.Equal(2, (await store.DeliveriesAsync()).Count(d => d.Status == DeliveryStatus.Unknown));
        Assert.Equal(eventsBefore, (await EventsAsync(store, campaignId)).Count);
    }

    [Fact]
    public async Task A_completed_campaign_past_its_end_date_refuses_and_stays_completed()
    {
        var (store, service, campaignId, _) = await SetUpAsync();
        await using var __ = store;
        await SetStatusAsync(store, campaignId, CampaignStatus.Completed, endDate: store.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));

        var result = await service.ResendUnknownAsync(campaignId, null, store.AdminId, Ct);

        Assert.Equal(SaveStatus.Conflict, result.Status);
        Assert.Contains("ended", result.Message);
        Assert.Equal(CampaignStatus.Completed, await StatusAsync(store, campaignId));
        Assert.Equal(2, (await store.DeliveriesAsync()).Count(d => d.Status == DeliveryStatus.Unknown));
    }

    [Fact]
    public async Task With_nothing_unknown_a_completed_campaign_is_not_reopened()
    {
        var (store, service, campaignId, _) = await SetUpAsync();
        await using var __ = store;
        Assert.Equal(2, (await service.ResendUnknownAsync(campaignId, null, store.AdminId, Ct)).Value);
        Assert.Equal(2, (await store.Dispatcher().RunOnceAsync(10, Ct)).Sent);
        await SetStatusAsync(store, campaignId, CampaignStatus.Completed);
        var eventsBefore = (await EventsAsync(store, campaignId)).Count;

        var result = await service.ResendUnknownAsync(campaignId, null, store.AdminId, Ct);

        Assert.Equal(SaveStatus.Conflict, result.Status);
        Assert.Equal("This campaign has no deliveries with an unknown outcome.", result.Message);
        Assert.Equal(CampaignStatus.Completed, await StatusAsync(store, campaignId));
        Assert.Equal(eventsBefore, (await EventsAsync(store, campaignId)).Count);
    }

    [Fact]
    public async Task An_unknown_campaign_is_not_found_and_an_empty_choice_is_invalid()
    {
        var (store, service, campaignId, _) = await SetUpAsync();
        await using var __ = store;

        Assert.Equal(SaveStatus.NotFound, (await service.ResendUnknownAsync(Guid.NewGuid(), null, store.AdminId, Ct)).Status);
        var empty = await service.ResendUnknownAsync(campaignId, [], store.AdminId, Ct);
        Assert.Equal(SaveStatus.Invalid, empty.Status);
        Assert.Contains("DeliveryIds", empty.Errors.Keys);
    }

    [Fact]
    public async Task Progress_counts_handled_deliveries_and_reaches_100_percent_only_when_none_is_pending()
    {
        var (store, service, campaignId, _) = await SetUpAsync();
        await using var __ = store;
        await service.ResendUnknownAsync(campaignId, null, store.AdminId, Ct);

        var midway = (await service.ProgressAsync(campaignId, Ct))!;
        Assert.Equal((3, 1, 2, 33), (midway.Total, midway.Handled, midway.Pending, midway.Percent));
        Assert.True(midway.IsSending);

        await store.Dispatcher().RunOnceAsync(10, Ct);
        var done = (await service.ProgressAsync(campaignId, Ct))!;
        Assert.Equal((3, 0, 100), (done.Handled, done.Pending, done.Percent));
        Assert.Equal(3, done.Count(DeliveryStatus.Sent));
        Assert.Null(await service.ProgressAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task Deliveries_can_be_searched_by_customer_name()
    {
        var (store, service, campaignId, _) = await SetUpAsync();
        await using var __ = store;

        var page = await service.DeliveriesAsync(campaignId, new CampaignDeliveryQuery { Search = "budi te" }, Ct);

        Assert.Equal("Budi Test", Assert.Single(page!.Items).CustomerName);
    }
}
