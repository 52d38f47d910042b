using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Subscription;

internal sealed class AddonSubscriptionConfiguration : IEntityTypeConfiguration<AddonSubscription>
{
    public void Configure(EntityTypeBuilder<AddonSubscription> b)
    {
        b.ToTable("addon_subscriptions");
        b.Property(s => s.AddonCode).HasMaxLength(50);
        b.HasIndex(s => s.AddonCode).IsUnique();
        b.Property(s => s.Status).AsSnakeCaseString(16);
    }
}
