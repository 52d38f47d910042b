using Allnimall.Marketing.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Core.Identity;

/// <summary>
/// First run outside Development: while no user exists, the first visitor of <c>/setup</c> creates the Admin account.
/// Once any user exists the setup is closed for good.
/// </summary>
public sealed class FirstRunSetupService(
    IServiceScopeFactory scopes, IDbContextFactory<MarketingDbContext> dbFactory, TimeProvider clock)
{
    public const string ClosedMessage = "Setup has already been completed.";

    public async Task<bool> IsOpenAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return !await db.Users.AnyAsync(ct);
    }

    /// <summary>
    /// Creates the Admin account if, and only if, no user exists. The check is repeated under an exclusive
    /// transaction, so two simultaneous submissions create one admin and the other is refused.
    /// </summary>
    public async Task<UserAdminResult> CreateFirstAdminAsync(FirstAdminForm form, CancellationToken ct = default)
    {
        if (!await IsOpenAsync(ct)) return UserAdminResult.Refused(ClosedMessage);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketingDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        await using var transaction = await ExclusiveIdentityTransaction.BeginAsync(db, ct);
        if (await db.Users.AnyAsync(ct)) return UserAdminResult.Refused(ClosedMessage);

        var result = await StaffAccounts.CreateAsync(
            users, form.Email, form.DisplayName, form.Password, Roles.Admin, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded) await transaction.CommitAsync(ct);
        return result;
    }
}
