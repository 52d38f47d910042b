using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Core.Data;

/// <summary>The one place that knows how a provider is configured, shared by the app, design-time tools and tests.</summary>
public static class MarketingDbContextOptions
{
    public static DbContextOptionsBuilder Configure(
        DbContextOptionsBuilder builder, DatabaseOptions database, TimeProvider clock)
    {
        if (database.Provider == DatabaseProvider.SqlServer)
            builder.UseSqlServer(database.ConnectionString, sql => sql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
        else
            builder.UseSqlite(database.ConnectionString).AddInterceptors(new SqliteConnectionTuning());
        return builder.UseSnakeCaseNamingConvention().AddInterceptors(new TimestampInterceptor(clock));
    }

    /// <summary>
    /// Options for a context built outside the app's DI (tests, benchmarks, design-time). Identity reads its schema
    /// version from the application service provider; without Version3 the model misses the passkeys table and
    /// <c>Migrate()</c> fails with PendingModelChangesWarning.
    /// </summary>
    public static DbContextOptions<MarketingDbContext> Standalone(DatabaseOptions database, TimeProvider? clock = null)
    {
        var identityServices = new ServiceCollection()
            .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
            .BuildServiceProvider();
        var builder = new DbContextOptionsBuilder<MarketingDbContext>().UseApplicationServiceProvider(identityServices);
        Configure(builder, database, clock ?? TimeProvider.System);
        return builder.Options;
    }

    public static MarketingDbContext CreateContext(DbContextOptions<MarketingDbContext> options, DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? new SqliteMarketingDbContext(options) : new MarketingDbContext(options);
}
