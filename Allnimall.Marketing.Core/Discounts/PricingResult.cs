namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// A priced cart: each line before and after discounts, the discounts applied, and for every code presented whether
/// it applied and, when not, why in words a shopper understands.
/// </summary>
public sealed record PricingResult(
    string Currency, decimal Subtotal, decimal Shipping, decimal LineDiscount, decimal ShippingDiscount, decimal TotalDiscount,
    decimal Total, IReadOnlyList<PricedLine> Lines, IReadOnlyList<AppliedDiscount> Applied, IReadOnlyList<CodeOutcome> Codes);

public sealed record PricedLine(int Index, string ProductKey, int Quantity, decimal UnitPrice, decimal LineTotal, decimal Discount, decimal Total);

/// <summary>One discount given: its amount on each cart line (by index), on shipping, and in total.</summary>
public sealed record AppliedDiscount(
    Guid DiscountId, string Name, DiscountType Type, string? Code, Guid? PromoCodeId, decimal Amount, decimal ShippingAmount,
    IReadOnlyList<decimal> LineAmounts);

/// <summary>Whether a presented code applied; <see cref="Reason"/> is shown to the shopper when it did not.</summary>
public sealed record CodeOutcome(string Code, bool Applied, CodeRejection? Rejection, string? Reason);

public enum CodeRejection
{
    Unknown, Disabled, Inactive, NotStarted, Expired, UsageLimitReached, AlreadyUsed, CustomerLimitReached, SignInRequired,
    NotEligible, FirstOrderOnly, NoQualifyingItems, MinimumPurchaseNotMet, MinimumQuantityNotMet, NothingToDiscount,
    DuplicateOffer, NotCombinable,
}
