using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Identity;

/// <summary>
/// Identity's string keys default to nvarchar(450), which makes composite keys such as AspNetUserRoles' exceed SQL
/// Server's 900-byte clustered key limit. Our ids are GUID strings (36 characters), so size them as such.
/// </summary>
internal static class IdentityKeyConfiguration
{
    public const int IdLength = 36;
    public const int ProviderKeyLength = 128;

    public static void ConfigureIdentityKeys(this ModelBuilder builder)
    {
        builder.Entity<ApplicationUser>().Property(u => u.Id).HasMaxLength(IdLength);
        builder.Entity<IdentityRole>().Property(r => r.Id).HasMaxLength(IdLength);
        builder.Entity<IdentityUserRole<string>>(b =>
        {
            b.Property(r => r.UserId).HasMaxLength(IdLength);
            b.Property(r => r.RoleId).HasMaxLength(IdLength);
        });
        builder.Entity<IdentityUserClaim<string>>().Property(c => c.UserId).HasMaxLength(IdLength);
        builder.Entity<IdentityRoleClaim<string>>().Property(c => c.RoleId).HasMaxLength(IdLength);
        builder.Entity<IdentityUserLogin<string>>(b =>
        {
            b.Property(l => l.UserId).HasMaxLength(IdLength);
            b.Property(l => l.LoginProvider).HasMaxLength(ProviderKeyLength);
            b.Property(l => l.ProviderKey).HasMaxLength(ProviderKeyLength);
        });
        builder.Entity<IdentityUserToken<string>>(b =>
        {
            b.Property(t => t.UserId).HasMaxLength(IdLength);
            b.Property(t => t.LoginProvider).HasMaxLength(ProviderKeyLength);
            b.Property(t => t.Name).HasMaxLength(ProviderKeyLength);
        });
        builder.Entity<IdentityUserPasskey<string>>(b =>
        {
            b.Property(p => p.UserId).HasMaxLength(IdLength);
            // WebAuthn credential ids may be up to 1,023 bytes: too long for a clustered key, fine for a nonclustered one.
            b.HasKey(p => p.CredentialId).IsClustered(false);
        });
    }
}
