using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Microsoft.EntityFrameworkCore;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Email;

/// <summary>RELIABILITY T9: 10,000 campaign emails in 24 h, complaints at 0.09 %, 0.12 % and 0.31 %.</summary>
public sealed class ComplaintRateGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ComplaintRateGuard Guard(CampaignTestStore store) =>
        new(store.Database, Microsoft.Extensions.Options.Options.Create(new EmailOptions()), store.Clock);

    /// <summary>10,000 sent an hour ago, the given number of complaints; an active email and an active SMS campaign.</summary>
    private static async Task<(Guid Email, Guid Sms)> SeedAsync(CampaignTestStore store, int complaints)
    {
        var ani = Customer("Ani", sms: true);
        var segment = await store.SegmentAsync("All", ani);
        var email = await store.EmailCampaignAsync([segment]);
        var sms = await store.SmsCampaignAsync([segment]);
        await using var db = store.Database.CreateDbContext();
        await db.Campaigns.Where(c => c.Id == email || c.Id == sms).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Active), Ct);
        var at = Now.AddHours(-1);
        db.CustomerEngagement.AddRange(Enumerable.Range(0, 10_000).Select(_ => new CustomerEngagement
            { CustomerId = ani.Id, CampaignId = email, EngagementType = EngagementTypes.EmailSent, EngagementDate = at }));
        db.CustomerEngagement.AddRange(Enumerable.Range(0, complaints).Select(_ => new CustomerEngagement
            { CustomerId = ani.Id, CampaignId = email, EngagementType = EngagementTypes.EmailComplaint, EngagementDate = at }));
        // Old complaints fall outside the 24-hour window and never count.
        db.CustomerEngagement.AddRange(Enumerable.Range(0, 100).Select(_ => new CustomerEngagement
            { CustomerId = ani.Id, CampaignId = email, EngagementType = EngagementTypes.EmailComplaint, EngagementDate = Now.AddDays(-2) }));
        await db.SaveChangesAsync(Ct);
        return (email, sms);
    }

    private static async Task<CampaignStatus> StatusAsync(CampaignTestStore store, Guid id)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.Campaigns.Where(c => c.Id == id).Select(c => c.Status).SingleAsync(Ct);
    }

    [Theory]
    [InlineData(9, ComplaintRateLevel.Normal)]
    [InlineData(12, ComplaintRateLevel.Warning)]
    [InlineData(31, ComplaintRateLevel.Critical)]
    public async Task The_rate_over_24_hours_sets_the_level_and_only_critical_pauses_email_campaigns(int complaints, ComplaintRateLevel level)
    {
        await using var store = await CreateAsync();
        var (email, sms) = await SeedAsync(store, complaints);

        var (rate, paused) = await Guard(store).EnforceAsync(Ct);

        Assert.Equal((10_000, complaints, level), (rate.Sent, rate.Complaints, rate.Level));
        Assert.Equal(level == ComplaintRateLevel.Critical ? 1 : 0, paused);
        Assert.Equal(level == ComplaintRateLevel.Critical ? CampaignStatus.Paused : CampaignStatus.Active, await StatusAsync(store, email));
        Assert.Equal(CampaignStatus.Active, await StatusAsync(store, sms));
        await using var db = store.Database.CreateDbContext();
        var history = await db.CampaignEvents.Where(e => e.CampaignId == email && e.Action == CampaignAction.Paused).ToListAsync(Ct);
        Assert.Equal(level == ComplaintRateLevel.Critical ? 1 : 0, history.Count);
        Assert.All(history, e => Assert.Null(e.UserId)); // the system paused it
    }

    [Fact]
    public async Task Too_few_sends_never_pause()
    {
        await using var store = await CreateAsync();
        var ani = Customer("Ani");
        await store.SegmentAsync("All", ani);
        await using (var db = store.Database.CreateDbContext())
        {
            db.CustomerEngagement.AddRange(Enumerable.Range(0, 50).Select(_ => new CustomerEngagement
                { CustomerId = ani.Id, EngagementType = EngagementTypes.EmailSent, EngagementDate = Now }));
            db.CustomerEngagement.Add(new CustomerEngagement { CustomerId = ani.Id, EngagementType = EngagementTypes.EmailComplaint, EngagementDate = Now });
            await db.SaveChangesAsync(Ct);
        }

        var rate = await Guard(store).MeasureAsync(Ct);

        Assert.Equal(0.02, rate.Rate, 3);
        Assert.Equal(ComplaintRateLevel.Normal, rate.Level);
    }
}
