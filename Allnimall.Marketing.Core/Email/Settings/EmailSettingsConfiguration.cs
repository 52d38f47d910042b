using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Email.Settings;

internal sealed class EmailSettingsConfiguration : IEntityTypeConfiguration<EmailSettings>
{
    public void Configure(EntityTypeBuilder<EmailSettings> b)
    {
        b.ToTable("email_settings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Transport).AsSnakeCaseString(16);
        b.Property(s => s.FromAddress).HasMaxLength(EmailSettingsForm.MaxAddressLength).IsRequired();
        b.Property(s => s.FromName).HasMaxLength(EmailSettingsForm.MaxNameLength);
        b.Property(s => s.SenderIdentities).HasMaxLength(8000).IsRequired();
        b.Property(s => s.SmtpHost).HasMaxLength(EmailSettingsForm.MaxHostLength);
        b.Property(s => s.SmtpTls).AsSnakeCaseString(16);
        b.Property(s => s.SmtpUser).HasMaxLength(EmailSettingsForm.MaxAddressLength);
        b.Property(s => s.StoreName).HasMaxLength(EmailSettingsForm.MaxNameLength).IsRequired();
        b.Property(s => s.StoreAddress).HasMaxLength(EmailSettingsForm.MaxStoreAddressLength);
        b.Property(s => s.StoreUrl).HasMaxLength(EmailSettingsForm.MaxStoreUrlLength);
        b.Property(s => s.DkimDomain).HasMaxLength(EmailSettingsForm.MaxHostLength);
        b.Property(s => s.DkimSelector).HasMaxLength(63);
        b.Property(s => s.BounceProtocol).AsSnakeCaseString(16);
        b.Property(s => s.BounceHost).HasMaxLength(EmailSettingsForm.MaxHostLength);
        b.Property(s => s.BounceTls).AsSnakeCaseString(16);
        b.Property(s => s.BounceUser).HasMaxLength(EmailSettingsForm.MaxAddressLength);
        b.Property(s => s.UpdatedBy).HasMaxLength(256);
    }
}
