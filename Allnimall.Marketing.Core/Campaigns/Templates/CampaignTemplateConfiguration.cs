using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Campaigns.Templates;

internal sealed class CampaignTemplateConfiguration : IEntityTypeConfiguration<CampaignTemplate>
{
    public void Configure(EntityTypeBuilder<CampaignTemplate> b)
    {
        b.ToTable("campaign_templates");
        b.Property(t => t.Key).HasMaxLength(50);
        b.Property(t => t.Name).HasMaxLength(255);
        b.Property(t => t.Description).HasMaxLength(2000);
        b.Property(t => t.CampaignType).AsSnakeCaseString(50);
        b.Property(t => t.Subject).HasMaxLength(255);
        b.Property(t => t.SmsMessage).HasMaxLength(1600);
        b.Property(t => t.EmailEditorMode).AsSnakeCaseString(10);
        b.Property(t => t.SocialContent).HasMaxLength(5000);
        b.PrimitiveCollection(t => t.SocialPlatforms).ElementType().HasConversion(new SnakeCaseEnumConverter<SocialPlatform>());
        b.PrimitiveCollection(t => t.IncludeSegmentNames);
        b.PrimitiveCollection(t => t.ExcludeSegmentNames);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        // Unique per built-in key: two instances seeding at once cannot both insert "welcome".
        b.HasIndex(t => t.Key).IsUnique();
        b.HasIndex(t => t.Name);
    }
}
