namespace Allnimall.Marketing.Core.Store;

/// <summary>A customer viewed a product or a category page in the store.</summary>
public class BrowsingEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string ExternalId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? ProductId { get; set; }
    public Product? Product { get; set; }
    public Guid? CategoryId { get; set; }
    public ProductCategory? Category { get; set; }
    public DateTime ViewedAt { get; set; }
}
