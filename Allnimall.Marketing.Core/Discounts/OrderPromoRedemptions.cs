using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// Brings ingested orders that carry a promo code into the redemption ledger, for stores whose checkout does not call
/// the redeem endpoint itself: an order with a code is redeemed (idempotent per order id, so an order the checkout
/// already redeemed, or one sent again, counts once), and a cancelled or refunded one gives its use back. The limits
/// are the redemption service's atomic ones; a code that no longer applies is logged and the order itself stays ingested.
/// </summary>
public sealed class OrderPromoRedemptions(
    IDbContextFactory<MarketingDbContext> dbFactory, DiscountRedemptionService redemptions, ILogger<OrderPromoRedemptions> logger)
{
    public async Task<int> SyncAsync(IReadOnlyCollection<string> orderExternalIds, CancellationToken ct = default)
    {
        if (orderExternalIds.Count == 0) return 0;
        var ids = orderExternalIds.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One query for the batch's orders with a code, their customers and their lines.
        var orders = await db.Orders.AsNoTracking()
            .Where(o => ids.Contains(o.ExternalId) && o.PromoCode != null && o.PromoCode != "")
            .Select(o => new
            {
                o.ExternalId, o.Status, o.PromoCode, o.Total, o.Subtotal, o.Discount,
                Customer = o.Customer!.ExternalId,
                Lines = o.Items.Where(i => i.Product != null).Select(i => new CheckoutLine(
                    i.Product!.ExternalId, i.Product.Category == null ? null : i.Product.Category.ExternalId, i.Quantity, i.UnitPrice)).ToList(),
            })
            .ToListAsync(ct);
        var recorded = 0;
        foreach (var order in orders)
        {
            if (order.Status is OrderStatus.Cancelled or OrderStatus.Refunded)
            {
                await redemptions.VoidAsync(order.ExternalId, ct);
                continue;
            }
            if (order.Lines.Count == 0) continue;
            var shipping = Math.Max(0, order.Total - (order.Subtotal - order.Discount));
            var result = await redemptions.RedeemAsync(new RedeemRequest(order.ExternalId,
                new CheckoutCart(order.Customer, order.Lines, shipping, [order.PromoCode!])), ct);
            if (result.Value is { AlreadyRedeemed: false, Redemptions.Count: > 0 }) recorded++;
            else if (result.Value is null)
                logger.LogInformation("Order {OrderId}'s promo code {Code} was not redeemed: {Errors}", order.ExternalId, order.PromoCode,
                    string.Join(" ", result.Errors.Values.SelectMany(v => v)));
        }
        return recorded;
    }
}
