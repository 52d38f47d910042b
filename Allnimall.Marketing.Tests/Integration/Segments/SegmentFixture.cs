using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Integration.Segments;

/// <summary>
/// A small store where every condition type has customers on both sides of it, boundaries included.
/// "Now" is 2026-11-02 09:00 UTC.
/// </summary>
public sealed class SegmentFixture : IAsyncLifetime
{
    public static readonly DateTime Now = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Now));
    public SqliteTestDatabase Database { get; private set; } = null!;
    public Guid DogFood { get; } = Guid.CreateVersion7();
    public Guid CatToy { get; } = Guid.CreateVersion7();
    public Guid DogCategory { get; } = Guid.CreateVersion7();
    public Guid CatCategory { get; } = Guid.CreateVersion7();
    public Guid Newsletter { get; } = Guid.CreateVersion7();
    public string AdminId { get; } = Guid.NewGuid().ToString();

    public async ValueTask InitializeAsync()
    {
        Database = await SqliteTestDatabase.CreateAsync(Clock);
        await using var db = Database.CreateDbContext();
        db.Users.Add(new ApplicationUser { Id = AdminId, UserName = "admin@test", Email = "admin@test" });
        db.ProductCategories.AddRange(
            new ProductCategory { Id = DogCategory, ExternalId = "dog", Name = "Dog food" },
            new ProductCategory { Id = CatCategory, ExternalId = "cat", Name = "Cat toys" });
        db.Products.AddRange(
            new Product { Id = DogFood, ExternalId = "p1", Sku = "DF1", Name = "Royal Dog 2kg", CategoryId = DogCategory, Price = 100_000m },
            new Product { Id = CatToy, ExternalId = "p2", Sku = "CT1", Name = "Feather wand", CategoryId = CatCategory, Price = 25_000m });
        db.Campaigns.Add(new Campaign { Id = Newsletter, Name = "November newsletter", CreatedBy = AdminId });

        // Ani: Jakarta, 36 today, 3 recent orders of dog food, email consent.
        var ani = Customer("ani", "Ani", Gender.Female, "Jakarta", "DKI Jakarta", new DateOnly(1990, 11, 2), IncomeBand.Middle, email: true, sms: true);
        ani.Orders.AddRange([Order("a1", 10, 50_000m, DogFood), Order("a2", 40, 60_000m, DogFood), Order("a3", 180, 70_000m, DogFood)]);
        // Budi: Surabaya, turns 36 tomorrow; one old order and a recent cancelled one.
        var budi = Customer("budi", "Budi", Gender.Male, "Surabaya", "Jawa Timur", new DateOnly(1990, 11, 3), IncomeBand.High, email: false, sms: true);
        budi.Orders.AddRange([Order("b1", 400, 200_000m, CatToy), Order("b2", 10, 900_000m, DogFood, OrderStatus.Cancelled)]);
        // Citra: Bandung, no birth date, no orders, viewed dog food, got the newsletter and did not open it.
        var citra = Customer("citra", "Citra", Gender.Female, "Bandung", "Jawa Barat", null, null, email: true, sms: false);
        // Dewi: Jakarta, 26, many small orders of cat toys, opened and clicked the newsletter, inactive.
        var dewi = Customer("dewi", "Dewi", Gender.Other, "jakarta", "DKI Jakarta", new DateOnly(2000, 1, 1), IncomeBand.Low, email: true, sms: false);
        dewi.IsActive = false;
        dewi.Orders.AddRange(Enumerable.Range(0, 6).Select(i => Order($"d{i}", 5 + i * 20, 20_000m, CatToy)));
        // Eko: Medan, 61, one order 181 days ago (just outside a 180-day window), unsubscribed from email.
        var eko = Customer("eko", "Eko", Gender.Male, "Medan", "Sumatera Utara", new DateOnly(1965, 6, 1), IncomeBand.UpperMiddle, email: false, sms: false);
        eko.Orders.Add(Order("e1", 181, 1_000_000m, DogFood));
        db.Customers.AddRange(ani, budi, citra, dewi, eko);

        db.BrowsingEvents.AddRange(
            new BrowsingEvent { ExternalId = "v1", CustomerId = citra.Id, ProductId = DogFood, ViewedAt = Now.AddDays(-5) },
            new BrowsingEvent { ExternalId = "v2", CustomerId = ani.Id, ProductId = DogFood, ViewedAt = Now.AddDays(-12) },
            new BrowsingEvent { ExternalId = "v3", CustomerId = dewi.Id, CategoryId = DogCategory, ViewedAt = Now.AddDays(-2) });
        db.CustomerEngagement.AddRange(
            Engagement(citra.Id, EngagementTypes.EmailSent, 3), Engagement(dewi.Id, EngagementTypes.EmailSent, 3),
            Engagement(dewi.Id, EngagementTypes.EmailOpen, 3), Engagement(dewi.Id, EngagementTypes.EmailClick, 3),
            Engagement(ani.Id, EngagementTypes.EmailSent, 60), Engagement(ani.Id, EngagementTypes.EmailOpen, 59),
            Engagement(eko.Id, EngagementTypes.EmailUnsubscribe, 30, campaign: false));
        await db.SaveChangesAsync();
    }

    private static Customer Customer(string id, string name, Gender gender, string city, string region, DateOnly? born, IncomeBand? income,
        bool email, bool sms) => new()
    {
        ExternalId = id, FirstName = name, LastName = "Test", Email = $"{id}@example.com", Gender = gender, City = city,
        Region = region, Country = "Indonesia", BirthDate = born, IncomeBand = income, EmailConsent = email, SmsConsent = sms,
        CreatedAt = Now.AddDays(-730),
    };

    private Order Order(string id, int daysAgo, decimal total, Guid product, OrderStatus status = OrderStatus.Completed) => new()
    {
        ExternalId = id, PlacedAt = Now.AddDays(-daysAgo), Status = status, Subtotal = total, Total = total,
        Items = [new OrderItem { ProductId = product, Quantity = 1, UnitPrice = total, LineTotal = total }],
    };

    private CustomerEngagement Engagement(Guid customer, string type, int daysAgo, bool campaign = true) => new()
    {
        CustomerId = customer, EngagementType = type, EngagementDate = Now.AddDays(-daysAgo), CampaignId = campaign ? Newsletter : null,
    };

    public async Task<string[]> MatchAsync(SegmentRule rule)
    {
        Assert.Empty(SegmentRuleValidator.Validate(rule));
        await using var db = Database.CreateDbContext();
        var rfm = SegmentQueryBuilder.UsesRfm(rule) ? await RfmCalculator.ComputeAsync(db, Now, CancellationToken.None) : RfmThresholds.Empty;
        var predicate = SegmentQueryBuilder.Build(rule, new SegmentEvaluationContext(db, Now, rfm));
        var names = await db.Customers.Where(predicate).Select(c => c.FirstName).ToListAsync();
        return [.. names.Order()];
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
