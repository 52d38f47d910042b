namespace Allnimall.Marketing.Core.Discounts;

/// <summary>Redeem the discounts of a cart for an order (the store's order id).</summary>
public sealed record RedeemRequest(string? OrderId, CheckoutCart Cart);

/// <summary>One stored redemption as the API and UI show it.</summary>
public sealed record RedemptionView(
    Guid Id, Guid DiscountId, string OrderId, string? Code, string? CustomerId, decimal Amount, decimal OrderRevenue, bool IsLeak,
    DateTime RedeemedAt, DateTime? VoidedAt);

/// <summary>
/// The outcome of a redeem: the redemptions of the order (the existing ones when it was already redeemed, with
/// <see cref="AlreadyRedeemed"/>), and the priced cart when it was priced now.
/// </summary>
public sealed record RedeemResult(string OrderId, bool AlreadyRedeemed, IReadOnlyList<RedemptionView> Redemptions, PricingResult? Pricing);

/// <summary>What a void did: how many redemptions of the order gave their use back now (0 when already voided).</summary>
public sealed record VoidResult(string OrderId, int Voided, IReadOnlyList<RedemptionView> Redemptions);
