using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Integration.Identity;

public sealed class FirstRunSetupServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase database = default!;
    private ServiceProvider services = default!;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        services = await IdentityTestServices.CreateAsync(database);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    private static FirstAdminForm Form(string email, string password = "Correct-Horse-42") =>
        new() { Email = email, DisplayName = "First Admin", Password = password, ConfirmPassword = password };

    [Fact]
    public async Task Creates_the_first_admin_then_closes_for_good()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var setupScope = services.CreateAsyncScope();
        var setup = setupScope.ServiceProvider.GetRequiredService<FirstRunSetupService>();
        Assert.True(await setup.IsOpenAsync(ct));

        var created = await setup.CreateFirstAdminAsync(Form("first@store.test"), ct);

        Assert.True(created.Succeeded);
        Assert.False(await setup.IsOpenAsync(ct));
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var admin = await users.FindByEmailAsync("first@store.test");
            Assert.NotNull(admin);
            Assert.Equal([Roles.Admin], await users.GetRolesAsync(admin));
            Assert.True(await users.CheckPasswordAsync(admin, "Correct-Horse-42"));
        }

        var again = await setup.CreateFirstAdminAsync(Form("second@store.test"), ct);
        Assert.Equal(UserAdminOutcome.Refused, again.Outcome);
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.Users.CountAsync(ct));
    }

    [Fact]
    public async Task Concurrent_first_admin_submissions_create_exactly_one_user()
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new TaskCompletionSource();
        var attempts = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var setup = scope.ServiceProvider.GetRequiredService<FirstRunSetupService>();
            await start.Task;
            return await setup.CreateFirstAdminAsync(Form($"racer{i}@store.test"), ct);
        }, ct)).ToList();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(UserAdminOutcome.Refused, r.Outcome));
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.Users.CountAsync(ct));
        Assert.Equal(1, await db.UserRoles.CountAsync(ct));
    }

    [Fact]
    public async Task A_password_shorter_than_the_policy_is_refused_on_the_password_field_and_nothing_is_written()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<FirstRunSetupService>();

        var result = await setup.CreateFirstAdminAsync(Form("first@store.test", "Short-1a"), ct);

        Assert.Equal(UserAdminOutcome.Invalid, result.Outcome);
        Assert.Contains(result.FieldErrors[nameof(FirstAdminForm.Password)], e => e.Contains("12"));
        Assert.True(await setup.IsOpenAsync(ct));
    }
}
