using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Allnimall.Marketing.Tests.Integration.Data;

public sealed class MigrationsTests
{
    [Fact]
    public async Task Sqlite_model_has_no_changes_without_a_migration()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public void SqlServer_model_has_no_changes_without_a_migration()
    {
        using var db = SqlServerModel.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQL Server migration: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public async Task Sqlite_migrations_create_every_table_of_the_spec()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        var tables = await db.Database
            .SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'")
            .ToListAsync(TestContext.Current.CancellationToken);

        string[] expected =
        [
            "marketing_campaigns", "campaign_performance", "discount_campaigns", "customer_segments", "segment_customers",
            "customer_engagement", "email_campaigns", "sms_campaigns", "social_campaigns", "customers",
            "product_categories", "products", "orders", "order_items", "browsing_events", "api_keys", "addon_subscriptions",
        ];
        Assert.Empty(expected.Except(tables));
    }

    [Fact]
    public void Both_providers_have_their_own_migration_set()
    {
        using var sqlServer = SqlServerModel.CreateContext();
        var sqlServerMigrations = sqlServer.GetService<IMigrationsAssembly>().Migrations.Keys;
        var sqliteMigrations = new SqliteTestDatabase().CreateDbContext().GetService<IMigrationsAssembly>().Migrations.Keys;

        Assert.NotEmpty(sqlServerMigrations);
        Assert.NotEmpty(sqliteMigrations);
        Assert.Equal(sqlServerMigrations.Select(StripTimestamp), sqliteMigrations.Select(StripTimestamp));
    }

    private static string StripTimestamp(string id) => id[(id.IndexOf('_') + 1)..];
}
