using Allnimall.Marketing.Core.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

public sealed class RunDueCampaignsJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RunDueCampaignsJob Job(CampaignTestStore store) =>
        new(store.Database, store.Launcher(), store.Clock, NullLogger<RunDueCampaignsJob>.Instance) { CancellationToken = Ct };

    internal static async Task SetAsync(CampaignTestStore store, Guid campaignId, CampaignStatus status, DateTime? start = null, DateTime? end = null)
    {
        await using var db = store.Database.CreateDbContext();
        await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, status).SetProperty(c => c.StartDate, start).SetProperty(c => c.EndDate, end), Ct);
    }

    private static async Task<CampaignStatus> StatusAsync(CampaignTestStore store, Guid campaignId)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Status).SingleAsync(Ct);
    }

    [Fact]
    public async Task Scheduled_campaign_is_launched_at_its_start_and_not_before()
    {
        await using var store = await CreateAsync();
        var campaignId = await store.EmailCampaignAsync([await store.SegmentAsync("All", Customer("Ani"), Customer("Budi"))]);
        await SetAsync(store, campaignId, CampaignStatus.Scheduled, start: Now.AddHours(1));

        store.Clock.Advance(TimeSpan.FromMinutes(59));
        await Job(store).Invoke();
        Assert.Equal(CampaignStatus.Scheduled, await StatusAsync(store, campaignId));
        Assert.Empty(await store.DeliveriesAsync());

        store.Clock.Advance(TimeSpan.FromMinutes(1));
        await Job(store).Invoke();
        Assert.Equal(CampaignStatus.Active, await StatusAsync(store, campaignId));
        Assert.Equal(2, (await store.DeliveriesAsync()).Count);
        // The history says the schedule launched it: no user.
        Assert.Equal([(CampaignAction.Launched, CampaignStatus.Scheduled, CampaignStatus.Active, false)], await store.HistoryAsync(campaignId));
    }

    [Fact]
    public async Task Double_fire_and_two_concurrent_runs_launch_once()
    {
        await using var store = await CreateAsync();
        var campaignId = await store.EmailCampaignAsync([await store.SegmentAsync("All", Customer("Ani"), Customer("Budi"), Customer("Cici"))]);
        await SetAsync(store, campaignId, CampaignStatus.Scheduled, start: Now);

        await Task.WhenAll(Job(store).Invoke(), Job(store).Invoke());
        await Job(store).Invoke();

        var deliveries = await store.DeliveriesAsync();
        Assert.Equal(3, deliveries.Count);
        Assert.Equal(3, deliveries.Select(d => d.CustomerId).Distinct().Count());
        Assert.Equal(CampaignStatus.Active, await StatusAsync(store, campaignId));
    }

    [Fact]
    public async Task Drafts_are_not_launched_and_an_unlaunchable_schedule_stays_scheduled()
    {
        await using var store = await CreateAsync();
        var draft = await store.EmailCampaignAsync([await store.SegmentAsync("All", Customer("Ani"))]);
        await SetAsync(store, draft, CampaignStatus.Draft, start: Now.AddDays(-1));
        var noAudience = await store.EmailCampaignAsync([]);
        await SetAsync(store, noAudience, CampaignStatus.Scheduled, start: Now.AddDays(-1));

        await Job(store).Invoke();

        Assert.Equal(CampaignStatus.Draft, await StatusAsync(store, draft));
        Assert.Equal(CampaignStatus.Scheduled, await StatusAsync(store, noAudience));
        Assert.Empty(await store.DeliveriesAsync());
    }

    [Fact]
    public async Task End_date_completes_active_and_paused_campaigns_and_skips_their_unsent_deliveries()
    {
        await using var store = await CreateAsync();
        var segment = await store.SegmentAsync("All", Customer("Ani"), Customer("Budi"));
        var active = await store.EmailCampaignAsync([segment]);
        await store.Launcher().LaunchAsync(active, Ct);
        await SetAsync(store, active, CampaignStatus.Active, start: Now, end: Now.AddDays(2));
        var paused = await store.SmsCampaignAsync([segment]);
        await SetAsync(store, paused, CampaignStatus.Paused, start: Now, end: Now.AddDays(1));
        var running = await store.EmailCampaignAsync([segment]);
        await SetAsync(store, running, CampaignStatus.Active, start: Now, end: Now.AddDays(3));

        store.Clock.Advance(TimeSpan.FromDays(1));
        await Job(store).Invoke();
        Assert.Equal(CampaignStatus.Completed, await StatusAsync(store, paused));
        Assert.Equal(CampaignStatus.Active, await StatusAsync(store, active));

        store.Clock.Advance(TimeSpan.FromDays(1));
        await Job(store).Invoke();
        Assert.Equal(CampaignStatus.Completed, await StatusAsync(store, active));
        Assert.Equal(CampaignStatus.Active, await StatusAsync(store, running));
        Assert.Equal([(CampaignAction.Completed, CampaignStatus.Paused, CampaignStatus.Completed, false)], await store.HistoryAsync(paused));
        Assert.Equal([(CampaignAction.Completed, CampaignStatus.Active, CampaignStatus.Completed, false)], await store.HistoryAsync(active));
        Assert.All(await store.DeliveriesAsync(), d =>
            Assert.Equal((DeliveryStatus.Skipped, RunDueCampaignsJob.CampaignEndedReason), (d.Status, d.SkipReason)));
        Assert.Equal(0, (await store.Dispatcher().RunOnceAsync(10, Ct)).Claimed);
        await Job(store).Invoke(); // already completed: no second set of engagement rows
        await using var db = store.Database.CreateDbContext();
        var engagement = await db.CustomerEngagement.Where(e => e.CampaignId == active).ToListAsync(Ct);
        Assert.Equal(2, engagement.Count);
        Assert.All(engagement, e => Assert.Equal(Allnimall.Marketing.Core.Tracking.EngagementTypes.EmailSkipped, e.EngagementType));
    }

    [Fact]
    public async Task Schedule_survives_a_restart_because_it_lives_in_the_database()
    {
        // T12: scheduled for tomorrow 09:00; the "process" that saw it is gone; a new job over the same database
        // after 09:00 launches it once, and a further run (or instance) launches nothing more.
        await using var store = await CreateAsync();
        var campaignId = await store.EmailCampaignAsync([await store.SegmentAsync("All", Customer("Ani"), Customer("Budi"))]);
        await SetAsync(store, campaignId, CampaignStatus.Scheduled, start: Now.AddDays(1));
        await Job(store).Invoke();

        store.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(3)));
        await Job(store).Invoke();
        await Job(store).Invoke();

        Assert.Equal(CampaignStatus.Active, await StatusAsync(store, campaignId));
        Assert.Equal(2, (await store.DeliveriesAsync()).Count);
    }
}
