using System.Diagnostics;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>
/// Writes a believable Indonesian pet store (customers, catalogue, a year of orders, 90 days of browsing, past
/// campaigns and a newsletter with its subscribers) for demos in Development. Deterministic for a given seed and clock; everything is dated relative to
/// "now", so the store always looks current. The caller decides whether the store is empty enough to seed.
/// </summary>
public sealed class DemoStoreSeeder(IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock, ILogger<DemoStoreSeeder> logger)
{
    public const int DefaultSeed = 20_240_917;

    public async Task<DemoStoreSeedResult> SeedAsync(int seed = DefaultSeed, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Campaigns need a creator: the demo Admin, when demo accounts are seeded.
        var adminEmail = DemoAccounts.All.First(a => a.Role == Roles.Admin).Email;
        var adminId = await db.Users.Where(u => u.Email == adminEmail).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (adminId is null) logger.LogInformation("No demo admin account: the demo store is seeded without campaigns");

        var stopwatch = Stopwatch.StartNew();
        var store = DemoStoreData.Generate(seed, now, adminId);
        var generated = stopwatch.Elapsed;

        // One transaction; the rows go in through BulkInsert, not the change tracker (see there for the measured
        // statement shape). Every row carries its own believable timestamps, so none are stamped.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Task InsertAsync<T>(IReadOnlyCollection<T> rows) where T : class => BulkInsert.InsertAsync(db, rows, stampTimestampsAt: null, ct);
        await InsertAsync(store.Products.Categories);
        await InsertAsync(store.Products.Items.Select(i => i.Product).ToList());
        await InsertAsync(store.Shoppers.Select(s => s.Customer).ToList());
        await InsertAsync(store.Orders);
        await InsertAsync(store.OrderItems);
        await InsertAsync(store.BrowsingEvents);
        await InsertAsync([store.Newsletter.List]);
        await InsertAsync(store.Newsletter.Subscriptions);
        var campaigns = store.Campaigns;
        await InsertAsync(campaigns.Campaigns);
        await InsertAsync(campaigns.Emails);
        await InsertAsync(campaigns.Sms);
        await InsertAsync(campaigns.Social);
        await InsertAsync(campaigns.Discounts);
        await InsertAsync(campaigns.PromoCodes);
        await InsertAsync(campaigns.Redemptions);
        await InsertAsync(campaigns.Performance);
        await InsertAsync(campaigns.Engagement);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Demo store generated in {GenerateMs:F0} ms and written in {WriteMs:F0} ms",
            generated.TotalMilliseconds, (stopwatch.Elapsed - generated).TotalMilliseconds);

        return new DemoStoreSeedResult(store.Shoppers.Count, store.Products.Items.Count, store.Orders.Count,
            store.OrderItems.Count, store.BrowsingEvents.Count, campaigns.Campaigns.Count, campaigns.Engagement.Count);
    }
}
