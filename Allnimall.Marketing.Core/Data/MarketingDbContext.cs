using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Subscription;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Data;

/// <summary>
/// The one context of the add-on. Its migrations are SQL Server's (<c>Data/Migrations/SqlServer</c>); the SQLite set
/// belongs to <see cref="SqliteMarketingDbContext"/>. Add a migration for both:
/// <code>
/// dotnet ef migrations add Name --context MarketingDbContext --output-dir Data/Migrations/SqlServer --project Allnimall.Marketing.Core --startup-project Allnimall.Marketing.Web
/// dotnet ef migrations add Name --context SqliteMarketingDbContext --output-dir Data/Migrations/Sqlite --project Allnimall.Marketing.Core --startup-project Allnimall.Marketing.Web
/// </code>
/// </summary>
public class MarketingDbContext(DbContextOptions<MarketingDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<ProductCategory> ProductCategories => Set<ProductCategory>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderItem> OrderItems => Set<OrderItem>();
    public DbSet<BrowsingEvent> BrowsingEvents => Set<BrowsingEvent>();

    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignPerformance> CampaignPerformance => Set<CampaignPerformance>();
    public DbSet<EmailCampaign> EmailCampaigns => Set<EmailCampaign>();
    public DbSet<SmsCampaign> SmsCampaigns => Set<SmsCampaign>();
    public DbSet<SocialCampaign> SocialCampaigns => Set<SocialCampaign>();
    public DbSet<DiscountCampaign> DiscountCampaigns => Set<DiscountCampaign>();
    public DbSet<PromoCode> PromoCodes => Set<PromoCode>();
    public DbSet<DiscountRedemption> DiscountRedemptions => Set<DiscountRedemption>();
    public DbSet<DiscountCustomerUsage> DiscountCustomerUsages => Set<DiscountCustomerUsage>();
    public DbSet<CampaignDelivery> CampaignDeliveries => Set<CampaignDelivery>();
    public DbSet<CampaignEvent> CampaignEvents => Set<CampaignEvent>();
    public DbSet<Messaging.OutboxMessage> OutboxMessages => Set<Messaging.OutboxMessage>();
    public DbSet<Campaigns.Templates.CampaignTemplate> CampaignTemplates => Set<Campaigns.Templates.CampaignTemplate>();

    public DbSet<CustomerSegment> CustomerSegments => Set<CustomerSegment>();
    public DbSet<SegmentCustomer> SegmentCustomers => Set<SegmentCustomer>();
    public DbSet<SegmentRefresh> SegmentRefreshes => Set<SegmentRefresh>();
    public DbSet<CustomerEngagement> CustomerEngagement => Set<CustomerEngagement>();
    public DbSet<Email.Suppression.EmailSuppression> EmailSuppressions => Set<Email.Suppression.EmailSuppression>();
    public DbSet<EmailLink> EmailLinks => Set<EmailLink>();
    public DbSet<Newsletters.NewsletterList> NewsletterLists => Set<Newsletters.NewsletterList>();
    public DbSet<Newsletters.NewsletterSubscription> NewsletterSubscriptions => Set<Newsletters.NewsletterSubscription>();
    public DbSet<Email.Settings.EmailSettings> EmailSettings => Set<Email.Settings.EmailSettings>();

    public DbSet<AddonSubscription> AddonSubscriptions => Set<AddonSubscription>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ConfigureIdentityKeys();
        builder.ApplyConfigurationsFromAssembly(typeof(MarketingDbContext).Assembly);
        MarketingDbFunctions.Register(builder, Database.IsSqlite());
        if (Database.IsSqlite()) UseCaseInsensitivePlaces(builder);
    }

    /// <summary>
    /// "Jakarta" and "jakarta" are one city. SQL Server's default collation already ignores case; SQLite's does not, so
    /// place columns get NOCASE there, which keeps `city IN (…)` case-insensitive and still able to use the index.
    /// </summary>
    private static void UseCaseInsensitivePlaces(ModelBuilder builder) =>
        builder.Entity<Customer>(b =>
        {
            b.Property(c => c.City).UseCollation("NOCASE");
            b.Property(c => c.Region).UseCollation("NOCASE");
            b.Property(c => c.Country).UseCollation("NOCASE");
        });
}
