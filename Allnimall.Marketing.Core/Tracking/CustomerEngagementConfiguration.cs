using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Tracking;

internal sealed class CustomerEngagementConfiguration : IEntityTypeConfiguration<CustomerEngagement>
{
    public void Configure(EntityTypeBuilder<CustomerEngagement> b)
    {
        b.ToTable("customer_engagement");
        b.Property(e => e.EngagementType).HasMaxLength(50);
        b.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CustomerId, e.EngagementDate });
        b.HasIndex(e => new { e.CampaignId, e.EngagementType });
        b.Property(e => e.IsAutomated).HasDefaultValue(false);
        // No foreign key to the delivery: tracking rows outlive a deleted campaign's deliveries as plain history.
        b.HasIndex(e => new { e.DeliveryId, e.EngagementType });
    }
}
