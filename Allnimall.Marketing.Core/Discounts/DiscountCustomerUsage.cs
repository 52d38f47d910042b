namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// How often one customer has used one discount. A counter row, so that the per-customer limit is enforced by the
/// same kind of conditional UPDATE as the total limit, atomically under concurrent checkouts.
/// </summary>
public class DiscountCustomerUsage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DiscountCampaignId { get; set; }
    public required string CustomerKey { get; set; }
    public int UsageCount { get; set; }
}
