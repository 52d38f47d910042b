namespace Allnimall.Marketing.Core.Store;

public class Product
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string ExternalId { get; set; }
    public required string Sku { get; set; }
    public required string Name { get; set; }
    public Guid? CategoryId { get; set; }
    public ProductCategory? Category { get; set; }
    public decimal Price { get; set; }
    public decimal? CostPrice { get; set; }
    public StockStatus StockStatus { get; set; } = StockStatus.InStock;
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum StockStatus { InStock, LowStock, OutOfStock, Discontinued }
