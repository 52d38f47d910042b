namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>A product category; <see cref="ParentExternalId"/> may name a category of the same batch.</summary>
public sealed record CategoryIngestRow
{
    public string? ExternalId { get; init; }
    public string? Name { get; init; }
    public string? ParentExternalId { get; init; }
}
