using Microsoft.AspNetCore.Identity;

namespace Allnimall.Marketing.Core.Identity;

/// <summary>
/// Creating a staff account, shared by the first-run setup and user administration: through Identity's manager (so its
/// validators and password rules apply), with a confirmed email (staff are created by an admin or the installer, not
/// by self sign-up) and one role. The caller owns the transaction and commits it only on success.
/// </summary>
internal static class StaffAccounts
{
    public static async Task<UserAdminResult> CreateAsync(
        UserManager<ApplicationUser> users, string email, string displayName, string password, string role, DateTime createdAt)
    {
        var trimmed = email.Trim();
        var user = new ApplicationUser
        {
            UserName = trimmed, Email = trimmed, EmailConfirmed = true, DisplayName = displayName.Trim(), CreatedAt = createdAt,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return UserAdminResult.Invalid(created.Errors);
        var assigned = await users.AddToRoleAsync(user, role);
        return assigned.Succeeded ? UserAdminResult.Ok(user.Id) : UserAdminResult.Invalid(assigned.Errors);
    }
}
