using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Store;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("customers");
        b.Property(c => c.ExternalId).HasMaxLength(100);
        b.HasIndex(c => c.ExternalId).IsUnique();
        b.Property(c => c.FirstName).HasMaxLength(100);
        b.Property(c => c.LastName).HasMaxLength(100);
        b.Property(c => c.Email).HasMaxLength(256);
        b.Property(c => c.Phone).HasMaxLength(32);
        b.Property(c => c.Gender).AsSnakeCaseString(16);
        b.Property(c => c.City).HasMaxLength(100);
        b.Property(c => c.Region).HasMaxLength(100);
        b.Property(c => c.Country).HasMaxLength(100);
        b.Property(c => c.IncomeBand).AsSnakeCaseString(16);
        b.Property(c => c.EmailConsentSource).HasMaxLength(50);
        b.Property(c => c.SmsConsentSource).HasMaxLength(50);
        b.HasIndex(c => c.Email);
        b.HasIndex(c => c.Phone);
        b.HasIndex(c => new { c.LastName, c.FirstName });
        b.HasIndex(c => c.City);
        b.HasIndex(c => c.CreatedAt);
    }
}

internal sealed class ProductCategoryConfiguration : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> b)
    {
        b.ToTable("product_categories");
        b.Property(c => c.ExternalId).HasMaxLength(100);
        b.HasIndex(c => c.ExternalId).IsUnique();
        b.Property(c => c.Name).HasMaxLength(100);
        b.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.Property(p => p.ExternalId).HasMaxLength(100);
        b.HasIndex(p => p.ExternalId).IsUnique();
        b.Property(p => p.Sku).HasMaxLength(64);
        b.HasIndex(p => p.Sku);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Price).IsMoney();
        b.Property(p => p.CostPrice).IsMoney();
        b.Property(p => p.StockStatus).AsSnakeCaseString(16);
        b.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.Property(o => o.ExternalId).HasMaxLength(100);
        b.HasIndex(o => o.ExternalId).IsUnique();
        b.Property(o => o.Status).AsSnakeCaseString(16);
        b.Property(o => o.Subtotal).IsMoney();
        b.Property(o => o.Discount).IsMoney();
        b.Property(o => o.Total).IsMoney();
        b.Property(o => o.PromoCode).HasMaxLength(64);
        b.Property(o => o.Channel).AsSnakeCaseString(16);
        b.HasOne(o => o.Customer).WithMany(c => c.Orders).HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        // Covering: segment conditions and customer aggregates count and sum a customer's orders in a window by status,
        // and read all of it from the index without touching the table.
        b.HasIndex(o => new { o.CustomerId, o.PlacedAt, o.Status, o.Total });
        b.HasIndex(o => o.PlacedAt);
        b.HasIndex(o => o.PromoCode);
    }
}

internal sealed class OrderItemConfiguration : IEntityTypeConfiguration<OrderItem>
{
    public void Configure(EntityTypeBuilder<OrderItem> b)
    {
        b.ToTable("order_items");
        b.Property(i => i.UnitPrice).IsMoney();
        b.Property(i => i.LineTotal).IsMoney();
        b.HasOne(i => i.Product).WithMany().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.ProductId, i.OrderId });
    }
}

internal sealed class BrowsingEventConfiguration : IEntityTypeConfiguration<BrowsingEvent>
{
    public void Configure(EntityTypeBuilder<BrowsingEvent> b)
    {
        b.ToTable("browsing_events");
        b.Property(e => e.ExternalId).HasMaxLength(100);
        b.HasIndex(e => e.ExternalId).IsUnique();
        b.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Product).WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Category).WithMany().HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CustomerId, e.ViewedAt });
    }
}
