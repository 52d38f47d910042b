using Bogus;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>
/// The last 90 days of product and category views: the visits that led to each online order (the category, the
/// products bought, one compared and left), then window-shopping sessions that ended without an order, until the
/// store has about <see cref="TargetEvents"/> views.
/// </summary>
internal sealed class DemoBrowsingGenerator(Randomizer random, DateTime now, DemoCalendar calendar, DemoProducts products)
{
    public const int WindowDays = 90;
    public const int TargetEvents = 30_000;

    private readonly DateTime windowStart = now.AddDays(-WindowDays);

    public List<BrowsingEvent> Generate(IReadOnlyList<DemoShopper> shoppers, IReadOnlyList<Order> orders, IReadOnlyList<OrderItem> items)
    {
        var events = new List<BrowsingEvent>(TargetEvents + 16);
        var shoppersById = shoppers.ToDictionary(s => s.Customer.Id);
        var stockById = products.Items.ToDictionary(i => i.Product.Id);
        var linesByOrder = items.ToLookup(i => i.OrderId);
        foreach (var order in orders.Where(o => o.PlacedAt >= windowStart && o.Channel != SalesChannel.InStore))
            AddPurchaseVisit(events, shoppersById[order.CustomerId], order,
                linesByOrder[order.Id].Select(l => stockById[l.ProductId!.Value]).ToList());

        var browsers = shoppers.Where(s => s.Customer.CreatedAt < now.AddHours(-2)).ToList();
        var cumulative = DemoRandom.Cumulative(browsers.Select(s => BrowsingAppetite(s.Type)));
        for (var sessions = 0; events.Count < TargetEvents && sessions < TargetEvents; sessions++)
            AddWindowShopping(events, browsers[random.PickIndex(cumulative)]);

        events.Sort((a, b) => a.ViewedAt.CompareTo(b.ViewedAt));
        for (var i = 0; i < events.Count; i++) events[i].ExternalId = $"EV{i + 1:D8}";
        return events;
    }

    private static double BrowsingAppetite(DemoBuyerType type) => type switch
    {
        DemoBuyerType.Loyal or DemoBuyerType.New => 3,
        DemoBuyerType.Regular or DemoBuyerType.BrowseOnly => 2.5,
        DemoBuyerType.Occasional => 2,
        DemoBuyerType.OneTime => 1,
        _ => 0.6,
    };

    private void AddPurchaseVisit(List<BrowsingEvent> events, DemoShopper shopper, Order order, List<DemoStockItem> bought)
    {
        // Usually the same visit; sometimes they looked a day or two before and came back to buy.
        var at = random.Bool(0.7f)
            ? order.PlacedAt - random.Between(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(40))
            : order.PlacedAt - random.Between(TimeSpan.FromHours(20), TimeSpan.FromDays(3));
        if (random.Bool(0.5f)) Add(events, shopper, at, category: products.CategoryOf(bought[0]));
        foreach (var item in bought)
        {
            at += random.Between(TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(3));
            if (random.Bool(0.4f)) Add(events, shopper, at, products.PickSimilar(random, item));
            if (random.Bool(0.9f)) Add(events, shopper, at.AddSeconds(random.Number(5, 90)), item);
        }
    }

    private void AddWindowShopping(List<BrowsingEvent> events, DemoShopper shopper)
    {
        var first = shopper.LocalDay(shopper.Customer.CreatedAt > windowStart ? shopper.Customer.CreatedAt : windowStart);
        var day = calendar.PickDay(random, first, shopper.LocalDay(now));
        var at = shopper.ToUtc(day, DemoCalendar.PickTime(random, inStore: false));
        var item = products.PickFor(random, shopper);
        if (random.Bool(0.6f)) Add(events, shopper, at, category: products.CategoryOf(item));
        var views = random.Number(1, 6);
        for (var i = 0; i < views; i++)
        {
            at += random.Between(TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(4));
            Add(events, shopper, at, item);
            item = random.Bool(0.7f) ? products.PickSimilar(random, item) : products.PickFor(random, shopper);
        }
    }

    private void Add(List<BrowsingEvent> events, DemoShopper shopper, DateTime at, DemoStockItem? product = null, ProductCategory? category = null)
    {
        // A view must fall inside the window and the customer's account life (visits before sign-up were anonymous).
        if (at < windowStart || at <= shopper.Customer.CreatedAt || at > now) return;
        events.Add(new BrowsingEvent
        {
            ExternalId = "",
            CustomerId = shopper.Customer.Id,
            ProductId = product?.Product.Id,
            CategoryId = category?.Id,
            ViewedAt = at,
        });
    }
}
