namespace Allnimall.Marketing.Core.Identity;

/// <summary>
/// Permissions are role claims of type <see cref="ClaimType"/>; every page and endpoint names a policy whose name is
/// the permission it requires.
/// </summary>
public static class Permissions
{
    public const string ClaimType = "permission";

    public const string CampaignsView = "campaigns.view";
    public const string CampaignsManage = "campaigns.manage";
    public const string CampaignsLaunch = "campaigns.launch";
    public const string SegmentsManage = "segments.manage";
    public const string DiscountsManage = "discounts.manage";
    public const string AnalyticsView = "analytics.view";
    public const string CustomersView = "customers.view";
    public const string CustomersPii = "customers.pii";
    public const string CustomersImport = "customers.import";
    public const string SettingsManage = "settings.manage";
    public const string UsersManage = "users.manage";

    public static readonly IReadOnlyList<string> All =
    [
        CampaignsView, CampaignsManage, CampaignsLaunch, SegmentsManage, DiscountsManage, AnalyticsView,
        CustomersView, CustomersPii, CustomersImport, SettingsManage, UsersManage,
    ];

    /// <summary>What each role is given when it is first created; admins change it afterwards.</summary>
    public static IReadOnlyList<string> DefaultsFor(string role) => role switch
    {
        Roles.Admin => All,
        Roles.Marketer => All.Where(p => p is not SettingsManage and not UsersManage).ToList(),
        Roles.StoreOwner => [CampaignsView, AnalyticsView, CustomersView],
        _ => [],
    };
}
