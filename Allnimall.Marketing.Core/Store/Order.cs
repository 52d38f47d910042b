namespace Allnimall.Marketing.Core.Store;

public class Order
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string ExternalId { get; set; }
    public Guid CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public DateTime PlacedAt { get; set; }
    public OrderStatus Status { get; set; } = OrderStatus.Completed;
    public decimal Subtotal { get; set; }
    public decimal Discount { get; set; }
    public decimal Total { get; set; }
    public string? PromoCode { get; set; }
    public SalesChannel Channel { get; set; } = SalesChannel.Online;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<OrderItem> Items { get; set; } = [];
}

public enum OrderStatus { Pending, Paid, Shipped, Completed, Cancelled, Refunded }

public enum SalesChannel { Online, InStore, MobileApp, Marketplace }
