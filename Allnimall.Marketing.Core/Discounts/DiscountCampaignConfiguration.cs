using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Discounts;

internal sealed class DiscountCampaignConfiguration : IEntityTypeConfiguration<DiscountCampaign>
{
    public void Configure(EntityTypeBuilder<DiscountCampaign> b)
    {
        b.ToTable("discount_campaigns");
        b.Property(d => d.DiscountType).AsSnakeCaseString(50);
        // Rows from before discount methods existed were code discounts. The sentinel is a value no discount has, so EF
        // always writes the method and the default only fills existing rows when the column is added.
        b.Property(d => d.Method).AsSnakeCaseString(16).HasDefaultValue(DiscountMethod.Code).HasSentinel((DiscountMethod)(-1));
        b.Property(d => d.DiscountValue).HasPrecision(10, 2);
        b.Property(d => d.GetPercentOff).HasPrecision(5, 2);
        b.Property(d => d.MinimumPurchase).HasPrecision(10, 2);
        b.Property(d => d.MaximumDiscount).HasPrecision(10, 2);
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasOne<Campaign>().WithMany().HasForeignKey(d => d.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.CampaignId).IsUnique();
    }
}

internal sealed class PromoCodeConfiguration : IEntityTypeConfiguration<PromoCode>
{
    public void Configure(EntityTypeBuilder<PromoCode> b)
    {
        b.ToTable("promo_codes");
        b.Property(c => c.Code).HasMaxLength(PromoCodeGenerator.MaxCodeLength);
        // Codes are unique across all discounts: a code names one discount at checkout.
        b.HasIndex(c => c.Code).IsUnique();
        b.HasOne<DiscountCampaign>().WithMany().HasForeignKey(c => c.DiscountCampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.AssignedCustomerId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(c => new { c.DiscountCampaignId, c.Id });
        // Most codes are never assigned: a filtered index skips them, which keeps bulk generation to four index writes a row.
        b.HasIndex(c => c.AssignedCustomerId).HasFilter("assigned_customer_id IS NOT NULL");
        // A delivery carries at most one code; the dispatcher finds it by this index when it loads a batch.
        b.HasIndex(c => c.CampaignDeliveryId).IsUnique().HasFilter("campaign_delivery_id IS NOT NULL");
    }
}

internal sealed class DiscountRedemptionConfiguration : IEntityTypeConfiguration<DiscountRedemption>
{
    public void Configure(EntityTypeBuilder<DiscountRedemption> b)
    {
        b.ToTable("discount_redemptions");
        b.Property(r => r.OrderId).HasMaxLength(100);
        b.Property(r => r.Code).HasMaxLength(PromoCodeGenerator.MaxCodeLength);
        b.Property(r => r.CustomerKey).HasMaxLength(100);
        b.Property(r => r.Amount).IsMoney();
        b.Property(r => r.OrderRevenue).IsMoney();
        b.HasOne<DiscountCampaign>().WithMany().HasForeignKey(r => r.DiscountCampaignId).OnDelete(DeleteBehavior.Cascade);
        // No cascade from codes: the discount's cascade removes both, and SQL Server refuses two cascade paths.
        b.HasOne<PromoCode>().WithMany().HasForeignKey(r => r.PromoCodeId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => new { r.DiscountCampaignId, r.OrderId }).IsUnique();
        b.HasIndex(r => r.OrderId);
        b.HasIndex(r => r.PromoCodeId);
        b.HasIndex(r => r.CustomerId);
    }
}

internal sealed class DiscountCustomerUsageConfiguration : IEntityTypeConfiguration<DiscountCustomerUsage>
{
    public void Configure(EntityTypeBuilder<DiscountCustomerUsage> b)
    {
        b.ToTable("discount_customer_usages");
        b.Property(u => u.CustomerKey).HasMaxLength(100);
        b.HasOne<DiscountCampaign>().WithMany().HasForeignKey(u => u.DiscountCampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(u => new { u.DiscountCampaignId, u.CustomerKey }).IsUnique();
    }
}
