using Allnimall.Marketing.Core.Discounts;
using System.Text.Json;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Store.Demo;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Integration.Store;

public sealed class DemoStoreSeederTests(DemoStoreSeederTests.SeededStore store) : IClassFixture<DemoStoreSeederTests.SeededStore>
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>One demo store, seeded with the demo admin present (so campaigns are written), shared by the tests.</summary>
    public sealed class SeededStore : IAsyncLifetime
    {
        public SqliteTestDatabase Database { get; private set; } = null!;
        public DemoStoreSeedResult Result { get; private set; } = null!;
        public string AdminId { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Database = await SqliteTestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(Now)));
            AdminId = await AddDemoAdminAsync(Database);
            Result = await SeedAsync(Database);
        }

        public async ValueTask DisposeAsync() => await Database.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeds_a_store_of_the_expected_size()
    {
        await using var db = store.Database.CreateDbContext();
        var customers = await db.Customers.CountAsync(Ct);
        var categories = await db.ProductCategories.Select(c => c.Id).ToListAsync(Ct);
        var products = await db.Products.Select(p => p.CategoryId).ToListAsync(Ct);
        var orderTimes = await db.Orders.Select(o => o.PlacedAt).ToListAsync(Ct);
        var viewTimes = await db.BrowsingEvents.Select(e => e.ViewedAt).ToListAsync(Ct);

        Assert.InRange(customers, 1_900, 2_100);
        Assert.Equal(8, categories.Count);
        Assert.InRange(products.Count, 140, 160);
        Assert.All(products, categoryId => Assert.Contains(categoryId!.Value, categories));
        Assert.Equal(8, products.Distinct().Count());
        Assert.InRange(orderTimes.Count, 13_000, 17_000);
        Assert.All(orderTimes, at => Assert.InRange(at, Now.AddDays(-365), Now));
        Assert.InRange(viewTimes.Count, 25_000, 35_000);
        Assert.All(viewTimes, at => Assert.InRange(at, Now.AddDays(-90), Now));
        Assert.Equal(new DemoStoreSeedResult(customers, products.Count, orderTimes.Count, store.Result.OrderItems,
            viewTimes.Count, store.Result.Campaigns, store.Result.EngagementRows), store.Result);
    }

    [Fact]
    public async Task No_order_or_visit_comes_before_the_customer_signed_up()
    {
        await using var db = store.Database.CreateDbContext();
        var ordersBeforeSignUp = await db.Orders.CountAsync(o => o.PlacedAt < o.Customer!.CreatedAt, Ct);
        var visitsBeforeSignUp = await db.BrowsingEvents
            .Join(db.Customers, e => e.CustomerId, c => c.Id, (e, c) => new { e.ViewedAt, c.CreatedAt })
            .CountAsync(x => x.ViewedAt < x.CreatedAt, Ct);

        Assert.Equal(0, ordersBeforeSignUp);
        Assert.Equal(0, visitsBeforeSignUp);
    }

    [Fact]
    public async Task Order_amounts_add_up()
    {
        await using var db = store.Database.CreateDbContext();
        var orders = await db.Orders.AsNoTracking().Include(o => o.Items).ToListAsync(Ct);

        Assert.All(orders, order =>
        {
            Assert.InRange(order.Items.Count, 1, 8);
            Assert.All(order.Items, i => Assert.Equal(i.UnitPrice * i.Quantity, i.LineTotal));
            Assert.Equal(order.Items.Sum(i => i.LineTotal), order.Subtotal);
            Assert.Equal(order.Subtotal - order.Discount, order.Total);
            Assert.True(order.Total >= 0, $"{order.ExternalId} has a negative total");
            Assert.Equal(order.Discount > 0, order.PromoCode is not null);
        });
        var withPromo = orders.Count(o => o.PromoCode is not null);
        Assert.InRange(withPromo, orders.Count / 100, orders.Count / 5);
    }

    [Fact]
    public async Task Customers_show_repeat_lapsed_one_time_and_new_buyers()
    {
        await using var db = store.Database.CreateDbContext();
        var orders = await db.Orders.Select(o => new { o.CustomerId, o.PlacedAt }).ToListAsync(Ct);
        var perCustomer = orders.GroupBy(o => o.CustomerId).ToList();
        var newThisMonth = await db.Customers.CountAsync(c => c.CreatedAt > Now.AddDays(-30), Ct);

        Assert.True(perCustomer.Count(g => g.Count() >= 6) >= 200, "too few repeat buyers");
        var lapsed = perCustomer.Count(g => g.Max(o => o.PlacedAt) < Now.AddDays(-90));
        Assert.True(lapsed >= 100, $"only {lapsed} lapsed customers");
        Assert.True(perCustomer.Count(g => g.Count() == 1) >= 100, "too few one-time buyers");
        Assert.InRange(newThisMonth, 50, 300);
        Assert.True(perCustomer.Count < store.Result.Customers, "every customer has ordered: no browsers-only");
    }

    [Fact]
    public async Task Heavy_buyers_restock_the_same_food_every_few_weeks()
    {
        await using var db = store.Database.CreateDbContext();
        var lines = await db.OrderItems
            .Join(db.Orders, i => i.OrderId, o => o.Id, (i, o) => new { o.CustomerId, o.PlacedAt, i.ProductId })
            .ToListAsync(Ct);
        var heavyBuyers = lines.GroupBy(l => l.CustomerId)
            .Select(g => (Orders: g.Select(l => l.PlacedAt).Distinct().Order().ToList(),
                          Favourite: g.GroupBy(l => l.ProductId).Max(p => p.Count())))
            .Where(c => c.Orders.Count >= 10)
            .ToList();

        Assert.True(heavyBuyers.Count >= 100, $"only {heavyBuyers.Count} customers with 10+ orders");
        var loyal = heavyBuyers.Count(c => c.Favourite >= c.Orders.Count * 0.6);
        Assert.True(loyal >= heavyBuyers.Count / 2, $"{loyal} of {heavyBuyers.Count} heavy buyers keep to one product");
        var medianGapDays = heavyBuyers.SelectMany(c => c.Orders.Zip(c.Orders.Skip(1), (a, b) => (b - a).TotalDays)).Order().ToList();
        Assert.InRange(medianGapDays[medianGapDays.Count / 2], 10, 42);
    }

    [Fact]
    public async Task Consent_carries_its_time_and_source()
    {
        await using var db = store.Database.CreateDbContext();
        var customers = await db.Customers.AsNoTracking().ToListAsync(Ct);
        string[] sources = ["checkout", "signup_form", "in_store"];

        Assert.All(customers, c =>
        {
            Assert.Equal(c.EmailConsent, c.EmailConsentAt is not null);
            Assert.Equal(c.EmailConsent, c.EmailConsentSource is not null);
            Assert.Equal(c.SmsConsent, c.SmsConsentAt is not null);
            Assert.Equal(c.SmsConsent, c.SmsConsentSource is not null);
            if (c.EmailConsent)
            {
                Assert.NotNull(c.Email);
                Assert.InRange(c.EmailConsentAt!.Value, c.CreatedAt, Now);
                Assert.Contains(c.EmailConsentSource, sources);
            }
            if (c.SmsConsent)
            {
                Assert.NotNull(c.Phone);
                Assert.InRange(c.SmsConsentAt!.Value, c.CreatedAt, Now);
                Assert.Contains(c.SmsConsentSource, sources);
            }
        });
        Assert.InRange(customers.Count(c => c.EmailConsent) / (double)customers.Count, 0.6, 0.8);
        Assert.InRange(customers.Count(c => c.SmsConsent) / (double)customers.Count, 0.3, 0.5);
        Assert.InRange(customers.Count(c => !c.IsActive) / (double)customers.Count, 0.02, 0.1);
    }

    [Fact]
    public async Task Customers_are_Indonesian_with_valid_contacts()
    {
        await using var db = store.Database.CreateDbContext();
        var customers = await db.Customers.AsNoTracking().ToListAsync(Ct);
        var provinces = new Dictionary<string, string>
        {
            ["Jakarta"] = "DKI Jakarta", ["Surabaya"] = "Jawa Timur", ["Bandung"] = "Jawa Barat", ["Medan"] = "Sumatera Utara",
            ["Semarang"] = "Jawa Tengah", ["Makassar"] = "Sulawesi Selatan", ["Denpasar"] = "Bali",
            ["Yogyakarta"] = "DI Yogyakarta", ["Tangerang"] = "Banten", ["Bekasi"] = "Jawa Barat",
        };
        var today = DateOnly.FromDateTime(Now);

        Assert.All(customers, c =>
        {
            Assert.Matches(@"^C\d{6}$", c.ExternalId);
            Assert.Equal("Indonesia", c.Country);
            if (provinces.TryGetValue(c.City!, out var province)) Assert.Equal(province, c.Region);
            if (c.Phone is not null) Assert.Matches(@"^\+628\d{10}$", c.Phone);
            if (c.Email is not null) Assert.Matches(@"^[a-z0-9._]+@example\.(com|net|org|co\.id)$", c.Email);
            Assert.InRange(c.BirthDate!.Value, today.AddYears(-76).AddDays(1), today.AddYears(-18));
            Assert.False(string.IsNullOrWhiteSpace(c.FirstName));
        });
        Assert.Equal(customers.Count, customers.Select(c => c.ExternalId).Distinct().Count());
        var emails = customers.Where(c => c.Email is not null).Select(c => c.Email).ToList();
        Assert.Equal(emails.Count, emails.Distinct().Count());
        // Weighted to the big cities, with every listed city present.
        Assert.Equal("Jakarta", customers.GroupBy(c => c.City).MaxBy(g => g.Count())!.Key);
        Assert.All(provinces.Keys, city => Assert.Contains(customers, c => c.City == city));
        Assert.Equal(4, customers.Select(c => c.Gender).Distinct().Count());
        Assert.Equal(5, customers.Select(c => c.IncomeBand).Distinct().Count());
    }

    [Fact]
    public async Task Products_are_priced_in_rupiah_with_margins()
    {
        await using var db = store.Database.CreateDbContext();
        var products = await db.Products.AsNoTracking().ToListAsync(Ct);

        Assert.All(products, p =>
        {
            Assert.InRange(p.Price, 15_000m, 1_500_000m);
            Assert.Equal(0m, p.Price % 500m);
            Assert.InRange(p.CostPrice!.Value / p.Price, 0.54m, 0.81m);
            Assert.Matches(@"^[A-Z]{3}-\d{3}$", p.Sku);
        });
        Assert.Equal(products.Count, products.Select(p => p.Sku).Distinct().Count());
        Assert.True(products.Count(p => p.StockStatus == StockStatus.InStock) >= products.Count * 0.75);
        Assert.Contains(products, p => p.Name == "Royal Canin Mini Adult 2kg");
    }

    [Fact]
    public async Task Orders_peak_on_weekends_and_use_every_channel_and_status()
    {
        await using var db = store.Database.CreateDbContext();
        var orders = await db.Orders.Select(o => new { o.PlacedAt, o.Channel, o.Status }).ToListAsync(Ct);
        // Weekday in Jakarta time.
        var byDay = orders.GroupBy(o => o.PlacedAt.AddHours(7).DayOfWeek).ToDictionary(g => g.Key, g => g.Count());

        Assert.True(byDay[DayOfWeek.Saturday] > byDay[DayOfWeek.Tuesday] * 1.2, "Saturdays are not busier");
        Assert.True(byDay[DayOfWeek.Sunday] > byDay[DayOfWeek.Wednesday] * 1.2, "Sundays are not busier");
        Assert.Equal([SalesChannel.Online, SalesChannel.InStore, SalesChannel.MobileApp],
            orders.Select(o => o.Channel).Distinct().Order().ToArray());
        Assert.True(orders.Count(o => o.Status == OrderStatus.Completed) >= orders.Count * 0.85);
        Assert.Contains(orders, o => o.Status == OrderStatus.Cancelled);
        Assert.Contains(orders, o => o.Status == OrderStatus.Refunded);
        Assert.All(orders.Where(o => o.Status is OrderStatus.Pending or OrderStatus.Paid), o => Assert.True(o.PlacedAt > Now.AddDays(-1)));
    }

    [Fact]
    public async Task Discount_campaigns_have_a_shared_code_unique_codes_and_redemptions_that_match_their_performance()
    {
        await using var db = store.Database.CreateDbContext();
        var discount = await db.DiscountCampaigns.AsNoTracking().SingleAsync(Ct);
        var codes = await db.PromoCodes.AsNoTracking().Where(p => p.DiscountCampaignId == discount.Id).ToListAsync(Ct);
        var redemptions = await db.DiscountRedemptions.AsNoTracking().Where(r => r.DiscountCampaignId == discount.Id).ToListAsync(Ct);
        var performance = await db.CampaignPerformance.AsNoTracking().Where(p => p.CampaignId == discount.CampaignId).ToListAsync(Ct);
        decimal Sum(string metric) => performance.Where(r => r.MetricName == metric).Sum(r => r.MetricValue);

        var shared = Assert.Single(codes, c => c.IsShared);
        Assert.Equal(300, codes.Count(c => !c.IsShared));
        Assert.All(codes.Where(c => !c.IsShared), c => Assert.StartsWith(shared.Code + "-", c.Code));
        Assert.NotEmpty(redemptions);
        Assert.All(redemptions, r => Assert.Equal(shared.Code, r.Code));
        Assert.Equal(redemptions.Count, discount.UsageCount);
        Assert.Equal(redemptions.Count, shared.UsageCount);
        Assert.Equal(redemptions.Count, Sum("conversions"));
        Assert.Equal(redemptions.Count, Sum(PerformanceMetrics.Redemptions));
        Assert.Equal(redemptions.Sum(r => r.Amount), Sum(PerformanceMetrics.DiscountGiven));
        Assert.Equal(redemptions.Sum(r => r.OrderRevenue), Sum("revenue"));
        var orders = await db.Orders.AsNoTracking().Where(o => o.PromoCode == shared.Code).ToDictionaryAsync(o => o.ExternalId, Ct);
        Assert.All(redemptions, r => Assert.Equal(orders[r.OrderId].Discount, r.Amount));
    }

    [Fact]
    public async Task Campaigns_have_channel_rows_and_results_that_match_the_orders()
    {
        await using var db = store.Database.CreateDbContext();
        var campaigns = await db.Campaigns.AsNoTracking().ToListAsync(Ct);
        var performance = await db.CampaignPerformance.AsNoTracking().ToListAsync(Ct);
        var orders = await db.Orders.Where(o => o.PromoCode != null).Select(o => new { o.PromoCode, o.Status, o.Total }).ToListAsync(Ct);

        Assert.Equal(6, campaigns.Count);
        Assert.All(campaigns, c => Assert.Equal(store.AdminId, c.CreatedBy));
        Assert.Equal([CampaignStatus.Draft, CampaignStatus.Active, CampaignStatus.Completed],
            campaigns.Select(c => c.Status).Distinct().Order().ToArray());
        Assert.Equal(2, await db.EmailCampaigns.CountAsync(Ct));
        Assert.Equal(2, await db.SmsCampaigns.CountAsync(Ct));
        Assert.Equal(2, await db.SocialCampaigns.CountAsync(Ct));
        Assert.Equal(1, await db.DiscountCampaigns.CountAsync(Ct));

        foreach (var campaign in campaigns)
        {
            var rows = performance.Where(p => p.CampaignId == campaign.Id).ToList();
            decimal Sum(string metric) => rows.Where(r => r.MetricName == metric).Sum(r => r.MetricValue);
            if (campaign.Status == CampaignStatus.Draft)
            {
                Assert.Empty(rows);
                continue;
            }
            var code = JsonDocument.Parse(campaign.CampaignData!).RootElement.GetProperty("promo_code").GetString();
            var redeemed = orders.Where(o => o.PromoCode == code && o.Status is not (OrderStatus.Cancelled or OrderStatus.Refunded)).ToList();
            Assert.True(redeemed.Count > 0, $"{campaign.Name} converted nobody");
            Assert.Equal(redeemed.Count, Sum("conversions"));
            Assert.Equal(redeemed.Sum(o => o.Total), Sum("revenue"));
            Assert.True(Sum("cost") > 0, $"{campaign.Name} has no cost");
            Assert.All(rows, r => Assert.True(r.MetricDate <= DateOnly.FromDateTime(Now)));
            if (campaign.CampaignType == CampaignType.Email)
            {
                Assert.True(Sum("sent") >= Sum("delivered") && Sum("delivered") > Sum("opens") && Sum("opens") > Sum("clicks")
                    && Sum("clicks") >= Sum("conversions"), $"{campaign.Name} funnel is not a funnel");
                Assert.InRange(Sum("opens") / Sum("delivered"), 0.15m, 0.4m);
                Assert.Equal(Sum("sent"), await db.CustomerEngagement.CountAsync(e => e.CampaignId == campaign.Id && e.EngagementType == "email_sent", Ct));
            }
            if (campaign.CampaignType == CampaignType.Sms)
                Assert.Equal(Sum("sent"), await db.CustomerEngagement.CountAsync(e => e.CampaignId == campaign.Id && e.EngagementType == "sms_sent", Ct));
        }
    }

    [Fact]
    public async Task Campaign_messages_only_went_to_consenting_active_customers()
    {
        await using var db = store.Database.CreateDbContext();
        var sends = await db.CustomerEngagement
            .Where(e => e.EngagementType == "email_sent" || e.EngagementType == "sms_sent")
            .Join(db.Customers, e => e.CustomerId, c => c.Id, (e, c) => new { e.EngagementType, e.EngagementDate, c.EmailConsent, c.EmailConsentAt, c.SmsConsent, c.SmsConsentAt, c.IsActive })
            .ToListAsync(Ct);

        Assert.NotEmpty(sends);
        Assert.All(sends, s =>
        {
            Assert.True(s.IsActive);
            if (s.EngagementType == "email_sent") Assert.True(s.EmailConsent && s.EmailConsentAt < s.EngagementDate);
            else Assert.True(s.SmsConsent && s.SmsConsentAt < s.EngagementDate);
        });
    }

    [Fact]
    public async Task The_newsletter_has_consenting_customers_outside_subscribers_pending_sign_ups_and_leavers()
    {
        await using var db = store.Database.CreateDbContext();
        var list = await db.NewsletterLists.SingleAsync(l => l.Slug == DemoNewsletter.Slug, Ct);
        var subscriptions = await db.NewsletterSubscriptions.Where(s => s.ListId == list.Id).ToListAsync(Ct);
        var customerIds = subscriptions.Where(s => s.CustomerId != null).Select(s => s.CustomerId!.Value).ToList();
        var consenting = await db.Customers.Where(c => customerIds.Contains(c.Id)).CountAsync(c => c.EmailConsent, Ct);

        Assert.Equal(customerIds.Count, consenting); // only customers who agreed to email
        Assert.InRange(subscriptions.Count(s => s.CustomerId == null && s.Status == Core.Newsletters.NewsletterSubscriptionStatus.Subscribed), 70, 80);
        Assert.InRange(subscriptions.Count(s => s.Status == Core.Newsletters.NewsletterSubscriptionStatus.Pending), 1, 6);
        Assert.Contains(subscriptions, s => s.Status == Core.Newsletters.NewsletterSubscriptionStatus.Unsubscribed && s.UnsubscribedAt > s.ConfirmedAt);
        Assert.All(subscriptions.Where(s => s.Status != Core.Newsletters.NewsletterSubscriptionStatus.Pending),
            s => Assert.True(s.ConfirmedAt > s.RequestedAt && s.ConfirmedAt <= Now));
        Assert.Equal(subscriptions.Count, subscriptions.Select(s => s.Email).Distinct().Count());
        Assert.All(subscriptions, s => Assert.Equal(s.Email.ToLowerInvariant(), s.Email));
    }

    [Fact]
    public async Task Bulk_inserted_rows_read_back_through_EF()
    {
        await using var db = store.Database.CreateDbContext();
        var order = await db.Orders.AsNoTracking().Include(o => o.Customer).Include(o => o.Items).ThenInclude(i => i.Product)
            .Where(o => o.PromoCode != null).OrderBy(o => o.ExternalId).FirstAsync(Ct);
        var sameCustomer = await db.Customers.FindAsync([order.CustomerId], Ct);
        var social = await db.SocialCampaigns.AsNoTracking().FirstAsync(Ct);

        Assert.NotNull(order.Customer);
        Assert.Equal(order.Customer.ExternalId, sameCustomer!.ExternalId);
        Assert.All(order.Items, i => Assert.Equal(i.Product!.Price, i.UnitPrice));
        Assert.True(await db.Orders.AnyAsync(o => o.Channel == SalesChannel.InStore && o.Status == OrderStatus.Completed, Ct));
        Assert.Single(social.MediaUrls);
        Assert.StartsWith("https://", social.MediaUrls[0]);
    }

    [Fact]
    public async Task Same_seed_and_clock_give_the_same_store_and_campaigns_need_an_admin()
    {
        await using var second = await SqliteTestDatabase.CreateAsync(new FakeTimeProvider(new DateTimeOffset(Now)));
        var result = await SeedAsync(second);

        await using var first = store.Database.CreateDbContext();
        await using var again = second.CreateDbContext();
        Assert.Equal(
            await first.Customers.OrderBy(c => c.ExternalId).Select(c => c.Email).ToListAsync(Ct),
            await again.Customers.OrderBy(c => c.ExternalId).Select(c => c.Email).ToListAsync(Ct));
        Assert.Equal(
            (await first.Orders.Select(o => o.Total).ToListAsync(Ct)).Sum(),
            (await again.Orders.Select(o => o.Total).ToListAsync(Ct)).Sum());
        Assert.Equal(store.Result.Orders, result.Orders);
        Assert.Equal(store.Result.BrowsingEvents, result.BrowsingEvents);

        // Without the demo admin there is no one to own campaigns: the store is seeded without them.
        Assert.Equal(0, result.Campaigns);
        Assert.Equal(0, await again.Campaigns.CountAsync(Ct));
        Assert.Equal(0, await again.CustomerEngagement.CountAsync(Ct));
    }

    private static async Task<DemoStoreSeedResult> SeedAsync(SqliteTestDatabase database) =>
        await new DemoStoreSeeder(database, database.Clock, NullLogger<DemoStoreSeeder>.Instance).SeedAsync(ct: Ct);

    private static async Task<string> AddDemoAdminAsync(SqliteTestDatabase database)
    {
        var email = DemoAccounts.All.Single(a => a.Role == Roles.Admin).Email;
        await using var db = database.CreateDbContext();
        var admin = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(admin);
        await db.SaveChangesAsync(Ct);
        return admin.Id;
    }
}
