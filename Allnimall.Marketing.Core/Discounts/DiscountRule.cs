namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// A discount as the pricing engine sees it: plain values and sets, built once per evaluation batch from the
/// <see cref="DiscountCampaign"/> row and its campaign (name and window), so evaluation never touches the database.
/// </summary>
public sealed record DiscountRule
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required DiscountType Type { get; init; }
    public decimal Value { get; init; }
    public DiscountMethod Method { get; init; } = DiscountMethod.Code;
    public int BuyQuantity { get; init; } = 1;
    public int GetQuantity { get; init; } = 1;
    public decimal GetPercentOff { get; init; } = 100m;
    public decimal? MinimumPurchase { get; init; }
    public int? MinimumQuantity { get; init; }
    public decimal? MaximumDiscount { get; init; }
    public IReadOnlySet<Guid> IncludedProductIds { get; init; } = new HashSet<Guid>();
    public IReadOnlySet<Guid> ExcludedProductIds { get; init; } = new HashSet<Guid>();
    public IReadOnlySet<Guid> IncludedCategoryIds { get; init; } = new HashSet<Guid>();
    public IReadOnlySet<Guid> ExcludedCategoryIds { get; init; } = new HashSet<Guid>();
    public IReadOnlySet<Guid> EligibleSegmentIds { get; init; } = new HashSet<Guid>();
    /// <summary>Inclusive start of the window (UTC); null = no start.</summary>
    public DateTime? StartsAt { get; init; }
    /// <summary>Exclusive end of the window (UTC): at this instant the discount has expired.</summary>
    public DateTime? EndsAt { get; init; }
    public bool IsActive { get; init; } = true;
    public int? UsageLimit { get; init; }
    public int UsageCount { get; init; }
    public int? PerCustomerLimit { get; init; }
    public bool FirstOrderOnly { get; init; }
    public bool Combinable { get; init; }
    public int Priority { get; init; }

    public bool IsScoped => IncludedProductIds.Count > 0 || IncludedCategoryIds.Count > 0
        || ExcludedProductIds.Count > 0 || ExcludedCategoryIds.Count > 0;

    /// <summary>Whether a cart line counts towards (and can be discounted by) this discount. Loops, not LINQ: this runs per line per discount.</summary>
    public bool Applies(PricingLine line)
    {
        if (line.ProductId is { } product && ExcludedProductIds.Contains(product)) return false;
        if (ExcludedCategoryIds.Count > 0 && AnyIn(line.CategoryIds, ExcludedCategoryIds)) return false;
        if (IncludedProductIds.Count == 0 && IncludedCategoryIds.Count == 0) return true;
        return line.ProductId is { } p && IncludedProductIds.Contains(p)
            || IncludedCategoryIds.Count > 0 && AnyIn(line.CategoryIds, IncludedCategoryIds);
    }

    private static bool AnyIn(IReadOnlyList<Guid> ids, IReadOnlySet<Guid> set)
    {
        for (var i = 0; i < ids.Count; i++)
            if (set.Contains(ids[i])) return true;
        return false;
    }

    public static DiscountRule From(DiscountCampaign d, string name, DateTime? startsAt, DateTime? endsAt) => new()
    {
        Id = d.Id, Name = name, Type = d.DiscountType, Value = d.DiscountValue, Method = d.Method,
        BuyQuantity = d.BuyQuantity ?? 1, GetQuantity = d.GetQuantity ?? 1, GetPercentOff = d.GetPercentOff ?? 100m,
        MinimumPurchase = d.MinimumPurchase, MinimumQuantity = d.MinimumQuantity, MaximumDiscount = d.MaximumDiscount,
        IncludedProductIds = d.IncludedProductIds.ToHashSet(), ExcludedProductIds = d.ExcludedProductIds.ToHashSet(),
        IncludedCategoryIds = d.IncludedCategoryIds.ToHashSet(), ExcludedCategoryIds = d.ExcludedCategoryIds.ToHashSet(),
        EligibleSegmentIds = d.EligibleSegmentIds.ToHashSet(), StartsAt = startsAt, EndsAt = endsAt, IsActive = d.IsActive,
        UsageLimit = d.UsageLimit, UsageCount = d.UsageCount, PerCustomerLimit = d.PerCustomerLimit,
        FirstOrderOnly = d.FirstOrderOnly, Combinable = d.Combinable, Priority = d.Priority,
    };
}
