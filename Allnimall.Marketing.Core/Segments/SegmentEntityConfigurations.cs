using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Segments;

internal sealed class CustomerSegmentConfiguration : IEntityTypeConfiguration<CustomerSegment>
{
    public void Configure(EntityTypeBuilder<CustomerSegment> b)
    {
        b.ToTable("customer_segments");
        b.Property(s => s.Name).HasMaxLength(255);
        b.Property(s => s.SegmentType).AsSnakeCaseString(16);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.Name);
        b.HasIndex(s => new { s.IsActive, s.LastRefreshedAt });
    }
}

internal sealed class SegmentCustomerConfiguration : IEntityTypeConfiguration<SegmentCustomer>
{
    public void Configure(EntityTypeBuilder<SegmentCustomer> b)
    {
        b.ToTable("segment_customers");
        // Members are inserted in bulk by INSERT … SELECT with random ids: on SQL Server cluster by (segment, customer)
        // so the table stays ordered the way it is read, not by the random id.
        b.HasKey(m => m.Id).IsClustered(false);
        b.HasOne<CustomerSegment>().WithMany().HasForeignKey(m => m.SegmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.SegmentId, m.CustomerId }).IsUnique().IsClustered();
        b.HasIndex(m => m.CustomerId);
    }
}

internal sealed class SegmentRefreshConfiguration : IEntityTypeConfiguration<SegmentRefresh>
{
    public void Configure(EntityTypeBuilder<SegmentRefresh> b)
    {
        b.ToTable("segment_refreshes");
        b.Property(r => r.Trigger).AsSnakeCaseString(16);
        b.HasOne<CustomerSegment>().WithMany().HasForeignKey(r => r.SegmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.SegmentId, r.RefreshedAt });
    }
}
