namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>A product; <see cref="CategoryExternalId"/> must name a category already ingested.</summary>
public sealed record ProductIngestRow
{
    public string? ExternalId { get; init; }
    public string? Sku { get; init; }
    public string? Name { get; init; }
    public string? CategoryExternalId { get; init; }
    public decimal? Price { get; init; }
    public decimal? CostPrice { get; init; }
    public string? StockStatus { get; init; }
    public bool? IsActive { get; init; }
}
