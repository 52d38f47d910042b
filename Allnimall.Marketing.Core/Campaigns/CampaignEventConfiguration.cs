using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Campaigns;

internal sealed class CampaignEventConfiguration : IEntityTypeConfiguration<CampaignEvent>
{
    public void Configure(EntityTypeBuilder<CampaignEvent> b)
    {
        b.ToTable("campaign_events");
        b.Property(e => e.Action).AsSnakeCaseString(20);
        b.Property(e => e.FromStatus).AsSnakeCaseString(20);
        b.Property(e => e.ToStatus).AsSnakeCaseString(20);
        b.HasOne<Campaign>().WithMany().HasForeignKey(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
        // History outlives a removed account: the user id stays as text, the row is not deleted with the user.
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(e => new { e.CampaignId, e.At });
    }
}
