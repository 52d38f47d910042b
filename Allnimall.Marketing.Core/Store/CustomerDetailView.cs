namespace Allnimall.Marketing.Core.Store;

/// <summary>Everything the customer page and GET /customers/{id} show about one customer.</summary>
public sealed record CustomerDetailView(
    CustomerProfile Profile,
    ConsentStatus EmailConsent,
    ConsentStatus SmsConsent,
    CustomerStats Stats,
    IReadOnlyList<CustomerOrderRow> RecentOrders,
    IReadOnlyList<CustomerBrowsingRow> RecentBrowsing,
    IReadOnlyList<CustomerEngagementRow> Engagement);
