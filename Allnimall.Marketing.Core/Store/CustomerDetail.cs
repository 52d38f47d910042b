namespace Allnimall.Marketing.Core.Store;

public sealed record CustomerDetail(
    CustomerProfile Profile,
    ConsentStatus EmailConsent,
    ConsentStatus SmsConsent,
    CustomerStats Stats,
    IReadOnlyList<CustomerOrderRow> RecentOrders,
    IReadOnlyList<CustomerBrowsingRow> RecentBrowsing,
    IReadOnlyList<CustomerEngagementRow> Engagement);
