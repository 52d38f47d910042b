using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Store.Ingest;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Integration.Store;

public sealed class StoreIngestServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase database = null!;
    private StoreIngestService ingest = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        ingest = new StoreIngestService(database, database.Clock);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Resending_the_same_customers_updates_them_instead_of_duplicating()
    {
        CustomerIngestRow[] batch = [Customer("C-1", "Siti"), Customer("C-2", "Budi")];

        var first = await ingest.IngestCustomersAsync(batch, ConsentSources.StoreApi, Ct);
        var second = await ingest.IngestCustomersAsync(
            [batch[0] with { FirstName = "Siti Aminah" }, batch[1]], ConsentSources.StoreApi, Ct);

        Assert.Equal((2, 2, 0, 0), (first.Received, first.Inserted, first.Updated, first.Rejected));
        Assert.Equal((2, 0, 2, 0), (second.Received, second.Inserted, second.Updated, second.Rejected));
        await using var db = database.CreateDbContext();
        var names = await db.Customers.OrderBy(c => c.ExternalId).Select(c => c.FirstName).ToListAsync(Ct);
        Assert.Equal(["Siti Aminah", "Budi"], names);
    }

    [Fact]
    public async Task Bad_rows_get_errors_and_good_rows_of_the_same_batch_land()
    {
        CustomerIngestRow?[] batch =
        [
            Customer("C-1", "Good"),
            Customer("C-2", "") with { Email = "not-an-email" },
            Customer("C-3", "Also good") with { Phone = "+62 812-3456-7890", Gender = "female", IncomeBand = "upper_middle" },
            Customer("C-4", "Bad phone") with { Phone = "0812", Gender = "robot" },
            null,
            Customer(new string('x', 101), "Long id"),
        ];

        var result = await ingest.IngestCustomersAsync(batch, ConsentSources.StoreApi, Ct);

        Assert.Equal((6, 2, 0, 4), (result.Received, result.Inserted, result.Updated, result.Rejected));
        Assert.Contains(result.Errors, e => e is { Index: 1, ExternalId: "C-2", Field: "first_name" });
        Assert.Contains(result.Errors, e => e is { Index: 1, Field: "email" });
        Assert.Contains(result.Errors, e => e is { Index: 3, Field: "phone" });
        Assert.Contains(result.Errors, e => e is { Index: 3, Field: "gender" } && e.Message.Contains("female"));
        Assert.Contains(result.Errors, e => e is { Index: 4 });
        Assert.Contains(result.Errors, e => e is { Index: 5, Field: "external_id" });
        await using var db = database.CreateDbContext();
        var stored = await db.Customers.OrderBy(c => c.ExternalId).ToListAsync(Ct);
        Assert.Equal(["C-1", "C-3"], stored.Select(c => c.ExternalId));
        Assert.Equal(("+6281234567890", Gender.Female, IncomeBand.UpperMiddle), (stored[1].Phone, stored[1].Gender, stored[1].IncomeBand));
    }

    [Fact]
    public async Task A_duplicate_external_id_in_one_batch_rejects_the_later_row()
    {
        var result = await ingest.IngestCustomersAsync([Customer("C-1", "First"), Customer("C-1", "Second")], ConsentSources.StoreApi, Ct);

        Assert.Equal((1, 1), (result.Inserted, result.Rejected));
        Assert.Equal(1, Assert.Single(result.Errors).Index);
        await using var db = database.CreateDbContext();
        Assert.Equal("First", (await db.Customers.SingleAsync(Ct)).FirstName);
    }

    [Fact]
    public async Task Consent_time_and_source_change_only_when_the_flag_changes()
    {
        var clock = (FakeTimeProvider)database.Clock;
        var given = new DateTime(2026, 10, 1, 8, 0, 0, DateTimeKind.Utc);
        await ingest.IngestCustomersAsync([Customer("C-1", "Siti") with { EmailConsent = true, EmailConsentAt = given }],
            ConsentSources.StoreApi, Ct);

        clock.Advance(TimeSpan.FromDays(1));
        await ingest.IngestCustomersAsync([Customer("C-1", "Siti") with { EmailConsent = true, SmsConsent = false }],
            ConsentSources.CsvImport, Ct);
        var unchanged = await LoadCustomerAsync("C-1");
        Assert.Equal((true, given, ConsentSources.StoreApi), (unchanged.EmailConsent, unchanged.EmailConsentAt, unchanged.EmailConsentSource));
        // SMS consent false equals the stored default: there is no change to record.
        Assert.Null(unchanged.SmsConsentAt);

        clock.Advance(TimeSpan.FromDays(1));
        await ingest.IngestCustomersAsync([Customer("C-1", "Siti") with { EmailConsent = false }], ConsentSources.CsvImport, Ct);
        var withdrawn = await LoadCustomerAsync("C-1");
        Assert.Equal((false, clock.GetUtcNow().UtcDateTime, ConsentSources.CsvImport),
            (withdrawn.EmailConsent, withdrawn.EmailConsentAt, withdrawn.EmailConsentSource));

        await ingest.IngestCustomersAsync([Customer("C-1", "Siti")], ConsentSources.CsvImport, Ct);
        Assert.False((await LoadCustomerAsync("C-1")).EmailConsent);
    }

    [Fact]
    public async Task Consent_given_with_a_new_customer_keeps_the_rows_time_and_source()
    {
        var given = new DateTime(2026, 9, 30, 23, 0, 0, DateTimeKind.Utc);
        await ingest.IngestCustomersAsync(
            [Customer("C-1", "Siti") with { SmsConsent = true, SmsConsentAt = given, SmsConsentSource = "checkout" }],
            ConsentSources.StoreApi, Ct);

        await using var db = database.CreateDbContext();
        var c = await db.Customers.SingleAsync(Ct);
        Assert.Equal((true, given, "checkout"), (c.SmsConsent, c.SmsConsentAt, c.SmsConsentSource));
    }

    [Fact]
    public async Task Category_parents_resolve_within_the_batch_in_any_order()
    {
        var result = await ingest.IngestCategoriesAsync(
        [
            new CategoryIngestRow { ExternalId = "dry-food", Name = "Dry food", ParentExternalId = "dog-food" },
            new CategoryIngestRow { ExternalId = "dog-food", Name = "Dog food", ParentExternalId = "dogs" },
            new CategoryIngestRow { ExternalId = "dogs", Name = "Dogs" },
            new CategoryIngestRow { ExternalId = "orphan", Name = "Orphan", ParentExternalId = "nowhere" },
            new CategoryIngestRow { ExternalId = "orphan-child", Name = "Orphan child", ParentExternalId = "orphan" },
        ], Ct);

        Assert.Equal((3, 2), (result.Inserted, result.Rejected));
        Assert.Contains(result.Errors, e => e is { Index: 3, Field: "parent_external_id" });
        Assert.Contains(result.Errors, e => e is { Index: 4, Field: "parent_external_id" });
        await using var db = database.CreateDbContext();
        var dryFood = await db.ProductCategories.Include(c => c.Parent).ThenInclude(p => p!.Parent).SingleAsync(c => c.ExternalId == "dry-food", Ct);
        Assert.Equal(("dog-food", "dogs"), (dryFood.Parent!.ExternalId, dryFood.Parent.Parent!.ExternalId));
    }

    [Fact]
    public async Task Products_reference_stored_categories_and_reject_unknown_ones()
    {
        await ingest.IngestCategoriesAsync([new CategoryIngestRow { ExternalId = "toys", Name = "Toys" }], Ct);

        var result = await ingest.IngestProductsAsync(
        [
            Product("P-1") with { CategoryExternalId = "toys", StockStatus = "low_stock", CostPrice = 2.5m },
            Product("P-2") with { CategoryExternalId = "nope" },
            Product("P-3") with { Price = -1m },
        ], Ct);

        Assert.Equal((1, 2), (result.Inserted, result.Rejected));
        Assert.Contains(result.Errors, e => e is { Index: 1, Field: "category_external_id" });
        Assert.Contains(result.Errors, e => e is { Index: 2, Field: "price" });
        await using var db = database.CreateDbContext();
        var product = await db.Products.Include(p => p.Category).SingleAsync(Ct);
        Assert.Equal(("toys", StockStatus.LowStock, 2.5m), (product.Category!.ExternalId, product.StockStatus, product.CostPrice));
    }

    [Fact]
    public async Task Orders_with_unknown_customers_or_products_are_rejected_and_known_ones_land()
    {
        await SeedCustomersAndProductsAsync();

        var result = await ingest.IngestOrdersAsync(
        [
            Order("O-1", "C-1", ("P-1", 2, 10m)),
            Order("O-2", "C-404", ("P-1", 1, 10m)),
            Order("O-3", "C-1", ("P-1", 1, 10m), ("P-404", 1, 5m)),
            Order("O-4", "C-2", ("P-2", 0, 10m)),
        ], Ct);

        Assert.Equal((1, 3), (result.Inserted, result.Rejected));
        Assert.Contains(result.Errors, e => e is { Index: 1, ExternalId: "O-2", Field: "customer_external_id" });
        Assert.Contains(result.Errors, e => e is { Index: 2, Field: "items[1].product_external_id" });
        Assert.Contains(result.Errors, e => e is { Index: 3, Field: "items[0].quantity" });
        await using var db = database.CreateDbContext();
        var order = await db.Orders.Include(o => o.Items).Include(o => o.Customer).SingleAsync(Ct);
        Assert.Equal(("O-1", "C-1", 20m), (order.ExternalId, order.Customer!.ExternalId, Assert.Single(order.Items).LineTotal));
        Assert.Equal(0, await db.OrderItems.CountAsync(i => i.OrderId != order.Id, Ct));
    }

    [Fact]
    public async Task Resending_an_order_replaces_its_items_and_keeps_one_order()
    {
        await SeedCustomersAndProductsAsync();
        await ingest.IngestOrdersAsync([Order("O-1", "C-1", ("P-1", 1, 10m), ("P-2", 3, 4m)), Order("O-2", "C-2", ("P-1", 1, 10m))], Ct);

        var result = await ingest.IngestOrdersAsync(
            [Order("O-1", "C-1", ("P-2", 5, 4m)) with { Status = "refunded", Total = 20m }], Ct);

        Assert.Equal((0, 1, 0), (result.Inserted, result.Updated, result.Rejected));
        await using var db = database.CreateDbContext();
        var order = await db.Orders.Include(o => o.Items).ThenInclude(i => i.Product).SingleAsync(o => o.ExternalId == "O-1", Ct);
        var item = Assert.Single(order.Items);
        Assert.Equal(("P-2", 5, OrderStatus.Refunded, 20m), (item.Product!.ExternalId, item.Quantity, order.Status, order.Total));
        Assert.Equal(2, await db.Orders.CountAsync(Ct));
        Assert.Equal(2, await db.OrderItems.CountAsync(Ct));
    }

    [Fact]
    public async Task Browsing_events_need_a_known_customer_and_something_viewed()
    {
        await SeedCustomersAndProductsAsync();
        var at = new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc);

        var result = await ingest.IngestBrowsingEventsAsync(
        [
            new BrowsingEventIngestRow { ExternalId = "E-1", CustomerExternalId = "C-1", ProductExternalId = "P-1", ViewedAt = at },
            new BrowsingEventIngestRow { ExternalId = "E-2", CustomerExternalId = "C-1", ViewedAt = at },
            new BrowsingEventIngestRow { ExternalId = "E-3", CustomerExternalId = "C-404", ProductExternalId = "P-1", ViewedAt = at },
            new BrowsingEventIngestRow { ExternalId = "E-4", CustomerExternalId = "C-1", ProductExternalId = "P-1", ViewedAt = at.AddYears(5) },
        ], Ct);

        Assert.Equal((1, 3), (result.Inserted, result.Rejected));
        Assert.Equal([1, 2, 3], result.Errors.Select(e => e.Index).Distinct());
        var again = await ingest.IngestBrowsingEventsAsync(
            [new BrowsingEventIngestRow { ExternalId = "E-1", CustomerExternalId = "C-2", ProductExternalId = "P-2", ViewedAt = at }], Ct);
        Assert.Equal(1, again.Updated);
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.BrowsingEvents.CountAsync(Ct));
    }

    [Fact]
    public async Task Lookups_work_for_batches_larger_than_one_query_chunk()
    {
        var rows = Enumerable.Range(0, 1_200).Select(i => Customer($"C-{i:D5}", $"Customer {i}")).ToList();

        var first = await ingest.IngestCustomersAsync(rows, ConsentSources.StoreApi, Ct);
        var second = await ingest.IngestCustomersAsync(rows, ConsentSources.StoreApi, Ct);

        Assert.Equal((1_200, 0), (first.Inserted, first.Updated));
        Assert.Equal((0, 1_200), (second.Inserted, second.Updated));
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused()
    {
        var rows = Enumerable.Range(0, StoreIngestService.MaxBatchSize + 1).Select(i => Customer($"C-{i}", "X")).ToList();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ingest.IngestCustomersAsync(rows, ConsentSources.StoreApi, Ct));
    }

    private async Task<Customer> LoadCustomerAsync(string externalId)
    {
        await using var db = database.CreateDbContext();
        return await db.Customers.AsNoTracking().SingleAsync(c => c.ExternalId == externalId, Ct);
    }

    private async Task SeedCustomersAndProductsAsync()
    {
        await ingest.IngestCustomersAsync([Customer("C-1", "Siti"), Customer("C-2", "Budi")], ConsentSources.StoreApi, Ct);
        await ingest.IngestProductsAsync([Product("P-1"), Product("P-2")], Ct);
    }

    private static CustomerIngestRow Customer(string externalId, string firstName) =>
        new() { ExternalId = externalId, FirstName = firstName, LastName = "Test", Email = $"{externalId.ToLowerInvariant()}@example.com" };

    private static ProductIngestRow Product(string externalId) =>
        new() { ExternalId = externalId, Sku = $"SKU-{externalId}", Name = $"Product {externalId}", Price = 10m };

    private static OrderIngestRow Order(string externalId, string customer, params (string Product, int Quantity, decimal Price)[] items) =>
        new()
        {
            ExternalId = externalId,
            CustomerExternalId = customer,
            PlacedAt = new DateTime(2026, 10, 15, 12, 0, 0, DateTimeKind.Utc),
            Subtotal = items.Sum(i => i.Quantity * i.Price),
            Total = items.Sum(i => i.Quantity * i.Price),
            Items = items.Select(i => new OrderItemIngestRow { ProductExternalId = i.Product, Quantity = i.Quantity, UnitPrice = i.Price }).ToList(),
        };
}
