using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Integration.Identity;

public sealed class UserAdminServiceTests : IAsyncLifetime
{
    private const string Password = "Correct-Horse-42";
    private SqliteTestDatabase database = default!;
    private ServiceProvider services = default!;
    private AsyncServiceScope scope;
    private UserAdminService admin = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        services = await IdentityTestServices.CreateAsync(database);
        scope = services.CreateAsyncScope();
        admin = scope.ServiceProvider.GetRequiredService<UserAdminService>();
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task<string> CreateAsync(string email, string role)
    {
        var result = await admin.CreateAsync(new NewUserForm { Email = email, DisplayName = email.Split('@')[0], Role = role, Password = Password }, Ct);
        Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.SelectMany(e => e.Value)));
        return result.UserId!;
    }

    private async Task<UserListItem> FindAsync(string email) =>
        (await admin.ListAsync(new UserListQuery(Search: email), Ct)).Items.Single();

    [Fact]
    public async Task Creates_a_user_with_the_chosen_role_who_can_sign_in()
    {
        await CreateAsync("maya@store.test", Roles.Marketer);

        var listed = await FindAsync("maya@store.test");
        Assert.Equal([Roles.Marketer], listed.Roles);
        Assert.False(listed.IsLocked);
        await using var check = services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("maya@store.test"))!, Password));
    }

    [Fact]
    public async Task Refuses_a_password_shorter_than_the_policy_and_writes_nothing()
    {
        var result = await admin.CreateAsync(
            new NewUserForm { Email = "short@store.test", DisplayName = "Short", Role = Roles.Marketer, Password = "Abcdefgh1" }, Ct);

        Assert.Equal(UserAdminOutcome.Invalid, result.Outcome);
        Assert.Contains(result.FieldErrors[nameof(NewUserForm.Password)], e => e.Contains("12"));
        Assert.Equal(0, (await admin.ListAsync(new UserListQuery(Search: "short@"), Ct)).TotalCount);
    }

    [Fact]
    public async Task Refuses_a_duplicate_email_on_the_email_field()
    {
        await CreateAsync("dup@store.test", Roles.Marketer);
        var result = await admin.CreateAsync(
            new NewUserForm { Email = "DUP@store.test", DisplayName = "Again", Role = Roles.StoreOwner, Password = Password }, Ct);

        Assert.Equal(UserAdminOutcome.Invalid, result.Outcome);
        Assert.True(result.FieldErrors.ContainsKey(nameof(NewUserForm.Email)));
    }

    [Fact]
    public async Task Locks_and_unlocks_an_account()
    {
        var adminId = await CreateAsync("boss@store.test", Roles.Admin);
        var userId = await CreateAsync("owner@store.test", Roles.StoreOwner);

        Assert.True((await admin.LockAsync(userId, adminId, Ct)).Succeeded);
        Assert.True((await FindAsync("owner@store.test")).IsLocked);
        await using (var check = services.CreateAsyncScope())
        {
            var users = check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(userId))!));
        }

        Assert.True((await admin.UnlockAsync(userId, Ct)).Succeeded);
        Assert.False((await FindAsync("owner@store.test")).IsLocked);
    }

    [Fact]
    public async Task An_admin_cannot_lock_their_own_account()
    {
        var adminId = await CreateAsync("boss@store.test", Roles.Admin);
        await CreateAsync("other-admin@store.test", Roles.Admin);

        var result = await admin.LockAsync(adminId, adminId, Ct);

        Assert.Equal(UserAdminOutcome.Refused, result.Outcome);
        Assert.False((await FindAsync("boss@store.test")).IsLocked);
    }

    [Fact]
    public async Task The_last_active_admin_can_be_neither_demoted_nor_locked()
    {
        var adminId = await CreateAsync("boss@store.test", Roles.Admin);
        var managerId = await CreateAsync("manager@store.test", Roles.Marketer);

        var demoted = await admin.SetRolesAsync(adminId, [Roles.Marketer], Ct);
        var locked = await admin.LockAsync(adminId, managerId, Ct);

        Assert.Equal(UserAdminOutcome.Refused, demoted.Outcome);
        Assert.Equal(UserAdminService.LastAdminMessage, demoted.Message);
        Assert.Equal(UserAdminOutcome.Refused, locked.Outcome);
        var listed = await FindAsync("boss@store.test");
        Assert.Equal([Roles.Admin], listed.Roles);
        Assert.False(listed.IsLocked);
    }

    [Fact]
    public async Task An_admin_can_be_demoted_while_another_active_admin_remains_but_a_locked_one_does_not_count()
    {
        var firstId = await CreateAsync("first@store.test", Roles.Admin);
        var secondId = await CreateAsync("second@store.test", Roles.Admin);

        Assert.True((await admin.LockAsync(secondId, firstId, Ct)).Succeeded);
        Assert.Equal(UserAdminOutcome.Refused, (await admin.SetRolesAsync(firstId, [Roles.Marketer], Ct)).Outcome);

        Assert.True((await admin.UnlockAsync(secondId, Ct)).Succeeded);
        Assert.True((await admin.SetRolesAsync(firstId, [Roles.Marketer, Roles.StoreOwner], Ct)).Succeeded);
        Assert.Equal([Roles.Marketer, Roles.StoreOwner], (await FindAsync("first@store.test")).Roles);
    }

    [Fact]
    public async Task Saving_the_matrix_replaces_permissions_and_admin_keeps_its_essentials()
    {
        var saved = await admin.SavePermissionMatrixAsync(
        [
            new RolePermissions(Roles.Admin, [Permissions.AnalyticsView]),
            new RolePermissions(Roles.Marketer, [Permissions.CampaignsView, Permissions.CustomersView]),
        ], Ct);

        Assert.True(saved.Succeeded);
        var matrix = (await admin.GetPermissionMatrixAsync(Ct)).ToDictionary(r => r.Role, r => r.Permissions);
        Assert.Equal([Permissions.AnalyticsView, Permissions.SettingsManage, Permissions.UsersManage], matrix[Roles.Admin].Order());
        Assert.Equal([Permissions.CampaignsView, Permissions.CustomersView], matrix[Roles.Marketer].Order());
        // A role left out of the save is untouched.
        Assert.Equal(Permissions.DefaultsFor(Roles.StoreOwner).Order(), matrix[Roles.StoreOwner].Order());
    }

    [Fact]
    public async Task Saving_an_unknown_permission_is_refused_and_changes_nothing()
    {
        var before = await admin.GetPermissionMatrixAsync(Ct);

        var result = await admin.SavePermissionMatrixAsync([new RolePermissions(Roles.Marketer, ["everything.delete"])], Ct);

        Assert.Equal(UserAdminOutcome.Invalid, result.Outcome);
        Assert.Equal(before.Select(r => (r.Role, string.Join(",", r.Permissions))),
            (await admin.GetPermissionMatrixAsync(Ct)).Select(r => (r.Role, string.Join(",", r.Permissions))));
    }

    [Fact]
    public async Task Lists_with_search_sort_and_paging()
    {
        foreach (var name in new[] { "alice", "bob", "carol", "dave", "erin" })
            await CreateAsync($"{name}@store.test", Roles.Marketer);
        await CreateAsync("al_ice@other.test", Roles.StoreOwner);

        var page = await admin.ListAsync(new UserListQuery(Page: 1, PageSize: 2, SortBy: UserSortKeys.Email), Ct);
        Assert.Equal(6, page.TotalCount);
        Assert.Equal(["bob@store.test", "carol@store.test"], page.Items.Select(u => u.Email));

        var descending = await admin.ListAsync(new UserListQuery(PageSize: 1, SortBy: UserSortKeys.Email, Descending: true), Ct);
        Assert.Equal("erin@store.test", descending.Items.Single().Email);

        // "_" is a literal, not a LIKE wildcard.
        var search = await admin.ListAsync(new UserListQuery(Search: "AL_"), Ct);
        Assert.Equal(["al_ice@other.test"], search.Items.Select(u => u.Email));
    }
}
