using Allnimall.Marketing.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Core.Identity;

/// <summary>
/// Staff accounts and the role × permission matrix. Writes go through Identity's managers (validators, security
/// stamps) in a fresh scope per operation, so a long-lived circuit never holds a stale context. Rules that keep the
/// system administrable (an active Admin always remains; Admin keeps users.manage and settings.manage) are checked
/// under an exclusive transaction.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>What "locked by an admin" stores: a lockout that does not end on its own.</summary>
    public static readonly DateTimeOffset LockedIndefinitely = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Permissions the Admin role cannot lose, so that someone can always manage users and settings.</summary>
    public static readonly IReadOnlyList<string> AdminEssentials = [Permissions.UsersManage, Permissions.SettingsManage];

    public const string LastAdminMessage = "At least one active Admin must remain. Make another user an Admin first.";
    public const string SelfLockMessage = "You cannot lock your own account.";

    public async Task<UserListPage> ListAsync(UserListQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = $"%{EscapeLike(query.Search.Trim())}%";
            users = users.Where(u => EF.Functions.Like(u.Email!, pattern, "\\") || EF.Functions.Like(u.DisplayName!, pattern, "\\"));
        }

        var total = await users.CountAsync(ct);
        var rows = await Sort(users, query.SortBy, query.Descending)
            .Skip(Math.Max(query.Page, 0) * Math.Clamp(query.PageSize, 1, 200))
            .Take(Math.Clamp(query.PageSize, 1, 200))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.CreatedAt, u.LockoutEnd, u.AccessFailedCount })
            .ToListAsync(ct);

        var ids = rows.Select(r => r.Id).ToList();
        var roles = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name!);

        var now = clock.GetUtcNow();
        var items = rows.Select(r => new UserListItem(r.Id, r.Email ?? "", r.DisplayName, roles[r.Id].Order().ToList(),
            r.CreatedAt, r.LockoutEnd > now, r.LockoutEnd, r.AccessFailedCount)).ToList();
        return new UserListPage(items, total);
    }

    public async Task<UserAdminResult> CreateAsync(NewUserForm form, CancellationToken ct = default)
    {
        if (!Roles.All.Contains(form.Role)) return UserAdminResult.Invalid(nameof(NewUserForm.Role), "Choose one of the roles.");

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var result = await StaffAccounts.CreateAsync(
            users, form.Email, form.DisplayName, form.Password, form.Role, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded) await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Replaces the user's roles. Refused when it would leave no active Admin.</summary>
    public async Task<UserAdminResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var wanted = roles.Distinct().ToList();
        if (wanted.Count == 0) return UserAdminResult.Invalid("Roles", "A user needs at least one role.");
        if (wanted.Except(Roles.All).Any()) return UserAdminResult.Invalid("Roles", "Unknown role.");

        return await WithExclusiveUserAsync(userId, async (db, users, user) =>
        {
            var current = await users.GetRolesAsync(user);
            if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin) && !IsLocked(user)
                && await CountActiveAdminsAsync(db, ct) <= 1)
                return UserAdminResult.Refused(LastAdminMessage);

            var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
            if (!removed.Succeeded) return UserAdminResult.Invalid(removed.Errors);
            var added = await users.AddToRolesAsync(user, wanted.Except(current));
            return added.Succeeded ? UserAdminResult.Ok(user.Id) : UserAdminResult.Invalid(added.Errors);
        }, ct);
    }

    /// <summary>Locks the account until an admin unlocks it; its open sessions end at their next revalidation.</summary>
    public async Task<UserAdminResult> LockAsync(string userId, string actingUserId, CancellationToken ct = default)
    {
        if (userId == actingUserId) return UserAdminResult.Refused(SelfLockMessage);

        return await WithExclusiveUserAsync(userId, async (db, users, user) =>
        {
            if (!IsLocked(user) && await users.IsInRoleAsync(user, Roles.Admin) && await CountActiveAdminsAsync(db, ct) <= 1)
                return UserAdminResult.Refused(LastAdminMessage);

            await users.SetLockoutEnabledAsync(user, true);
            var locked = await users.SetLockoutEndDateAsync(user, LockedIndefinitely);
            if (!locked.Succeeded) return UserAdminResult.Invalid(locked.Errors);
            // A new security stamp makes the revalidating cookie and circuit drop the locked user's sessions.
            var stamped = await users.UpdateSecurityStampAsync(user);
            return stamped.Succeeded ? UserAdminResult.Ok(user.Id) : UserAdminResult.Invalid(stamped.Errors);
        }, ct);
    }

    public async Task<UserAdminResult> UnlockAsync(string userId, CancellationToken ct = default) =>
        await WithExclusiveUserAsync(userId, async (_, users, user) =>
        {
            var unlocked = await users.SetLockoutEndDateAsync(user, null);
            if (!unlocked.Succeeded) return UserAdminResult.Invalid(unlocked.Errors);
            var reset = await users.ResetAccessFailedCountAsync(user);
            return reset.Succeeded ? UserAdminResult.Ok(user.Id) : UserAdminResult.Invalid(reset.Errors);
        }, ct);

    public async Task<IReadOnlyList<RolePermissions>> GetPermissionMatrixAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roles = await db.Roles.AsNoTracking().Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        var granted = (await db.RoleClaims.AsNoTracking().Where(c => c.ClaimType == Permissions.ClaimType)
                .Select(c => new { c.RoleId, c.ClaimValue }).ToListAsync(ct))
            .ToLookup(c => c.RoleId, c => c.ClaimValue);
        return roles
            .OrderBy(r => RoleOrder(r.Name)).ThenBy(r => r.Name)
            .Select(r => new RolePermissions(r.Name!, Permissions.All.Where(p => granted[r.Id].Contains(p)).ToList()))
            .ToList();
    }

    /// <summary>
    /// Replaces the permission claims of the given roles in one transaction. The Admin role always keeps
    /// <see cref="AdminEssentials"/>. Changes reach a user's session at their next sign-in or revalidation.
    /// </summary>
    public async Task<UserAdminResult> SavePermissionMatrixAsync(IReadOnlyList<RolePermissions> matrix, CancellationToken ct = default)
    {
        var unknown = matrix.SelectMany(r => r.Permissions).Except(Permissions.All).ToList();
        if (unknown.Count > 0) return UserAdminResult.Invalid("", $"Unknown permission(s): {string.Join(", ", unknown)}");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = matrix.Select(r => r.Role).ToList();
        var roles = await db.Roles.Where(r => names.Contains(r.Name!)).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var missing = names.Except(roles.Keys).ToList();
        if (missing.Count > 0) return UserAdminResult.Invalid("", $"Unknown role(s): {string.Join(", ", missing)}");

        var roleIds = roles.Values.ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RoleClaims.Where(c => roleIds.Contains(c.RoleId) && c.ClaimType == Permissions.ClaimType).ExecuteDeleteAsync(ct);
        foreach (var row in matrix)
        {
            var granted = row.Role == Roles.Admin ? row.Permissions.Union(AdminEssentials) : row.Permissions;
            db.RoleClaims.AddRange(granted.Distinct().Select(p => new IdentityRoleClaim<string>
            {
                RoleId = roles[row.Role], ClaimType = Permissions.ClaimType, ClaimValue = p,
            }));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return UserAdminResult.Ok();
    }

    private async Task<UserAdminResult> WithExclusiveUserAsync(
        string userId, Func<MarketingDbContext, UserManager<ApplicationUser>, ApplicationUser, Task<UserAdminResult>> change,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await using var transaction = await ExclusiveIdentityTransaction.BeginAsync(db, ct);

        var user = await users.FindByIdAsync(userId);
        if (user is null) return UserAdminResult.NotFound();
        var result = await change(db, users, user);
        if (result.Succeeded) await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>Admins who can sign in. Lockout ends are compared here, not in SQL (SQLite cannot compare DateTimeOffset).</summary>
    private async Task<int> CountActiveAdminsAsync(MarketingDbContext db, CancellationToken ct)
    {
        var lockoutEnds = await db.UserRoles
            .Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users, id => id, u => u.Id, (_, u) => u.LockoutEnd)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return lockoutEnds.Count(end => end is null || end <= now);
    }

    /// <summary>Built-in roles first, in their declared order.</summary>
    private static int RoleOrder(string? role) => role is not null && Roles.All.Contains(role) ? Roles.All.ToList().IndexOf(role) : int.MaxValue;

    private bool IsLocked(ApplicationUser user) => user.LockoutEnd > clock.GetUtcNow();

    private static IQueryable<ApplicationUser> Sort(IQueryable<ApplicationUser> users, string? sortBy, bool descending) => sortBy switch
    {
        UserSortKeys.DisplayName => descending ? users.OrderByDescending(u => u.DisplayName) : users.OrderBy(u => u.DisplayName),
        UserSortKeys.CreatedAt => descending ? users.OrderByDescending(u => u.CreatedAt) : users.OrderBy(u => u.CreatedAt),
        _ => descending ? users.OrderByDescending(u => u.NormalizedEmail) : users.OrderBy(u => u.NormalizedEmail),
    };

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
