namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>One line of an order. Without <see cref="LineTotal"/> it is quantity × unit price.</summary>
public sealed record OrderItemIngestRow
{
    public string? ProductExternalId { get; init; }
    public int? Quantity { get; init; }
    public decimal? UnitPrice { get; init; }
    public decimal? LineTotal { get; init; }
}
