namespace Allnimall.Marketing.Core.Store;

/// <summary>
/// The home page's figures. The window is the last 30 UTC days including today (<see cref="From"/>..<see cref="To"/>);
/// orders and revenue follow <see cref="OrderRevenue"/>.
/// </summary>
public sealed record StoreOverview(
    int CustomersTotal,
    int NewCustomers,
    int Orders,
    decimal Revenue,
    decimal AverageOrderValue,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<DailyOrders> OrdersPerDay)
{
    public const int WindowDays = 30;

    /// <summary>False until the store has sent its first customer (every order belongs to one).</summary>
    public bool HasStoreData => CustomersTotal > 0;
}
