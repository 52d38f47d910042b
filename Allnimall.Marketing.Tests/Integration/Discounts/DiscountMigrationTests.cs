using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Allnimall.Marketing.Tests.Integration.Discounts;

public sealed class DiscountMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discount_rows_from_before_the_rules_existed_read_as_code_discounts_with_empty_scopes()
    {
        await using var database = new SqliteTestDatabase();
        await using var db = database.CreateDbContext();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_Discounts", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before, Ct);
        await db.Database.OpenConnectionAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF;", Ct);
        var id = Guid.NewGuid().ToString().ToUpperInvariant();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO discount_campaigns (id, campaign_id, discount_type, discount_value, usage_count, is_active, created_at, updated_at) " +
            "VALUES ({0}, {1}, 'percentage', '15.0', 3, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            [id, Guid.NewGuid().ToString().ToUpperInvariant()], Ct);

        await db.Database.MigrateAsync(Ct);

        var discount = await db.DiscountCampaigns.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((DiscountMethod.Code, 15m, 3, false), (discount.Method, discount.DiscountValue, discount.UsageCount, discount.Combinable));
        Assert.Empty(discount.IncludedProductIds);
        Assert.Empty(discount.EligibleSegmentIds);
    }
}
