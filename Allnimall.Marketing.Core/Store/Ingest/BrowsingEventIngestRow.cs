namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>A customer viewed a product or a category page (at least one of the two).</summary>
public sealed record BrowsingEventIngestRow
{
    public string? ExternalId { get; init; }
    public string? CustomerExternalId { get; init; }
    public string? ProductExternalId { get; init; }
    public string? CategoryExternalId { get; init; }
    public DateTime? ViewedAt { get; init; }
}
