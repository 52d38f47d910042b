using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Identity;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("api_keys");
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Prefix).HasMaxLength(32);
        b.HasIndex(k => k.Prefix).IsUnique();
        b.Property(k => k.KeyHash).HasMaxLength(64);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(k => k.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(k => k.IsActive);
    }
}
