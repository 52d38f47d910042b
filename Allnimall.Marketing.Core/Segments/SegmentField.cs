namespace Allnimall.Marketing.Core.Segments;

public enum SegmentField
{
    // Demographic
    Age, Gender, City, Region, Country, IncomeBand, Joined,
    // Behavioural: purchases
    OrderCount, TotalSpend, AverageOrderValue, DaysSinceLastOrder, BoughtProduct, BoughtCategory,
    // Behavioural: browsing
    ViewedProduct, ViewedCategory, ViewedProductNotBought, ViewedCategoryNotBought,
    // Behavioural: engagement
    OpenedEmail, ClickedEmail, ReceivedEmailNotOpened, UnsubscribedEmail, UnsubscribedSms,
    // Value
    LifetimeSpend, LifetimeOrders, PurchaseFrequency, RfmRecencyScore, RfmFrequencyScore, RfmMonetaryScore, RfmGroup,
    // Reachability
    EmailConsent, SmsConsent, Active,
}

public enum ConditionOperator
{
    Equal, NotEqual, LessThan, LessThanOrEqual, GreaterThan, GreaterThanOrEqual, Between,
    In, NotIn,
    /// <summary>For event fields (bought, viewed, opened…) and flags (consent, active).</summary>
    Is, IsNot,
}
