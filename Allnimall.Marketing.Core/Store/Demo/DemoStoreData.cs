namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>The whole demo store, built in memory before one transaction writes it.</summary>
internal sealed record DemoStoreData(
    IReadOnlyList<DemoShopper> Shoppers, DemoProducts Products, List<Order> Orders, List<OrderItem> OrderItems,
    List<BrowsingEvent> BrowsingEvents, DemoCampaignRows Campaigns, DemoNewsletter Newsletter)
{
    /// <summary>
    /// Builds the store for a seed and a "now". Each part draws from its own seeded stream, so the customers stay the
    /// same when the order model changes, and the orders stay the same whether or not campaigns are written.
    /// </summary>
    public static DemoStoreData Generate(int seed, DateTime now, string? campaignOwnerId)
    {
        var today = DateOnly.FromDateTime(now.AddHours(8));
        var calendar = new DemoCalendar(today.AddDays(-DemoOrderGenerator.HistoryDays - 2), today);
        var shoppers = DemoCustomerGenerator.Generate(seed, now);
        var products = DemoProducts.Generate(seed + 1, now);
        var plan = DemoCampaignPlan.Create(now);
        var (orders, items) = new DemoOrderGenerator(new(seed + 2), now, calendar, products, plan).Generate(shoppers);
        var events = new DemoBrowsingGenerator(new(seed + 3), now, calendar, products).Generate(shoppers, orders, items);
        var campaigns = campaignOwnerId is null
            ? DemoCampaignRows.Empty()
            : new DemoCampaignBuilder(new(seed + 4), now).Build(plan, shoppers, orders, campaignOwnerId);
        var newsletter = DemoNewsletter.Generate(seed + 5, now, shoppers);
        return new DemoStoreData(shoppers, products, orders, items, events, campaigns, newsletter);
    }
}
