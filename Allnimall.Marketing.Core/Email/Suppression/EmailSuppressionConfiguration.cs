using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Email.Suppression;

internal sealed class EmailSuppressionConfiguration : IEntityTypeConfiguration<EmailSuppression>
{
    public void Configure(EntityTypeBuilder<EmailSuppression> b)
    {
        b.ToTable("email_suppressions");
        b.Property(s => s.Email).HasMaxLength(EmailSuppressionService.MaxEmailLength).IsRequired();
        b.Property(s => s.Reason).AsSnakeCaseString(30);
        b.Property(s => s.Source).HasMaxLength(200);
        // One row per address: the database, not code, keeps a second suppression of the same address out.
        b.HasIndex(s => s.Email).IsUnique();
        b.HasIndex(s => s.CreatedAt);
    }
}
