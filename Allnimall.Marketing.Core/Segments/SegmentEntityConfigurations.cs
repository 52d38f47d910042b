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
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.Name);
    }
}

internal sealed class SegmentCustomerConfiguration : IEntityTypeConfiguration<SegmentCustomer>
{
    public void Configure(EntityTypeBuilder<SegmentCustomer> b)
    {
        b.ToTable("segment_customers");
        b.HasOne<CustomerSegment>().WithMany().HasForeignKey(m => m.SegmentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.SegmentId, m.CustomerId }).IsUnique();
        b.HasIndex(m => m.CustomerId);
    }
}
