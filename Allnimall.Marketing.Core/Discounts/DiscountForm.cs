using System.ComponentModel.DataAnnotations;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// What staff edit (UI) or send (API) to create or change a discount. Never bound to the entity: usage counts,
/// redemptions and the creator are the server's. Cross-field rules are in <see cref="Validate"/>; rules that need the
/// database (a shared code already taken, unknown products) are checked by <see cref="DiscountService"/>.
/// </summary>
public sealed class DiscountForm : IValidatableObject
{
    [Required(ErrorMessage = "Give the discount a name.")]
    [MaxLength(255, ErrorMessage = "The name is limited to 255 characters.")]
    public string Name { get; set; } = "";

    [MaxLength(2000, ErrorMessage = "The description is limited to 2000 characters.")]
    public string? Description { get; set; }

    public DiscountType Type { get; set; } = DiscountType.Percentage;
    public DiscountMethod Method { get; set; } = DiscountMethod.Code;

    /// <summary>Percent for percentage, money for fixed amount.</summary>
    [Range(0, 99_999_999, ErrorMessage = "The value cannot be negative.")]
    public decimal Value { get; set; }

    [Range(1, 1_000, ErrorMessage = "Buy quantity is 1 to 1,000.")]
    public int? BuyQuantity { get; set; }

    [Range(1, 1_000, ErrorMessage = "Get quantity is 1 to 1,000.")]
    public int? GetQuantity { get; set; }

    [Range(1, 100, ErrorMessage = "The get discount is 1% to 100%.")]
    public decimal? GetPercentOff { get; set; }

    [Range(0, 99_999_999, ErrorMessage = "The minimum purchase cannot be negative.")]
    public decimal? MinimumPurchase { get; set; }

    [Range(1, 100_000, ErrorMessage = "The minimum quantity is at least 1.")]
    public int? MinimumQuantity { get; set; }

    [Range(0, 99_999_999, ErrorMessage = "The maximum discount cannot be negative.")]
    public decimal? MaximumDiscount { get; set; }

    public List<Guid> IncludedProductIds { get; set; } = [];
    public List<Guid> ExcludedProductIds { get; set; } = [];
    public List<Guid> IncludedCategoryIds { get; set; } = [];
    public List<Guid> ExcludedCategoryIds { get; set; } = [];
    public List<Guid> EligibleSegmentIds { get; set; } = [];

    public DateTime? StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "The usage limit is at least 1 (leave it empty for no limit).")]
    public int? UsageLimit { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "The limit per customer is at least 1 (leave it empty for no limit).")]
    public int? PerCustomerLimit { get; set; }

    public bool FirstOrderOnly { get; set; }
    public bool Combinable { get; set; }

    [Range(-1_000, 1_000, ErrorMessage = "Priority is between -1000 and 1000.")]
    public int Priority { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>A code every customer can type (code discounts). Unique codes are generated separately.</summary>
    [MaxLength(PromoCodeGenerator.MaxCodeLength, ErrorMessage = "A code is at most 64 characters.")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]*$", ErrorMessage = "A code is letters, digits and dashes, starting with a letter or digit.")]
    public string? SharedCode { get; set; }

    /// <summary>Save even though the margin guardrail finds products at risk (admins only).</summary>
    public bool OverrideMarginGuardrail { get; set; }

    /// <summary>The version the editor loaded; a save against a newer version is a conflict.</summary>
    public Guid? Version { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Type == DiscountType.Percentage && Value is <= 0 or > 100)
            yield return new("A percentage is more than 0 and at most 100.", [nameof(Value)]);
        if (Type == DiscountType.FixedAmount && Value <= 0)
            yield return new("A fixed amount is more than 0.", [nameof(Value)]);
        if (Type == DiscountType.Bogo && (BuyQuantity is null || GetQuantity is null))
            yield return new("Say how many the customer buys and how many they get.", [BuyQuantity is null ? nameof(BuyQuantity) : nameof(GetQuantity)]);
        if (StartsAt is { } start && EndsAt is { } end && end <= start)
            yield return new("The end must be after the start.", [nameof(EndsAt)]);
        if (IncludedProductIds.Intersect(ExcludedProductIds).Any())
            yield return new("A product cannot be both included and excluded.", [nameof(ExcludedProductIds)]);
        if (IncludedCategoryIds.Intersect(ExcludedCategoryIds).Any())
            yield return new("A category cannot be both included and excluded.", [nameof(ExcludedCategoryIds)]);
        if (Method == DiscountMethod.Automatic && !string.IsNullOrWhiteSpace(SharedCode))
            yield return new("Automatic discounts apply without a code; choose the code method to give it a code.", [nameof(SharedCode)]);
    }
}
