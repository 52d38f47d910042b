using System.Diagnostics;
using System.Security.Claims;
using Allnimall.Marketing.Core.Campaigns.Templates;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store.Demo;
using Allnimall.Marketing.Core.Subscription;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Allnimall.Marketing.Core.Data;

/// <summary>
/// Runs at start-up: migrates (never EnsureCreated/EnsureDeleted), creates the roles with their default permissions
/// the add-on subscription record and the built-in campaign templates, and in Development the demo accounts and demo store.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceProvider services, IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(DemoSeedOptions demo, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (db.Database.IsSqlite())
            {
                // WAL lets readers (dashboards) work while a writer (ingest, sends) commits.
                await db.Database.OpenConnectionAsync(ct);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            await db.Database.MigrateAsync(ct);
            await EnsureSubscriptionAsync(db, ct);
        }
        // Settings → Email's saved values, laid over configuration once the table surely exists.
        if (services.GetService<Email.Settings.EmailSettingsStore>() is { } emailSettings) await emailSettings.ReloadAsync(ct);

        await using var scope = services.CreateAsyncScope();
        await EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        var templates = await new CampaignTemplateSeeder(dbFactory).SeedAsync(ct);
        if (templates > 0) logger.LogInformation("Seeded {Templates} built-in campaign templates", templates);
        if (demo.Accounts)
            await EnsureDemoAccountsAsync(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
        if (demo.Store && await EnsureDemoStoreAsync(scope.ServiceProvider.GetRequiredService<DemoStoreSeeder>(), ct))
        {
            var segments = await scope.ServiceProvider.GetRequiredService<DemoSegments>().SeedAsync(ct);
            logger.LogInformation("Seeded {Segments} demo segments", segments);
        }
    }

    /// <summary>
    /// Seeds the demo store only into an empty store, so restarts and real data are never touched. Catalogue tables
    /// count too: the demo's store ids would collide with a catalogue ingested before any customer.
    /// </summary>
    private async Task<bool> EnsureDemoStoreAsync(DemoStoreSeeder seeder, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Customers.AnyAsync(ct) || await db.Products.AnyAsync(ct) || await db.ProductCategories.AnyAsync(ct))
                return false;
        }
        var stopwatch = Stopwatch.StartNew();
        var seeded = await seeder.SeedAsync(ct: ct);
        logger.LogInformation(
            "Seeded demo store in {ElapsedMs} ms: {Customers} customers, {Products} products, {Orders} orders, {BrowsingEvents} browsing events, {Campaigns} campaigns",
            stopwatch.ElapsedMilliseconds, seeded.Customers, seeded.Products, seeded.Orders, seeded.BrowsingEvents, seeded.Campaigns);
        return true;
    }

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var name in Roles.All)
        {
            if (await roles.RoleExistsAsync(name)) continue;
            var role = new IdentityRole(name);
            Check(await roles.CreateAsync(role));
            foreach (var permission in Permissions.DefaultsFor(name))
                Check(await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission)));
        }
    }

    private async Task EnsureSubscriptionAsync(MarketingDbContext db, CancellationToken ct)
    {
        if (await db.AddonSubscriptions.AnyAsync(s => s.AddonCode == AddonSubscription.MarketingAddon, ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        db.AddonSubscriptions.Add(new AddonSubscription
        {
            Status = SubscriptionStatus.Trial,
            EndsAt = now.AddDays(30),
            MonthlyEmailQuota = 10_000,
            MonthlySmsQuota = 1_000,
            PeriodStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
    }

    private async Task EnsureDemoAccountsAsync(UserManager<ApplicationUser> users)
    {
        foreach (var (email, role, displayName) in DemoAccounts.All)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            Check(await users.CreateAsync(user, DemoAccounts.Password));
            Check(await users.AddToRoleAsync(user, role));
            logger.LogInformation("Seeded demo account for role {Role}", role);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
