namespace Allnimall.Marketing.Core.Store;

/// <summary>The sort keys of the customer grid and <c>GET /api/marketing/customers?sort=</c>.</summary>
public static class CustomerSortKeys
{
    public const string Name = "name";
    public const string Email = "email";
    public const string City = "city";
    public const string Country = "country";
    public const string Created = "created";
    public const string OrdersCount = "orders_count";
    public const string LifetimeSpend = "lifetime_spend";
    public const string LastOrder = "last_order";

    public static readonly IReadOnlyList<string> All = [Name, Email, City, Country, Created, OrdersCount, LifetimeSpend, LastOrder];
}
