using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Integration.Store;

/// <summary>The demo store as the app seeds it at start-up: after the demo accounts, only into an empty store.</summary>
public sealed class DemoStoreInitializationTests(DemoStoreInitializationTests.App app) : IClassFixture<DemoStoreInitializationTests.App>
{
    public sealed class App() : MarketingAppFactory(seedStore: true);

    [Fact]
    public async Task Start_up_seeds_the_demo_store_once_with_campaigns_owned_by_the_demo_admin()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>();
        var before = await CountsAsync(factory, ct);

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(new DemoSeedOptions(Accounts: true, Store: true), ct);
        var after = await CountsAsync(factory, ct);

        Assert.InRange(before.Customers, 1_900, 2_100);
        Assert.InRange(before.Orders, 13_000, 17_000);
        Assert.Equal(before, after);

        await using var db = await factory.CreateDbContextAsync(ct);
        var admin = await db.Users.SingleAsync(u => u.Email == "admin@demo.allnimall.test", ct);
        Assert.Equal(6, await db.Campaigns.CountAsync(c => c.CreatedBy == admin.Id, ct));
        var completed = await db.Campaigns.Where(c => c.Status == CampaignStatus.Completed).Select(c => c.Id).ToListAsync(ct);
        Assert.NotEmpty(completed);
        foreach (var id in completed)
            Assert.True(await db.CampaignPerformance.AnyAsync(p => p.CampaignId == id && p.MetricName == "conversions", ct));
    }

    [Fact]
    public async Task Start_up_adds_ready_made_segments_filled_from_the_demo_store()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(ct);
        var segments = await db.CustomerSegments.AsNoTracking().ToListAsync(ct);

        Assert.Contains(segments, s => s.Name == "VIP customers");
        Assert.Contains(segments, s => s.Name == "Lapsed 90+ days");
        Assert.Contains(segments, s => s.Name == "New this month");
        Assert.Contains(segments, s => s.Name == "Dog owners");
        Assert.All(segments, s => Assert.NotNull(s.LastRefreshedAt));
        // Each is a real subset of the store: filled, but not everyone.
        Assert.All(segments, s => Assert.InRange(s.CustomerCount, 1, 1_999));
        foreach (var segment in segments)
            Assert.Equal(segment.CustomerCount, await db.SegmentCustomers.CountAsync(m => m.SegmentId == segment.Id, ct));
    }

    private static async Task<(int Customers, int Orders, int Events, int Campaigns, int Performance)> CountsAsync(
        IDbContextFactory<MarketingDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Customers.CountAsync(ct), await db.Orders.CountAsync(ct), await db.BrowsingEvents.CountAsync(ct),
            await db.Campaigns.CountAsync(ct), await db.CampaignPerformance.CountAsync(ct));
    }
}
