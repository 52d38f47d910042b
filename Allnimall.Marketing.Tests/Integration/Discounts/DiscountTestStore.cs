using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Integration.Discounts;

/// <summary>A SQLite store with a staff user, a dog and a cat category, three products, and the discount services.</summary>
public sealed class DiscountTestStore : IAsyncDisposable
{
    public static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private DiscountTestStore(FakeTimeProvider clock, SqliteTestDatabase database, string adminId)
    {
        Clock = clock;
        Database = database;
        AdminId = adminId;
        var calculator = new DiscountCalculator(clock, CurrencyOptions.Idr);
        Pricing = new DiscountPricingService(database, calculator, clock);
        Discounts = new DiscountService(database, new DiscountSummaryWriter(CurrencyOptions.Idr),
            new MarginGuardrail(database, new MarginGuardrailOptions(), clock), CurrencyOptions.Idr, clock);
        Codes = new PromoCodeService(database, clock);
        Redemptions = new DiscountRedemptionService(database, Pricing, clock);
    }

    public FakeTimeProvider Clock { get; }
    public SqliteTestDatabase Database { get; }
    public string AdminId { get; }
    public DiscountPricingService Pricing { get; }
    public DiscountService Discounts { get; }
    public PromoCodeService Codes { get; }
    public DiscountRedemptionService Redemptions { get; }

    public ProductCategory Dogs { get; } = new() { ExternalId = "dogs", Name = "Dogs" };
    public ProductCategory DogFood { get; private set; } = null!;
    public ProductCategory Cats { get; } = new() { ExternalId = "cats", Name = "Cats" };
    public Product Kibble { get; private set; } = null!;
    public Product Leash { get; private set; } = null!;
    public Product CatToy { get; private set; } = null!;

    public static async Task<DiscountTestStore> CreateAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        var database = await SqliteTestDatabase.CreateAsync(clock);
        var store = new DiscountTestStore(clock, database, Guid.NewGuid().ToString());
        store.DogFood = new ProductCategory { ExternalId = "dog-food", Name = "Dog Food", ParentId = store.Dogs.Id };
        store.Kibble = new Product { ExternalId = "P-KIBBLE", Sku = "K1", Name = "Kibble 2kg", Price = 150_000, CostPrice = 100_000, CategoryId = store.DogFood.Id };
        store.Leash = new Product { ExternalId = "P-LEASH", Sku = "L1", Name = "Leash", Price = 50_000, CostPrice = 20_000, CategoryId = store.Dogs.Id };
        store.CatToy = new Product { ExternalId = "P-CATTOY", Sku = "C1", Name = "Cat toy", Price = 30_000, CostPrice = 10_000, CategoryId = store.Cats.Id };
        await database.AddAsync(new ApplicationUser { Id = store.AdminId, UserName = "admin@test", Email = "admin@test" },
            store.Dogs, store.Cats, store.DogFood, store.Kibble, store.Leash, store.CatToy);
        return store;
    }

    public async Task<Customer> CustomerAsync(string externalId)
    {
        var customer = new Customer { ExternalId = externalId, FirstName = externalId };
        await Database.AddAsync(customer);
        return customer;
    }

    public async Task<Guid> SegmentAsync(string name, params Customer[] members)
    {
        var segment = new CustomerSegment { Name = name, SegmentType = SegmentType.Static, SegmentCriteria = "{}", CreatedBy = AdminId };
        await Database.AddAsync([segment, .. members.Select(m => new SegmentCustomer { SegmentId = segment.Id, CustomerId = m.Id, AddedAt = Now })]);
        return segment.Id;
    }

    public async Task<DiscountDetailView> CreateAsync(Action<DiscountForm> configure)
    {
        var form = new DiscountForm { Name = "Test discount", Type = DiscountType.Percentage, Value = 10 };
        configure(form);
        var result = await Discounts.CreateAsync(form, AdminId, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return result.Value!;
    }

    public static CheckoutCart Cart(string? customer, decimal kibbleQuantity = 1, params string[] codes) =>
        new(customer, [new CheckoutLine("P-KIBBLE", null, (int)kibbleQuantity, 150_000), new CheckoutLine("P-CATTOY", null, 1, 30_000)], 20_000, codes);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
