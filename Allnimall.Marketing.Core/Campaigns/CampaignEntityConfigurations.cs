using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Campaigns;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> b)
    {
        b.ToTable("marketing_campaigns");
        b.Property(c => c.Name).HasMaxLength(255);
        b.Property(c => c.CampaignType).AsSnakeCaseString(50);
        b.Property(c => c.Status).AsSnakeCaseString(20);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        // No cascade (a discount's row already cascades from a campaign row: SQL Server refuses the cycle);
        // DiscountService.DeleteAsync unlinks the campaigns first.
        b.HasOne<DiscountCampaign>().WithMany().HasForeignKey(c => c.PromoDiscountId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(c => new { c.Status, c.StartDate });
        b.HasIndex(c => c.CreatedAt);
    }
}

internal sealed class CampaignPerformanceConfiguration : IEntityTypeConfiguration<CampaignPerformance>
{
    public void Configure(EntityTypeBuilder<CampaignPerformance> b)
    {
        b.ToTable("campaign_performance");
        b.Property(p => p.MetricName).HasMaxLength(100);
        b.Property(p => p.MetricValue).IsMoney();
        b.HasOne<Campaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.CampaignId, p.MetricDate, p.MetricName }).IsUnique();
    }
}

internal sealed class EmailCampaignConfiguration : IEntityTypeConfiguration<EmailCampaign>
{
    public void Configure(EntityTypeBuilder<EmailCampaign> b)
    {
        b.ToTable("email_campaigns");
        b.Property(e => e.Subject).HasMaxLength(255);
        b.Property(e => e.SenderName).HasMaxLength(255);
        b.Property(e => e.SenderEmail).HasMaxLength(255);
        b.Property(e => e.EditorMode).AsSnakeCaseString(10);
        b.Property(e => e.Preheader).HasMaxLength(255);
        b.HasOne<Campaign>().WithOne().HasForeignKey<EmailCampaign>(e => e.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SmsCampaignConfiguration : IEntityTypeConfiguration<SmsCampaign>
{
    public void Configure(EntityTypeBuilder<SmsCampaign> b)
    {
        b.ToTable("sms_campaigns");
        b.Property(s => s.SenderName).HasMaxLength(50);
        b.HasOne<Campaign>().WithOne().HasForeignKey<SmsCampaign>(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SocialCampaignConfiguration : IEntityTypeConfiguration<SocialCampaign>
{
    public void Configure(EntityTypeBuilder<SocialCampaign> b)
    {
        b.ToTable("social_campaigns");
        b.Property(s => s.Platform).AsSnakeCaseString(50);
        // A campaign may post to several platforms: one row per platform.
        b.HasOne<Campaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.CampaignId, s.Platform }).IsUnique();
    }
}
