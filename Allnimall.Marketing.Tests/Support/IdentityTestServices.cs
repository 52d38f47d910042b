using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Subscription;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Support;

/// <summary>
/// Identity (with the app's password and lockout policy) and the admin services over a <see cref="SqliteTestDatabase"/>,
/// with roles, permissions and the subscription row seeded as at start-up. No demo accounts.
/// </summary>
public static class IdentityTestServices
{
    public static async Task<ServiceProvider> CreateAsync(SqliteTestDatabase database)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(database.Clock)
            .AddSingleton<IDbContextFactory<MarketingDbContext>>(database)
            .AddScoped(_ => database.CreateDbContext());
        services.AddIdentityCore<ApplicationUser>(o => IdentityPolicy.Apply(o, new ConfigurationBuilder().Build()))
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MarketingDbContext>();
        services.AddScoped<DatabaseInitializer>()
            .AddScoped<FirstRunSetupService>()
            .AddScoped<UserAdminService>()
            .AddScoped<SubscriptionService>();

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(new DemoSeedOptions(false, false));
        return provider;
    }
}
