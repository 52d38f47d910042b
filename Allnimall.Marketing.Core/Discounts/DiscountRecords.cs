using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>The discount list: paging, search by name or code, filters.</summary>
public sealed record DiscountGridQuery : GridQuery
{
    public DiscountType? Type { get; init; }
    public DiscountStatus? Status { get; init; }
}

public static class DiscountSortKeys
{
    public const string Name = "name";
    public const string Type = "type";
    public const string StartsAt = "starts_at";
    public const string Usage = "usage";
    public const string Created = "created";

    public static readonly IReadOnlyList<string> All = [Name, Type, StartsAt, Usage, Created];
}

/// <summary>
/// Where a discount is in its life: switched off (its switch is off or its campaign is paused or a draft), waiting for
/// its window, on, past its window, or stopped for good (its campaign was cancelled or completed). Active is exactly
/// when <see cref="DiscountPricingService"/> applies it.
/// </summary>
public enum DiscountStatus { Disabled, Scheduled, Active, Expired, Cancelled }

/// <summary>A row of the discount list, with usage against the limit and what the discount has given and earned.</summary>
public sealed record DiscountListItem(
    Guid Id, Guid CampaignId, string Name, DiscountType Type, DiscountMethod Method, DiscountStatus Status, CampaignStatus CampaignStatus, DateTime? StartsAt,
    DateTime? EndsAt, int UsageCount, int? UsageLimit, decimal DiscountGiven, decimal Revenue, int LeakedRedemptions, DateTime CreatedAt);

/// <summary>A discount with every rule, its counters, and a plain-language summary.</summary>
public sealed record DiscountDetailView(
    Guid Id, Guid CampaignId, string Name, string? Description, DiscountType Type, DiscountMethod Method, decimal Value,
    int? BuyQuantity, int? GetQuantity, decimal? GetPercentOff, decimal? MinimumPurchase, int? MinimumQuantity, decimal? MaximumDiscount,
    IReadOnlyList<Guid> IncludedProductIds, IReadOnlyList<Guid> ExcludedProductIds, IReadOnlyList<Guid> IncludedCategoryIds,
    IReadOnlyList<Guid> ExcludedCategoryIds, IReadOnlyList<Guid> EligibleSegmentIds, DateTime? StartsAt, DateTime? EndsAt,
    int? UsageLimit, int UsageCount, int? PerCustomerLimit, bool FirstOrderOnly, bool Combinable, int Priority, bool IsActive,
    DiscountStatus Status, CampaignStatus CampaignStatus, IReadOnlyList<string> SharedCodes, int CodeCount, int Redemptions, decimal DiscountGiven, decimal Revenue,
    int LeakedRedemptions, string Summary, DateTime CreatedAt, DateTime UpdatedAt, Guid Version);

/// <summary>A code's state: never used, used up (a unique code once redeemed), past the discount's window, or switched off.</summary>
public enum PromoCodeStatus { Unused, Redeemed, Expired, Disabled }

public sealed record PromoCodeQuery : GridQuery
{
    public PromoCodeStatus? Status { get; init; }
}

public sealed record PromoCodeRow(
    Guid Id, string Code, bool IsShared, PromoCodeStatus Status, int UsageCount, Guid? AssignedCustomerId, DateTime CreatedAt, DateTime? DisabledAt);

public sealed record CodeGenerationProgress(int Generated, int Total);

public sealed record CodeGenerationResult(Guid DiscountId, int Generated, int Collisions);
