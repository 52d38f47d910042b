using System.Globalization;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Support;
using static Allnimall.Marketing.Tests.Support.StoreTestData;

namespace Allnimall.Marketing.Tests.Integration.Store;

public sealed class CustomerServiceTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc); // SqliteTestDatabase's clock
    private SqliteTestDatabase database = null!;
    private CustomerService service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        service = new CustomerService(database, database.Clock);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Pages_cover_every_customer_once_and_report_the_total()
    {
        for (var i = 0; i < 7; i++) await database.AddAsync(Customer($"c{i}", $"Customer{i}", "Same"));

        var pages = new List<CustomerListItem>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await service.ListAsync(new CustomerGridQuery { Page = page, PageSize = 3 }, true, Ct);
            Assert.Equal(7, result.TotalCount);
            Assert.Equal(page == 3 ? 1 : 3, result.Items.Count);
            pages.AddRange(result.Items);
        }
        Assert.Equal(7, pages.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task Page_size_is_clamped_to_the_maximum()
    {
        await database.AddAsync(Customer("c1", "Only"));

        var result = await service.ListAsync(new CustomerGridQuery { PageSize = 100_000, Page = 0 }, true, Ct);

        Assert.Equal(200, result.PageSize);
        Assert.Equal(1, result.Page);
        Assert.Single(result.Items);
    }

    [Fact]
    public async Task Unknown_sort_key_is_a_validation_error_not_a_crash()
    {
        var query = new CustomerGridQuery { SortBy = "password_hash", PageSize = 500 };

        var errors = query.Validate();

        Assert.Contains("sort", errors.Keys);
        Assert.Contains("page_size", errors.Keys);
        await Assert.ThrowsAsync<ArgumentException>(() => service.ListAsync(query, true, Ct));
    }

    [Theory]
    [InlineData(CustomerSortKeys.Name, "C,D,B,A")]
    [InlineData(CustomerSortKeys.Email, "A,B,C,D")]
    [InlineData(CustomerSortKeys.City, "A,C,D,B")]
    [InlineData(CustomerSortKeys.Country, "D,A,C,B")]
    [InlineData(CustomerSortKeys.Created, "A,C,B,D")]
    [InlineData(CustomerSortKeys.OrdersCount, "D,C,A,B")]
    [InlineData(CustomerSortKeys.LifetimeSpend, "D,A,C,B")]
    [InlineData(CustomerSortKeys.LastOrder, "D,B,A,C")]
    public async Task Each_sort_key_orders_both_ways(string sortKey, string ascending)
    {
        await SeedSortFixtureAsync();

        var up = await service.ListAsync(new CustomerGridQuery { SortBy = sortKey }, true, Ct);
        var down = await service.ListAsync(new CustomerGridQuery { SortBy = sortKey.ToUpperInvariant(), Descending = true }, true, Ct);

        Assert.Equal(ascending, string.Join(",", up.Items.Select(c => c.ExternalId)));
        Assert.Equal(string.Join(",", ascending.Split(',').Reverse()), string.Join(",", down.Items.Select(c => c.ExternalId)));
    }

    [Fact]
    public async Task Money_sorts_numerically_and_sums_exactly_on_sqlite_even_under_an_indonesian_culture()
    {
        await SeedSortFixtureAsync();
        var previous = CultureInfo.CurrentCulture;
        // id-ID writes 29.97 as "29,97" and reads "29.97" as 2997: EF's decimal collation would mis-sort here.
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("id-ID");
        try
        {
            var result = await service.ListAsync(new CustomerGridQuery { SortBy = CustomerSortKeys.LifetimeSpend }, true, Ct);

            Assert.Equal([0m, 29.97m, 40.20m, 300.00m], result.Items.Select(c => c.LifetimeSpend));
            Assert.Equal("D,A,C,B", string.Join(",", result.Items.Select(c => c.ExternalId)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task Aggregates_count_only_revenue_orders()
    {
        await SeedSortFixtureAsync();

        var result = await service.ListAsync(new CustomerGridQuery { SortBy = CustomerSortKeys.Email }, true, Ct);

        var a = result.Items.Single(c => c.ExternalId == "A");
        Assert.Equal((2, 29.97m, new DateTime(2026, 10, 1, 0, 0, 0)), (a.OrdersCount, a.LifetimeSpend, a.LastOrderAt!.Value));
        var d = result.Items.Single(c => c.ExternalId == "D"); // only a cancelled order
        Assert.Equal((0, 0m, (DateTime?)null), (d.OrdersCount, d.LifetimeSpend, d.LastOrderAt));
    }

    [Theory]
    [InlineData("JOHN", "john")]
    [InlineData("john doe", "john")]
    [InlineData("DOE@EXAMPLE", "john")]
    [InlineData("4567", "john")]
    [InlineData("STORE-00", "john,mary")]
    [InlineData("100%", "percent")]
    [InlineData("t_1", "ext_1")]
    [InlineData("[a]", "bracket")]
    public async Task Search_is_case_insensitive_over_name_email_phone_and_external_id_and_treats_wildcards_literally(
        string search, string expected)
    {
        await database.AddAsync(
            Customer("STORE-001", "John", "Doe", "john.doe@example.com", "+6281234564567"),
            Customer("STORE-002", "Mary", "Major", "mary@example.com", "+6285511112222"),
            Customer("percent", "100%", "Pets", "hello@pets.example"),
            Customer("thousand", "1000", "Pets", "sales@pets.example"),
            Customer("ext_1", "Underscore", "Case"),
            Customer("extX1", "Other", "Case"),
            Customer("bracket", "Bracket [a] Shop"),
            Customer("plain-a", "Bracket a Shop"));

        var result = await service.ListAsync(new CustomerGridQuery { Search = $"  {search} " }, true, Ct);

        var ids = result.Items.Select(c => c.ExternalId == "STORE-001" ? "john" : c.ExternalId == "STORE-002" ? "mary" : c.ExternalId);
        Assert.Equal(expected, string.Join(",", ids.Order()));
        Assert.Equal(result.Items.Count, result.TotalCount);
    }

    [Fact]
    public async Task Without_pii_search_cannot_probe_email_or_phone()
    {
        await database.AddAsync(Customer("STORE-001", "John", "Doe", "john.doe@example.com", "+6281234564567"));

        Assert.Empty((await service.ListAsync(new CustomerGridQuery { Search = "john.doe@example.com" }, false, Ct)).Items);
        Assert.Empty((await service.ListAsync(new CustomerGridQuery { Search = "81234564567" }, false, Ct)).Items);
        Assert.Single((await service.ListAsync(new CustomerGridQuery { Search = "john" }, false, Ct)).Items);
    }

    [Fact]
    public async Task Filters_narrow_by_city_country_gender_active_and_consent()
    {
        await database.AddAsync(
            Customer("x1", "One", city: "Bandung", country: "Indonesia", gender: Gender.Female, emailConsent: true),
            Customer("x2", "Two", city: "Jakarta", country: "Indonesia", gender: Gender.Male, active: false, smsConsent: true),
            Customer("x3", "Three", city: "Jakarta", country: "Singapore", gender: Gender.Female, emailConsent: true, smsConsent: true));

        async Task<string> Ids(CustomerGridQuery q) =>
            string.Join(",", (await service.ListAsync(q, true, Ct)).Items.Select(c => c.ExternalId).Order());

        Assert.Equal("x2,x3", await Ids(new CustomerGridQuery { City = "Jakarta" }));
        Assert.Equal("x3", await Ids(new CustomerGridQuery { Country = "Singapore" }));
        Assert.Equal("x1,x3", await Ids(new CustomerGridQuery { Gender = Gender.Female }));
        Assert.Equal("x2", await Ids(new CustomerGridQuery { IsActive = false }));
        Assert.Equal("x1,x3", await Ids(new CustomerGridQuery { EmailConsent = true }));
        Assert.Equal("x1", await Ids(new CustomerGridQuery { SmsConsent = false }));
        Assert.Equal("x3", await Ids(new CustomerGridQuery { City = "Jakarta", EmailConsent = true }));
        Assert.Equal(2, (await service.ListAsync(new CustomerGridQuery { City = "Jakarta", PageSize = 1 }, true, Ct)).TotalCount);
    }

    [Fact]
    public async Task Filter_options_list_distinct_cities_and_countries()
    {
        await database.AddAsync(
            Customer("x1", "One", city: "Jakarta", country: "Indonesia"),
            Customer("x2", "Two", city: "Bandung", country: "Indonesia"),
            Customer("x3", "Three", city: "Jakarta"),
            Customer("x4", "Four", city: ""));

        var options = await service.GetFilterOptionsAsync(Ct);

        Assert.Equal(["Bandung", "Jakarta"], options.Cities);
        Assert.Equal(["Indonesia"], options.Countries);
    }

    [Fact]
    public async Task Pii_is_masked_unless_included()
    {
        await database.AddAsync(Customer("c1", "John", "Doe", "john.doe@example.com", "+6281234564567"));

        var masked = (await service.ListAsync(new CustomerGridQuery(), false, Ct)).Items.Single();
        var full = (await service.ListAsync(new CustomerGridQuery(), true, Ct)).Items.Single();

        Assert.Equal(("j***@e***.com", "+62******4567"), (masked.Email, masked.Phone));
        Assert.Equal(("john.doe@example.com", "+6281234564567"), (full.Email, full.Phone));
        var detail = await service.GetDetailAsync(masked.Id, false, Ct);
        Assert.Equal(("j***@e***.com", "+62******4567"), (detail!.Profile.Email, detail.Profile.Phone));
    }

    [Fact]
    public async Task Detail_reports_profile_consent_stats_recent_orders_and_browsing()
    {
        var customer = Customer("c1", "Siti", "Rahma", "siti@example.com", emailConsent: true);
        customer.EmailConsentAt = new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc);
        customer.EmailConsentSource = "checkout";
        var dogFood = new ProductCategory { ExternalId = "cat-dog", Name = "Dog food" };
        var toys = new ProductCategory { ExternalId = "cat-toys", Name = "Toys" };
        var kibble = new Product { ExternalId = "p1", Sku = "KIB-1", Name = "Salmon kibble 2kg", CategoryId = dogFood.Id, Price = 45m };
        var first = Order(customer, "o1", 100m, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        first.Items.Add(new OrderItem { ProductId = kibble.Id, Quantity = 2, UnitPrice = 45m, LineTotal = 90m });
        first.Items.Add(new OrderItem { Quantity = 1, UnitPrice = 10m, LineTotal = 10m });
        var second = Order(customer, "o2", 50.50m, new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), OrderStatus.Paid);
        var cancelled = Order(customer, "o3", 30m, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), OrderStatus.Cancelled);
        await database.AddAsync(customer, dogFood, toys, kibble, first, second, cancelled,
            new BrowsingEvent { ExternalId = "b1", CustomerId = customer.Id, ProductId = kibble.Id, ViewedAt = Now.AddHours(-2) },
            new BrowsingEvent { ExternalId = "b2", CustomerId = customer.Id, CategoryId = toys.Id, ViewedAt = Now.AddHours(-1) });

        var detail = await service.GetDetailAsync(customer.Id, true, Ct);

        Assert.NotNull(detail);
        Assert.Equal(("Siti Rahma", "siti@example.com"), (detail.Profile.Name, detail.Profile.Email));
        Assert.Equal(new ConsentStatus(true, customer.EmailConsentAt, "checkout"), detail.EmailConsent);
        Assert.False(detail.SmsConsent.Granted);
        Assert.Equal(new CustomerStats(2, 150.50m, 75.25m, first.PlacedAt, second.PlacedAt), detail.Stats);
        Assert.Equal(["o3", "o2", "o1"], detail.RecentOrders.Select(o => o.ExternalId));
        Assert.Equal([0, 0, 3], detail.RecentOrders.Select(o => o.ItemCount));
        Assert.Equal(OrderStatus.Cancelled, detail.RecentOrders[0].Status);
        Assert.Equal([(null, "Toys"), ("Salmon kibble 2kg", "Dog food")],
            detail.RecentBrowsing.Select(b => (b.ProductName, b.CategoryName)));
        Assert.Empty(detail.Engagement);
    }

    [Fact]
    public async Task Detail_lists_engagement_newest_first()
    {
        var customer = Customer("c1", "Siti");
        await database.AddAsync(customer,
            new CustomerEngagement { CustomerId = customer.Id, EngagementType = "email_sent", EngagementDate = Now.AddDays(-2) },
            new CustomerEngagement { CustomerId = customer.Id, EngagementType = "email_open", EngagementDate = Now.AddDays(-1) });

        var detail = await service.GetDetailAsync(customer.Id, true, Ct);

        Assert.Equal(["email_open", "email_sent"], detail!.Engagement.Select(e => e.Type));
    }

    [Fact]
    public async Task Detail_of_an_unknown_customer_is_null()
    {
        Assert.Null(await service.GetDetailAsync(Guid.CreateVersion7(), true, Ct));
    }

    [Fact]
    public async Task Overview_counts_the_last_30_days_of_revenue_orders_and_fills_empty_days()
    {
        var windowStart = new DateTime(2026, 10, 4, 0, 0, 0, DateTimeKind.Utc); // 30 days ending today (Nov 2)
        var old = Customer("old", "Old", createdAt: windowStart.AddSeconds(-1));
        var edge = Customer("edge", "Edge", createdAt: windowStart);
        var fresh = Customer("new", "New", createdAt: Now.AddDays(-3));
        await database.AddAsync(old, edge, fresh,
            Order(old, "today-1", 100m, Now.AddHours(-1)),
            Order(old, "today-2", 50m, Now.AddHours(-8), OrderStatus.Paid),
            Order(edge, "first-day", 25.25m, windowStart, OrderStatus.Shipped),
            Order(edge, "before-window", 1000m, windowStart.AddSeconds(-1)),
            Order(fresh, "cancelled", 500m, Now.AddDays(-5), OrderStatus.Cancelled),
            Order(fresh, "refunded", 70m, Now.AddDays(-5), OrderStatus.Refunded),
            Order(fresh, "pending", 80m, Now.AddDays(-5), OrderStatus.Pending));

        var overview = await service.OverviewAsync(Ct);

        Assert.Equal((3, 2), (overview.CustomersTotal, overview.NewCustomers));
        Assert.Equal((3, 175.25m, 58.42m), (overview.Orders, overview.Revenue, overview.AverageOrderValue));
        Assert.Equal((new DateOnly(2026, 10, 4), new DateOnly(2026, 11, 2)), (overview.From, overview.To));
        Assert.Equal(30, overview.OrdersPerDay.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => overview.From.AddDays(i)), overview.OrdersPerDay.Select(d => d.Day));
        Assert.Equal(new DailyOrders(new DateOnly(2026, 11, 2), 2, 150m), overview.OrdersPerDay[^1]);
        Assert.Equal(new DailyOrders(new DateOnly(2026, 10, 4), 1, 25.25m), overview.OrdersPerDay[0]);
        Assert.All(overview.OrdersPerDay.Skip(1).SkipLast(1), d => Assert.Equal((0, 0m), (d.Orders, d.Revenue)));
        Assert.True(overview.HasStoreData);
    }

    [Fact]
    public async Task Overview_of_an_empty_store_has_no_data_and_30_zero_days()
    {
        var overview = await service.OverviewAsync(Ct);

        Assert.False(overview.HasStoreData);
        Assert.Equal((0, 0, 0, 0m, 0m), (overview.CustomersTotal, overview.NewCustomers, overview.Orders, overview.Revenue, overview.AverageOrderValue));
        Assert.Equal(30, overview.OrdersPerDay.Count(d => d.Orders == 0));
    }

    /// <summary>Four customers whose every sortable value differs, so each key gives its own order.</summary>
    private async Task SeedSortFixtureAsync()
    {
        static DateTime Day(int month, int day) => new(2026, month, day, 0, 0, 0, DateTimeKind.Utc);
        var a = Customer("A", "Ani", "Wijaya", "ani@example.com", city: "Bandung", country: "Indonesia", createdAt: Day(1, 1));
        var b = Customer("B", "Budi", "Santoso", "budi@example.com", city: "Surabaya", country: "Singapore", createdAt: Day(3, 1));
        var c = Customer("C", "Citra", "Halim", "citra@example.com", city: "Denpasar", country: "Malaysia", createdAt: Day(2, 1));
        var d = Customer("D", "Dewi", "Kusuma", "dewi@example.com", city: "Jakarta", country: "Australia", createdAt: Day(4, 1));
        await database.AddAsync(a, b, c, d,
            Order(a, "a1", 9.97m, Day(9, 15)), Order(a, "a2", 20.00m, Day(10, 1)),
            Order(b, "b1", 100m, Day(7, 1)), Order(b, "b2", 100m, Day(8, 1)), Order(b, "b3", 100m, Day(9, 1)),
            Order(c, "c1", 40.20m, Day(10, 20)),
            Order(d, "d1", 999m, Day(10, 25), OrderStatus.Cancelled));
    }
}
