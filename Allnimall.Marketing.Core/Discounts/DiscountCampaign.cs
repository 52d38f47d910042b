namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// A discount: the spec's <c>discount_campaigns</c> row, extended with the rules a checkout needs. It stays one row per
/// discount campaign, so the spec's columns (type, value, minimum purchase, maximum discount, usage limit and count,
/// is_active) keep their meaning; the discount's name, description and date window are those of its
/// <c>marketing_campaigns</c> row (a campaign of type <c>discount</c>), not copies that could drift apart.
/// </summary>
public class DiscountCampaign
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CampaignId { get; set; }
    public DiscountType DiscountType { get; set; }
    /// <summary>Percent (0–100) for percentage, money for fixed amount; unused for buy X get Y and free shipping.</summary>
    public decimal DiscountValue { get; set; }
    public DiscountMethod Method { get; set; } = DiscountMethod.Code;

    /// <summary>Buy X get Y: how many qualifying items the customer pays for in each group …</summary>
    public int? BuyQuantity { get; set; }
    /// <summary>… how many more get the discount (the cheapest ones) …</summary>
    public int? GetQuantity { get; set; }
    /// <summary>… and how much off those get, in percent (100 = free).</summary>
    public decimal? GetPercentOff { get; set; }

    /// <summary>Minimum subtotal of the qualifying items.</summary>
    public decimal? MinimumPurchase { get; set; }
    /// <summary>Minimum number of qualifying items.</summary>
    public int? MinimumQuantity { get; set; }
    public decimal? MaximumDiscount { get; set; }

    public List<Guid> IncludedProductIds { get; set; } = [];
    public List<Guid> ExcludedProductIds { get; set; } = [];
    public List<Guid> IncludedCategoryIds { get; set; } = [];
    public List<Guid> ExcludedCategoryIds { get; set; } = [];
    /// <summary>Empty: every customer. Otherwise the customer must be a member of one of these segments.</summary>
    public List<Guid> EligibleSegmentIds { get; set; } = [];

    public int? UsageLimit { get; set; }
    /// <summary>Redemptions not voided; changed only by conditional UPDATEs in DiscountRedemptionService.</summary>
    public int UsageCount { get; set; }
    public int? PerCustomerLimit { get; set; }
    public bool FirstOrderOnly { get; set; }
    /// <summary>Whether it stacks with other combinable discounts. A non-combinable one competes with them instead.</summary>
    public bool Combinable { get; set; }
    /// <summary>Higher goes first when stacking, and wins ties.</summary>
    public int Priority { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Application-managed concurrency token for edits (SQLite cannot generate one).</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>Snake-cased in the database as the spec spells them: percentage, fixed_amount, bogo (buy X get Y), free_shipping.</summary>
public enum DiscountType { Percentage, FixedAmount, Bogo, FreeShipping }

/// <summary>Automatic discounts apply to every qualifying cart; code discounts only when a code is presented.</summary>
public enum DiscountMethod { Automatic, Code }
