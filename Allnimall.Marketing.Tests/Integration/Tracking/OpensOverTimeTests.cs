using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using static Allnimall.Marketing.Tests.Integration.Campaigns.CampaignTestStore;

namespace Allnimall.Marketing.Tests.Integration.Tracking;

/// <summary>"Opens over time" on real SQLite: hourly for 48 h from the first send, then daily; human opens only.</summary>
public sealed class OpensOverTimeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Human_opens_are_counted_per_hour_for_48_hours_then_per_day_and_machine_opens_and_clicks_are_left_out()
    {
        await using var store = await CreateAsync();
        var (campaignId, _) = await store.SendTrackedAsync("<p>Hi</p>", Customer("Ani"), Customer("Budi"));
        var (otherCampaign, _) = await store.SendTrackedAsync("<p>Other</p>", Customer("Citra"));
        var deliveries = (await store.DeliveriesAsync()).Where(d => d.CampaignId == campaignId).ToList();
        var sentAt = deliveries.Min(d => d.SentAt)!.Value;
        var other = (await store.DeliveriesAsync()).Single(d => d.CampaignId == otherCampaign);
        CustomerEngagement Open(int delivery, TimeSpan after, bool automated = false, string type = EngagementTypes.EmailOpen) => new()
        {
            CustomerId = deliveries[delivery].CustomerId!.Value, CampaignId = campaignId, DeliveryId = deliveries[delivery].Id,
            EngagementType = type, EngagementDate = sentAt + after, IsAutomated = automated,
        };
        await using (var db = store.Database.CreateDbContext())
        {
            db.CustomerEngagement.AddRange(
                Open(0, TimeSpan.FromMinutes(10)),
                Open(0, TimeSpan.FromMinutes(65)), Open(1, TimeSpan.FromMinutes(70)),
                Open(1, TimeSpan.FromMinutes(130), automated: true), // a prefetching proxy: not a person
                Open(1, TimeSpan.FromMinutes(131), type: EngagementTypes.EmailClick),
                Open(0, TimeSpan.FromHours(3)),
                Open(1, TimeSpan.FromHours(47.5)),
                Open(0, TimeSpan.FromHours(50)), Open(1, TimeSpan.FromHours(52)),
                Open(0, TimeSpan.FromDays(4)),
                new CustomerEngagement
                {
                    CustomerId = other.CustomerId!.Value, CampaignId = otherCampaign, DeliveryId = other.Id,
                    EngagementType = EngagementTypes.EmailOpen, EngagementDate = sentAt.AddMinutes(20),
                });
            await db.SaveChangesAsync(Ct);
        }

        var points = await new EmailResultsService(store.Database).OpensOverTimeAsync(campaignId, Ct);

        var hourly = points.Where(p => p.Hourly).ToList();
        var daily = points.Where(p => !p.Hourly).ToList();
        var firstHour = new DateTime(sentAt.Year, sentAt.Month, sentAt.Day, sentAt.Hour, 0, 0, DateTimeKind.Utc);
        Assert.Equal(48, hourly.Count);
        Assert.Equal(Enumerable.Range(0, 48).Select(h => firstHour.AddHours(h)), hourly.Select(p => p.Start));
        Assert.Equal([1, 2, 0, 1], hourly.Take(4).Select(p => p.Opens));
        Assert.Equal(1, hourly[47].Opens);
        Assert.Equal(5, hourly.Sum(p => p.Opens));
        // Days from the end of the hourly window to the last open, empty days included.
        var hourlyEnd = firstHour.AddHours(48);
        Assert.Equal(Enumerable.Range(0, (sentAt.AddDays(4).Date - hourlyEnd.Date).Days + 1).Select(d => hourlyEnd.Date.AddDays(d)),
            daily.Select(p => p.Start));
        Assert.Equal(3, daily.Sum(p => p.Opens));
        Assert.Equal(1, daily[^1].Opens);
    }

    [Fact]
    public async Task A_campaign_without_opens_has_no_points_and_a_short_one_stops_at_its_last_open()
    {
        await using var store = await CreateAsync();
        var (campaignId, _) = await store.SendTrackedAsync("<p>Hi</p>", Customer("Ani"));
        var service = new EmailResultsService(store.Database);
        Assert.Empty(await service.OpensOverTimeAsync(campaignId, Ct));

        var delivery = Assert.Single(await store.DeliveriesAsync());
        await using (var db = store.Database.CreateDbContext())
        {
            db.CustomerEngagement.Add(new CustomerEngagement
            {
                CustomerId = delivery.CustomerId!.Value, CampaignId = campaignId, DeliveryId = delivery.Id,
                EngagementType = EngagementTypes.EmailOpen, EngagementDate = delivery.SentAt!.Value.AddHours(5),
            });
            await db.SaveChangesAsync(Ct);
        }

        var points = await service.OpensOverTimeAsync(campaignId, Ct);

        Assert.Equal(6, points.Count);
        Assert.All(points, p => Assert.True(p.Hourly));
        Assert.Equal([0, 0, 0, 0, 0, 1], points.Select(p => p.Opens));
    }
}
