namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// A code for a discount: one shared code that many customers use, or one of many unique single-use codes (bulk
/// generated, optionally assigned to a customer or a campaign delivery).
/// </summary>
public class PromoCode
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DiscountCampaignId { get; set; }
    /// <summary>Stored upper-case; codes are matched case-insensitively by upper-casing the input.</summary>
    public required string Code { get; set; }
    public bool IsShared { get; set; }
    public Guid? AssignedCustomerId { get; set; }
    /// <summary>The campaign delivery that sent this code, when a message carried it.</summary>
    public Guid? CampaignDeliveryId { get; set; }
    /// <summary>Redemptions not voided. A unique code is used up at 1.</summary>
    public int UsageCount { get; set; }
    public DateTime? DisabledAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
