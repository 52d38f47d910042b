using Allnimall.Marketing.Core.Discounts;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>A promo code of the demo store and the discount it gives.</summary>
internal sealed record DemoPromoCode(
    string Code, DiscountType Type, decimal Value, decimal? MinimumPurchase = null, decimal? MaximumDiscount = null)
{
    /// <summary>The discount on a subtotal, or null when the order does not qualify.</summary>
    public decimal? DiscountFor(decimal subtotal)
    {
        if (subtotal < (MinimumPurchase ?? 0)) return null;
        var discount = Type == DiscountType.Percentage ? DemoRandom.RoundDownTo500(subtotal * Value / 100m) : Value;
        if (MaximumDiscount is { } cap && discount > cap) discount = cap;
        return discount > subtotal ? subtotal : discount;
    }
}
