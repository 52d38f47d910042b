using System.Linq.Expressions;

namespace Allnimall.Marketing.Core.Store;

/// <summary>
/// Which orders count as revenue: paid, shipped and completed. Pending orders are not paid yet; cancelled and
/// refunded orders returned the money. Every count, sum, average and "last order" in the overview and the customer
/// pages uses this one rule, so "orders" and "revenue" always describe the same set and AOV = revenue / orders.
/// </summary>
public static class OrderRevenue
{
    public static readonly IReadOnlyList<OrderStatus> Statuses = [OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Completed];

    public static readonly Expression<Func<Order, bool>> CountsAsRevenue =
        o => o.Status == OrderStatus.Paid || o.Status == OrderStatus.Shipped || o.Status == OrderStatus.Completed;

    public static bool IsRevenue(OrderStatus status) => Statuses.Contains(status);
}
