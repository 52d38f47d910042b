using Allnimall.Marketing.Core.Discounts;
using Bogus;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>
/// Twelve months of orders. Each shopper's buying habit decides when they order (loyal buyers restock the same food
/// every 3–6 weeks, occasional ones show up on busy days, lapsed ones stopped 90+ days ago); their pets and budget
/// decide what; campaigns add the orders they caused and the promo codes used.
/// </summary>
internal sealed class DemoOrderGenerator(
    Randomizer random, DateTime now, DemoCalendar calendar, DemoProducts products, IReadOnlyList<DemoPlannedCampaign> campaigns)
{
    public const int HistoryDays = 365;

    private static readonly (int, double)[] ItemCounts = [(1, 34), (2, 30), (3, 19), (4, 11), (5, 6)];
    private static readonly (SalesChannel, double)[] Channels =
        [(SalesChannel.Online, 45), (SalesChannel.MobileApp, 30), (SalesChannel.InStore, 25)];

    // Codes the store runs all year, outside any campaign.
    private static readonly DemoPromoCode Welcome = new("WELCOME10", DiscountType.Percentage, 10, MaximumDiscount: 30_000);
    private static readonly DemoPromoCode Saver = new("HEMAT20K", DiscountType.FixedAmount, 20_000, MinimumPurchase: 150_000);

    private readonly DateTime historyStart = now.AddDays(-HistoryDays);

    public (List<Order> Orders, List<OrderItem> Items) Generate(IReadOnlyList<DemoShopper> shoppers)
    {
        var orders = new List<Order>(16_000);
        var items = new List<OrderItem>(40_000);
        foreach (var shopper in shoppers)
        {
            var staple = products.PickStaple(random, shopper);
            var times = OrderTimes(shopper).Select(t => (Time: t, Campaign: (DemoPlannedCampaign?)null))
                .Concat(CampaignOrderTimes(shopper))
                .OrderBy(t => t.Time)
                .ToList();
            for (var i = 0; i < times.Count; i++)
                orders.Add(BuildOrder(shopper, staple, times[i].Time, times[i].Campaign, isFirst: i == 0, items));
        }

        // The store numbers orders as they are placed.
        orders.Sort((a, b) => a.PlacedAt.CompareTo(b.PlacedAt));
        for (var i = 0; i < orders.Count; i++) orders[i].ExternalId = $"SO{i + 1:D7}";
        return (orders, items);
    }

    private IEnumerable<DateTime> OrderTimes(DemoShopper shopper)
    {
        var created = shopper.Customer.CreatedAt;
        var from = created > historyStart ? created : historyStart;
        // Most customers who sign up during the year do so at their first checkout.
        var atSignUp = created > historyStart && random.Bool(0.65f);
        switch (shopper.Type)
        {
            case DemoBuyerType.Loyal:
                return Renewals(shopper, from, now, gapDays: random.Number(21, 42), atSignUp).Concat(Impulses(shopper, from, now, perYear: 4));
            case DemoBuyerType.Regular:
                return Renewals(shopper, from, now, gapDays: random.Number(24, 50), atSignUp).Concat(Impulses(shopper, from, now, perYear: 2));
            case DemoBuyerType.Lapsed:
                return Renewals(shopper, from, shopper.LapsedAt!.Value, gapDays: random.Number(24, 50), atSignUp);
            case DemoBuyerType.Occasional:
                var count = Math.Max(1, (int)Math.Round(random.Number(3, 9) * (now - from).TotalDays / HistoryDays));
                return Enumerable.Range(0, count).Select(i => i == 0 && atSignUp ? SignUpCheckout(created) : RandomTime(shopper, from, now));
            case DemoBuyerType.OneTime:
                return [atSignUp ? SignUpCheckout(created) : RandomTime(shopper, from, now)];
            case DemoBuyerType.New:
                if (!random.Bool(0.75f)) return [];
                return random.Bool(0.25f) ? [SignUpCheckout(created), RandomTime(shopper, created.AddDays(1), now)] : [SignUpCheckout(created)];
            default:
                return [];
        }
    }

    /// <summary>Restocking: roughly every <paramref name="gapDays"/> days, nudged towards busy days.</summary>
    private IEnumerable<DateTime> Renewals(DemoShopper shopper, DateTime from, DateTime to, int gapDays, bool atSignUp)
    {
        var day = shopper.LocalDay(from);
        if (atSignUp) yield return SignUpCheckout(from);
        else day = calendar.PickDay(random, day, day.AddDays(gapDays));
        var toDay = shopper.LocalDay(to);
        while (true)
        {
            if (!atSignUp)
            {
                var at = TimeOn(shopper, day);
                if (at > to) yield break;
                if (at >= from) yield return at;
            }
            atSignUp = false;
            var next = day.AddDays((int)(gapDays * 0.7));
            if (next > toDay) yield break;
            day = calendar.PickDay(random, next, day.AddDays((int)Math.Ceiling(gapDays * 1.3)));
        }
    }

    /// <summary>Unplanned extra orders (a toy, treats, a new aquarium) on top of the restocking rhythm.</summary>
    private IEnumerable<DateTime> Impulses(DemoShopper shopper, DateTime from, DateTime to, double perYear)
    {
        var expected = perYear * (to - from).TotalDays / HistoryDays;
        var count = (int)expected + (random.Double() < expected % 1 ? 1 : 0);
        for (var i = 0; i < count; i++) yield return RandomTime(shopper, from, to);
    }

    /// <summary>Orders a campaign caused: recipients who bought within days of the send, with its code.</summary>
    private IEnumerable<(DateTime Time, DemoPlannedCampaign? Campaign)> CampaignOrderTimes(DemoShopper shopper)
    {
        foreach (var campaign in campaigns)
        {
            if (campaign.Start > now || !campaign.CanConvert(shopper) || !random.Bool((float)campaign.ConversionRate)) continue;
            var end = campaign.End < now ? campaign.End : now;
            // Most respond on the first day or two.
            var at = campaign.Start + TimeSpan.FromHours(-36 * Math.Log(1 - random.Double()));
            if (at > end) at = campaign.Start + (end - campaign.Start) * random.Double();
            yield return (at, campaign);
        }
    }

    private DateTime SignUpCheckout(DateTime created) => created.AddMinutes(random.Number(2, 20));

    private DateTime RandomTime(DemoShopper shopper, DateTime from, DateTime to)
    {
        var at = TimeOn(shopper, calendar.PickDay(random, shopper.LocalDay(from), shopper.LocalDay(to)));
        if (at < from) at = from.AddMinutes(random.Number(5, 90));
        return at > to ? to.AddMinutes(-random.Number(5, 120)) : at;
    }

    private DateTime TimeOn(DemoShopper shopper, DateOnly day) =>
        shopper.ToUtc(day, DemoCalendar.PickTime(random, inStore: shopper.PreferredChannel == SalesChannel.InStore));

    private Order BuildOrder(
        DemoShopper shopper, DemoStockItem staple, DateTime at, DemoPlannedCampaign? cause, bool isFirst, List<OrderItem> allItems)
    {
        var created = shopper.Customer.CreatedAt;
        var placedAt = Max(created.AddMinutes(1), Min(at, now.AddMinutes(-1)));
        var order = new Order
        {
            ExternalId = "", CustomerId = shopper.Customer.Id, PlacedAt = placedAt, CreatedAt = placedAt,
            Channel = PickChannel(shopper, placedAt),
        };
        var lines = PickLines(shopper, staple);
        // An order a campaign caused fills the basket up to the code's minimum.
        while (cause?.Promo.MinimumPurchase > lines.Sum(l => l.LineTotal) && lines.Count < 8)
            AddLine(lines, products.PickFor(random, shopper));
        order.Subtotal = lines.Sum(l => l.LineTotal);
        var promo = cause?.Promo ?? PickPromo(shopper, placedAt, order.Subtotal, isFirst);
        if (promo?.DiscountFor(order.Subtotal) is { } discount)
        {
            order.PromoCode = promo.Code;
            order.Discount = discount;
        }
        order.Total = order.Subtotal - order.Discount;
        (order.Status, order.UpdatedAt) = StatusOf(placedAt, order.Channel);
        foreach (var line in lines)
        {
            line.OrderId = order.Id;
            allItems.Add(line);
        }
        return order;
    }

    private SalesChannel PickChannel(DemoShopper shopper, DateTime placedAt)
    {
        var channel = random.Bool(0.75f) ? shopper.PreferredChannel : random.Pick(Channels);
        // The shops open 09:00–21:00; a late order went through the app.
        var localHour = placedAt.AddHours(shopper.UtcOffsetHours).Hour;
        return channel == SalesChannel.InStore && localHour is < 9 or >= 21 ? SalesChannel.MobileApp : channel;
    }

    private List<OrderItem> PickLines(DemoShopper shopper, DemoStockItem staple)
    {
        var count = random.Pick(ItemCounts);
        var lines = new List<OrderItem>(count);
        var restocks = shopper.Type is DemoBuyerType.Loyal or DemoBuyerType.Regular or DemoBuyerType.Lapsed;
        if (random.Bool(restocks ? 0.85f : 0.35f)) AddLine(lines, staple);
        for (var attempt = 0; lines.Count < count && attempt < count * 3; attempt++)
            AddLine(lines, products.PickFor(random, shopper));
        return lines;
    }

    private void AddLine(List<OrderItem> lines, DemoStockItem item)
    {
        if (lines.Exists(l => l.ProductId == item.Product.Id)) return;
        var price = item.Product.Price;
        var quantity = (item.Spec.Kind, price) switch
        {
            (DemoProductKind.Consumable, < 50_000) => random.Pick<int>([(1, 50), (2, 30), (3, 12), (4, 8)]),
            (DemoProductKind.Staple, < 100_000) => random.Pick<int>([(1, 60), (2, 30), (3, 10)]),
            _ => random.Bool(0.92f) ? 1 : 2,
        };
        lines.Add(new OrderItem { ProductId = item.Product.Id, Quantity = quantity, UnitPrice = price, LineTotal = price * quantity });
    }

    private DemoPromoCode? PickPromo(DemoShopper shopper, DateTime placedAt, decimal subtotal, bool isFirst)
    {
        foreach (var campaign in campaigns)
            if (campaign.CodeUseRate > 0 && campaign.IsRunningAt(placedAt) && campaign.CanConvert(shopper)
                && campaign.Promo.DiscountFor(subtotal) is not null && random.Bool((float)campaign.CodeUseRate))
                return campaign.Promo;
        if (isFirst && shopper.Customer.CreatedAt > historyStart && random.Bool(0.15f)) return Welcome;
        return random.Bool(0.02f) ? Saver : null;
    }

    /// <summary>Recent online orders are still on their way; older ones completed, a few cancelled or refunded.</summary>
    private (OrderStatus, DateTime) StatusOf(DateTime placedAt, SalesChannel channel)
    {
        var age = now - placedAt;
        var status = channel == SalesChannel.InStore
            ? random.Pick<OrderStatus>([(OrderStatus.Completed, 98.5), (OrderStatus.Refunded, 1.5)])
            : age < TimeSpan.FromHours(6) ? random.Pick<OrderStatus>([(OrderStatus.Pending, 50), (OrderStatus.Paid, 50)])
            : age < TimeSpan.FromDays(1) ? random.Pick<OrderStatus>([(OrderStatus.Paid, 40), (OrderStatus.Shipped, 60)])
            : age < TimeSpan.FromDays(3) ? random.Pick<OrderStatus>([(OrderStatus.Shipped, 55), (OrderStatus.Completed, 45)])
            : random.Pick<OrderStatus>([(OrderStatus.Completed, 93.5), (OrderStatus.Cancelled, 4.5), (OrderStatus.Refunded, 2)]);
        var changedAfter = status switch
        {
            OrderStatus.Pending => TimeSpan.Zero,
            OrderStatus.Paid => random.Between(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30)),
            OrderStatus.Shipped => random.Between(TimeSpan.FromHours(4), TimeSpan.FromHours(30)),
            OrderStatus.Cancelled => random.Between(TimeSpan.FromMinutes(10), TimeSpan.FromDays(1)),
            OrderStatus.Refunded => random.Between(TimeSpan.FromDays(2), TimeSpan.FromDays(14)),
            _ when channel == SalesChannel.InStore => TimeSpan.Zero,
            _ => random.Between(TimeSpan.FromDays(1), TimeSpan.FromDays(5)),
        };
        return (status, Min(placedAt + changedAfter, now));
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
