using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Newsletters;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Campaigns;

internal sealed class CampaignDeliveryConfiguration : IEntityTypeConfiguration<CampaignDelivery>
{
    public void Configure(EntityTypeBuilder<CampaignDelivery> b)
    {
        b.ToTable("campaign_deliveries");
        b.Property(d => d.Channel).AsSnakeCaseString(20);
        b.Property(d => d.Status).AsSnakeCaseString(20);
        b.Property(d => d.LastError).HasMaxLength(1000);
        b.Property(d => d.ProviderMessageId).HasMaxLength(200);
        b.Property(d => d.SkipReason).HasMaxLength(200);
        b.HasOne<Campaign>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        // NO ACTION: a second cascade path from the campaign (through its posts) is refused by SQL Server.
        b.HasOne<SocialCampaign>().WithMany().HasForeignKey(d => d.SocialCampaignId).OnDelete(DeleteBehavior.NoAction);
        // The second line of defence against a double launch: one row per recipient and channel (SQL Server filters
        // out NULL customers by itself; SQLite treats NULLs as distinct), and one per social post (a post belongs to one
        // campaign). The post index is partial on both providers, so customer deliveries do not pay for it at launch.
        b.HasIndex(d => new { d.CampaignId, d.CustomerId, d.Channel }).IsUnique();
        b.HasIndex(d => d.SocialCampaignId).IsUnique().HasFilter("social_campaign_id IS NOT NULL");
        // A newsletter issue: one delivery per subscription. NO ACTION: deleting a list unlinks its deliveries first
        // (NewsletterService.DeleteAsync), and SQL Server refuses a second cascade path into this table.
        b.HasOne<NewsletterSubscription>().WithMany().HasForeignKey(d => d.NewsletterSubscriptionId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(d => new { d.CampaignId, d.NewsletterSubscriptionId }).IsUnique().HasFilter("newsletter_subscription_id IS NOT NULL");
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasIndex(d => d.ClaimToken);
        b.HasIndex(d => d.CustomerId);
    }
}
