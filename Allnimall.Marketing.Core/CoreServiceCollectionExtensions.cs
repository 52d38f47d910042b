using Allnimall.Marketing.Core.Newsletters;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store.Ingest;
using Allnimall.Marketing.Core.Subscription;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Database, clock and every feature's services. <paramref name="contentRoot"/> anchors a relative SQLite path.</summary>
    public static IServiceCollection AddMarketingCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>()
            .Configure(o =>
            {
                o.Provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
                o.ConnectionString = configuration.GetConnectionString("Marketing") ?? DatabaseOptions.DefaultSqliteConnection;
                if (o.Provider == DatabaseProvider.Sqlite) o.ConnectionString = AnchorSqlitePath(o.ConnectionString, contentRoot);
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "ConnectionStrings:Marketing is empty")
            .ValidateOnStart();

        services.AddDbContextFactory<MarketingDbContext, MarketingDbContextFactory>((sp, builder) =>
            MarketingDbContextOptions.Configure(builder, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
                sp.GetRequiredService<TimeProvider>()));

        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<Store.Demo.DemoStoreSeeder>();
        services.AddScoped<FirstRunSetupService>().AddScoped<UserAdminService>();
        services.AddScoped<SubscriptionService>().AddTransient<RollSubscriptionPeriodJob>();
        services.AddScoped<Store.CustomerService>();
        services.AddStoreIngest();
        services.AddSegments(configuration);
        services.AddMessaging(configuration);
        services.AddEmail(configuration); // before AddCampaignDelivery: its transport router replaces the outbox default
        services.AddCampaignDelivery(configuration);
        services.AddScoped<CampaignService>();
        services.AddCampaignEditing(configuration);
        services.AddDiscounts(configuration);
        services.AddNewsletters();
        // Last: it wraps the transport registered above (or by a feature before it).
        services.AddEmailTracking(configuration);
        return services;
    }

    /// <summary>A relative SQLite file lives under the app's content root (never under wwwroot); its folder is created.</summary>
    private static string AnchorSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory) return connectionString;
        if (!Path.IsPathRooted(builder.DataSource)) builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }
}
