namespace Allnimall.Marketing.Core.Store;

/// <summary>One of a customer's recent orders (any status). <see cref="ItemCount"/> is the number of units.</summary>
public sealed record CustomerOrderRow(
    Guid Id, string ExternalId, DateTime PlacedAt, OrderStatus Status, SalesChannel Channel, int ItemCount,
    decimal Discount, decimal Total, string? PromoCode);
