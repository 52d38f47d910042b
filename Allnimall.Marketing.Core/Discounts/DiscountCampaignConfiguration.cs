using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Discounts;

internal sealed class DiscountCampaignConfiguration : IEntityTypeConfiguration<DiscountCampaign>
{
    public void Configure(EntityTypeBuilder<DiscountCampaign> b)
    {
        b.ToTable("discount_campaigns");
        b.Property(d => d.DiscountType).AsSnakeCaseString(50);
        b.Property(d => d.DiscountValue).HasPrecision(10, 2);
        b.Property(d => d.MinimumPurchase).HasPrecision(10, 2);
        b.Property(d => d.MaximumDiscount).HasPrecision(10, 2);
        b.HasOne<Campaign>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.CampaignId);
    }
}
