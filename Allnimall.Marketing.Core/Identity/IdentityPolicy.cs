using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace Allnimall.Marketing.Core.Identity;

/// <summary>
/// Password, lockout and account rules, read from the <c>Identity</c> configuration section. The app and the tests
/// apply the same rules, so the admin-created-user and first-run paths are tested against the real policy.
/// </summary>
public static class IdentityPolicy
{
    public const int DefaultRequiredLength = 12;

    public static void Apply(IdentityOptions o, IConfiguration identity)
    {
        o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
        // Staff accounts are created by an admin (or the first-run setup), who vouches for the address.
        o.SignIn.RequireConfirmedAccount = false;
        o.User.RequireUniqueEmail = true;
        o.Password.RequiredLength = identity.GetValue("Password:RequiredLength", DefaultRequiredLength);
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.MaxFailedAccessAttempts = identity.GetValue("Lockout:MaxFailedAccessAttempts", 5);
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(identity.GetValue("Lockout:Minutes", 15));
        o.Lockout.AllowedForNewUsers = true;
    }
}
