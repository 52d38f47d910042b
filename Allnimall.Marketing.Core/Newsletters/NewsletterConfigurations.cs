using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Newsletters;

internal sealed class NewsletterListConfiguration : IEntityTypeConfiguration<NewsletterList>
{
    public void Configure(EntityTypeBuilder<NewsletterList> b)
    {
        b.ToTable("newsletter_lists");
        b.Property(l => l.Name).HasMaxLength(NewsletterListForm.MaxNameLength);
        b.Property(l => l.Description).HasMaxLength(NewsletterListForm.MaxDescriptionLength);
        b.Property(l => l.Slug).HasMaxLength(NewsletterListForm.MaxSlugLength);
        b.HasIndex(l => l.Slug).IsUnique();
    }
}

internal sealed class NewsletterSubscriptionConfiguration : IEntityTypeConfiguration<NewsletterSubscription>
{
    public void Configure(EntityTypeBuilder<NewsletterSubscription> b)
    {
        b.ToTable("newsletter_subscriptions");
        b.Property(s => s.Email).HasMaxLength(254);
        b.Property(s => s.Name).HasMaxLength(NewsletterService.MaxSubscriberNameLength);
        b.Property(s => s.Status).AsSnakeCaseString(20);
        b.Property(s => s.Source).HasMaxLength(200);
        b.Property(s => s.ConfirmedIp).HasMaxLength(45);
        b.Property(s => s.ConfirmedUserAgent).HasMaxLength(500);
        b.Property(s => s.UnsubscribeSource).HasMaxLength(200);
        b.HasOne<NewsletterList>().WithMany().HasForeignKey(s => s.ListId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.SetNull);
        // One row per list and address: a repeated sign-up updates it (no duplicate, no enumeration by error).
        b.HasIndex(s => new { s.ListId, s.Email }).IsUnique();
        // Counts per list and status, and an issue's audience (the list's subscribed rows), straight off this index.
        b.HasIndex(s => new { s.ListId, s.Status });
        b.HasIndex(s => s.Email);
        b.HasIndex(s => s.CustomerId);
    }
}
