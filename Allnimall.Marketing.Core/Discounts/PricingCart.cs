namespace Allnimall.Marketing.Core.Discounts;

/// <summary>A cart to price: who buys, what, the shipping charge, and the codes the shopper typed.</summary>
public sealed record PricingCart(PricingCustomer Customer, IReadOnlyList<PricingLine> Lines, decimal Shipping, IReadOnlyList<string> Codes);

/// <summary>One cart line. <see cref="CategoryIds"/> holds the product's category and its ancestors.</summary>
public sealed record PricingLine(string ProductKey, Guid? ProductId, IReadOnlyList<Guid> CategoryIds, int Quantity, decimal UnitPrice);

/// <summary>
/// What the engine needs to know about the shopper. <see cref="CustomerKey"/> is the store's customer id (null for a
/// guest); <see cref="UsageByDiscount"/> counts this customer's redemptions per discount.
/// </summary>
public sealed record PricingCustomer(
    string? CustomerKey, Guid? CustomerId, IReadOnlySet<Guid> SegmentIds, int PreviousOrders, IReadOnlyDictionary<Guid, int> UsageByDiscount)
{
    public static readonly PricingCustomer Guest = new(null, null, new HashSet<Guid>(), 0, new Dictionary<Guid, int>());
}

/// <summary>A code the shopper presented, as found in <c>promo_codes</c>.</summary>
public sealed record PresentedCode(
    string Code, Guid PromoCodeId, Guid DiscountId, bool IsShared, bool IsDisabled, int UsageCount, Guid? AssignedCustomerId);
