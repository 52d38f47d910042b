namespace Allnimall.Marketing.Core.Discounts;

/// <summary>The <c>campaign_performance</c> metrics a discount campaign's redemptions write, per day.</summary>
public static class PerformanceMetrics
{
    public const string Redemptions = "redemptions";
    public const string DiscountGiven = "discount_given";
    public const string RedemptionRevenue = "redemption_revenue";
}
