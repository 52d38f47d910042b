using Allnimall.Marketing.Core.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Tracking;

internal sealed class EmailLinkConfiguration : IEntityTypeConfiguration<EmailLink>
{
    public void Configure(EntityTypeBuilder<EmailLink> b)
    {
        b.ToTable("email_links");
        b.HasKey(l => new { l.DeliveryId, l.LinkIndex });
        b.Property(l => l.Url).HasMaxLength(2048);
        b.HasOne<CampaignDelivery>().WithMany().HasForeignKey(l => l.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}
