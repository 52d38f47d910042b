namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>An order with its items. Re-sending an order replaces its items.</summary>
public sealed record OrderIngestRow
{
    public string? ExternalId { get; init; }
    public string? CustomerExternalId { get; init; }
    public DateTime? PlacedAt { get; init; }
    public string? Status { get; init; }
    public decimal? Subtotal { get; init; }
    public decimal? Discount { get; init; }
    public decimal? Total { get; init; }
    public string? PromoCode { get; init; }
    public string? Channel { get; init; }
    public IReadOnlyList<OrderItemIngestRow?>? Items { get; init; }
}
