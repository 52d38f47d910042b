namespace Allnimall.Marketing.Core.Segments;

public enum FieldGroup { Demographic, Purchases, Browsing, Engagement, Value, Reachability }

/// <summary>The kind of value a field compares against, which decides the operators and the editor's input.</summary>
public enum FieldValueKind { Number, Money, Text, Event, Flag, Score, RfmGroup }

/// <summary>Whether a condition on the field takes a "in the last N days" window.</summary>
public enum WindowSupport { None, Optional, Required }

/// <summary>What the rule builder and the validator know about a field.</summary>
public sealed record SegmentFieldInfo(
    SegmentField Field, FieldGroup Group, string Label, FieldValueKind Kind, WindowSupport Window,
    IReadOnlyList<ConditionOperator> Operators, ReferenceKind Reference = ReferenceKind.None, string? Unit = null);

public enum ReferenceKind { None, Product, Category, Campaign }

public static class SegmentFieldCatalog
{
    private static readonly ConditionOperator[] Comparisons =
    [
        ConditionOperator.Equal, ConditionOperator.NotEqual, ConditionOperator.LessThan, ConditionOperator.LessThanOrEqual,
        ConditionOperator.GreaterThan, ConditionOperator.GreaterThanOrEqual, ConditionOperator.Between,
    ];
    private static readonly ConditionOperator[] Membership = [ConditionOperator.In, ConditionOperator.NotIn];
    private static readonly ConditionOperator[] Truth = [ConditionOperator.Is, ConditionOperator.IsNot];

    public static readonly IReadOnlyList<SegmentFieldInfo> All =
    [
        new(SegmentField.Age, FieldGroup.Demographic, "Age", FieldValueKind.Number, WindowSupport.None, Comparisons, Unit: "years"),
        new(SegmentField.Gender, FieldGroup.Demographic, "Gender", FieldValueKind.Text, WindowSupport.None, Membership),
        new(SegmentField.City, FieldGroup.Demographic, "City", FieldValueKind.Text, WindowSupport.None, Membership),
        new(SegmentField.Region, FieldGroup.Demographic, "Region", FieldValueKind.Text, WindowSupport.None, Membership),
        new(SegmentField.Country, FieldGroup.Demographic, "Country", FieldValueKind.Text, WindowSupport.None, Membership),
        new(SegmentField.IncomeBand, FieldGroup.Demographic, "Income band", FieldValueKind.Text, WindowSupport.None, Membership),
        new(SegmentField.Joined, FieldGroup.Demographic, "Became a customer", FieldValueKind.Event, WindowSupport.Required, Truth),

        new(SegmentField.OrderCount, FieldGroup.Purchases, "Number of orders", FieldValueKind.Number, WindowSupport.Optional, Comparisons, Unit: "orders"),
        new(SegmentField.TotalSpend, FieldGroup.Purchases, "Total spend", FieldValueKind.Money, WindowSupport.Optional, Comparisons),
        new(SegmentField.AverageOrderValue, FieldGroup.Purchases, "Average order value", FieldValueKind.Money, WindowSupport.Optional, Comparisons),
        new(SegmentField.DaysSinceLastOrder, FieldGroup.Purchases, "Days since last order", FieldValueKind.Number, WindowSupport.None, Comparisons, Unit: "days"),
        new(SegmentField.BoughtProduct, FieldGroup.Purchases, "Bought product", FieldValueKind.Event, WindowSupport.Optional, Truth, ReferenceKind.Product),
        new(SegmentField.BoughtCategory, FieldGroup.Purchases, "Bought from category", FieldValueKind.Event, WindowSupport.Optional, Truth, ReferenceKind.Category),

        new(SegmentField.ViewedProduct, FieldGroup.Browsing, "Viewed product", FieldValueKind.Event, WindowSupport.Required, Truth, ReferenceKind.Product),
        new(SegmentField.ViewedCategory, FieldGroup.Browsing, "Viewed category", FieldValueKind.Event, WindowSupport.Required, Truth, ReferenceKind.Category),
        new(SegmentField.ViewedProductNotBought, FieldGroup.Browsing, "Viewed product but did not buy it", FieldValueKind.Event, WindowSupport.Required, Truth, ReferenceKind.Product),
        new(SegmentField.ViewedCategoryNotBought, FieldGroup.Browsing, "Viewed category but bought nothing from it", FieldValueKind.Event, WindowSupport.Required, Truth, ReferenceKind.Category),

        new(SegmentField.OpenedEmail, FieldGroup.Engagement, "Opened an email", FieldValueKind.Event, WindowSupport.Optional, Truth, ReferenceKind.Campaign),
        new(SegmentField.ClickedEmail, FieldGroup.Engagement, "Clicked an email", FieldValueKind.Event, WindowSupport.Optional, Truth, ReferenceKind.Campaign),
        new(SegmentField.ReceivedEmailNotOpened, FieldGroup.Engagement, "Received an email but never opened it", FieldValueKind.Event, WindowSupport.Optional, Truth, ReferenceKind.Campaign),
        new(SegmentField.UnsubscribedEmail, FieldGroup.Engagement, "Unsubscribed from email", FieldValueKind.Event, WindowSupport.Optional, Truth),
        new(SegmentField.UnsubscribedSms, FieldGroup.Engagement, "Unsubscribed from SMS", FieldValueKind.Event, WindowSupport.Optional, Truth),

        new(SegmentField.LifetimeSpend, FieldGroup.Value, "Lifetime spend", FieldValueKind.Money, WindowSupport.None, Comparisons),
        new(SegmentField.LifetimeOrders, FieldGroup.Value, "Lifetime orders", FieldValueKind.Number, WindowSupport.None, Comparisons, Unit: "orders"),
        new(SegmentField.PurchaseFrequency, FieldGroup.Value, "Purchase frequency", FieldValueKind.Number, WindowSupport.None, Comparisons, Unit: "orders per month"),
        new(SegmentField.RfmRecencyScore, FieldGroup.Value, "RFM recency score", FieldValueKind.Score, WindowSupport.None, Comparisons),
        new(SegmentField.RfmFrequencyScore, FieldGroup.Value, "RFM frequency score", FieldValueKind.Score, WindowSupport.None, Comparisons),
        new(SegmentField.RfmMonetaryScore, FieldGroup.Value, "RFM monetary score", FieldValueKind.Score, WindowSupport.None, Comparisons),
        new(SegmentField.RfmGroup, FieldGroup.Value, "RFM group", FieldValueKind.RfmGroup, WindowSupport.None, Membership),

        new(SegmentField.EmailConsent, FieldGroup.Reachability, "Has email consent", FieldValueKind.Flag, WindowSupport.None, Truth),
        new(SegmentField.SmsConsent, FieldGroup.Reachability, "Has SMS consent", FieldValueKind.Flag, WindowSupport.None, Truth),
        new(SegmentField.Active, FieldGroup.Reachability, "Is active", FieldValueKind.Flag, WindowSupport.None, Truth),
    ];

    private static readonly Dictionary<SegmentField, SegmentFieldInfo> ByField = All.ToDictionary(f => f.Field);

    public static SegmentFieldInfo Get(SegmentField field) =>
        ByField.TryGetValue(field, out var info) ? info : throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown segment field");

    public static bool TryGet(SegmentField field, out SegmentFieldInfo info) => ByField.TryGetValue(field, out info!);
}
