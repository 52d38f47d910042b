using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Messaging;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(m => m.Channel).AsSnakeCaseString(20);
        b.Property(m => m.Recipient).HasMaxLength(255);
        b.Property(m => m.Subject).HasMaxLength(255);
        b.HasOne<CampaignDelivery>().WithOne().HasForeignKey<OutboxMessage>(m => m.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => m.DeliveryId).IsUnique();
        b.HasIndex(m => m.CreatedAt);
    }
}
