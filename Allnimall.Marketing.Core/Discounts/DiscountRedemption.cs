namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// One discount given on one order. Unique per (discount, order id), which makes redeeming idempotent; a voided
/// redemption (cancelled or refunded order) keeps its row and gives the use back.
/// </summary>
public class DiscountRedemption
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DiscountCampaignId { get; set; }
    /// <summary>The store's order id (the same external id order ingest uses).</summary>
    public required string OrderId { get; set; }
    public Guid? PromoCodeId { get; set; }
    public string? Code { get; set; }
    /// <summary>The store's customer id; per-customer limits count by it.</summary>
    public string? CustomerKey { get; set; }
    /// <summary>The customer, when the store has already sent them to us.</summary>
    public Guid? CustomerId { get; set; }
    public decimal Amount { get; set; }
    /// <summary>The order's total after all discounts: the revenue this redemption is credited with.</summary>
    public decimal OrderRevenue { get; set; }
    /// <summary>A unique code redeemed by a customer other than the one it was assigned to (a leaked code).</summary>
    public bool IsLeak { get; set; }
    public DateTime RedeemedAt { get; set; }
    public DateTime? VoidedAt { get; set; }
}
