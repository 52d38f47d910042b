using System.Net;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Security;

/// <summary>T33: lockout, one message for every sign-in failure, no account enumeration, password policy everywhere.</summary>
public sealed class LoginHardeningTests(LoginHardeningTests.App app) : IClassFixture<LoginHardeningTests.App>
{
    public sealed class App : MarketingAppFactory;

    private const string Password = "Correct-Horse-42";
    private const string InvalidLogin = "Error: Invalid login attempt.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> CreateUserAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAdminService>().CreateAsync(
            new NewUserForm { Email = email, DisplayName = "Test", Role = Roles.Marketer, Password = Password }, Ct);
        Assert.True(result.Succeeded);
        return result.UserId!;
    }

    /// <summary>The status and the page's error message, which is what a visitor can compare.</summary>
    private async Task<(HttpStatusCode Status, string? Message)> LoginAsync(string email, string password)
    {
        var response = await MarketingAppFactory.PostLoginAsync(app.CreateAnonymousClient(), email, password);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var alert = Regex.Match(html, "<div class=\"alert alert-danger\" role=\"alert\">\\s*([^<]+?)\\s*</div>");
        return (response.StatusCode, alert.Success ? WebUtility.HtmlDecode(alert.Groups[1].Value) : null);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_then_gets_the_same_refusal()
    {
        var userId = await CreateUserAsync("locked@store.test");

        for (var i = 0; i < 5; i++)
            Assert.Equal((HttpStatusCode.OK, InvalidLogin), await LoginAsync("locked@store.test", "Wrong-Password-99"));
        var withRightPassword = await LoginAsync("locked@store.test", Password);

        Assert.Equal((HttpStatusCode.OK, InvalidLogin), withRightPassword);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        Assert.True(user!.LockoutEnd >= DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task An_unknown_user_and_a_wrong_password_get_the_same_response()
    {
        await CreateUserAsync("known@store.test");

        var unknown = await LoginAsync("nobody@store.test", "Wrong-Password-99");
        var wrongPassword = await LoginAsync("known@store.test", "Wrong-Password-99");

        Assert.Equal((HttpStatusCode.OK, InvalidLogin), unknown);
        Assert.Equal(unknown, wrongPassword);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_existing_and_unknown_addresses()
    {
        await CreateUserAsync("forgetful@store.test");

        async Task<(HttpStatusCode, string?, string)> RequestResetAsync(string email)
        {
            var client = app.CreateAnonymousClient();
            var token = await MarketingAppFactory.GetAntiforgeryTokenAsync(client, "/Account/ForgotPassword");
            var response = await client.PostAsync("/Account/ForgotPassword", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["_handler"] = "forgot-password", ["Input.Email"] = email,
            }), Ct);
            // The page echoes the typed address and carries fresh encrypted tokens (data-protection payloads start
            // with CfDJ8); everything else must be identical.
            var body = Regex.Replace(await response.Content.ReadAsStringAsync(Ct), "value=\"[^\"]*\"", "value=\"\"");
            body = Regex.Replace(body, "CfDJ8[^<\"\\s]*", "protected");
            return (response.StatusCode, response.Headers.Location?.AbsolutePath, body);
        }

        var existing = await RequestResetAsync("forgetful@store.test");
        var unknown = await RequestResetAsync("stranger@store.test");

        Assert.Equal(HttpStatusCode.Redirect, existing.Item1);
        Assert.Equal("/Account/ForgotPasswordConfirmation", existing.Item2);
        Assert.Equal(existing, unknown);
    }

    [Fact]
    public async Task The_password_policy_applies_to_admin_created_users_and_to_resets()
    {
        var userId = await CreateUserAsync("policy@store.test");
        await using var scope = app.Services.CreateAsyncScope();

        var created = await scope.ServiceProvider.GetRequiredService<UserAdminService>().CreateAsync(
            new NewUserForm { Email = "weak@store.test", DisplayName = "Weak", Role = Roles.Marketer, Password = "Short-Pw-1" }, Ct);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "Short-Pw-1");

        Assert.Equal(UserAdminOutcome.Invalid, created.Outcome);
        Assert.True(created.FieldErrors.ContainsKey(nameof(NewUserForm.Password)));
        Assert.Contains(reset.Errors, e => e.Code == nameof(IdentityErrorDescriber.PasswordTooShort));
        Assert.Equal(12, users.Options.Password.RequiredLength);
    }

    [Fact]
    public async Task The_login_page_offers_no_self_registration_and_no_demo_accounts_outside_Development()
    {
        var html = await app.CreateAnonymousClient().GetStringAsync("/Account/Login", Ct);

        Assert.DoesNotContain("Account/Register", html);
        Assert.DoesNotContain(DemoAccounts.Password, html);
        Assert.DoesNotContain("Demo accounts", html);
        // Demo accounts exist in this test database, so the first-run link is not offered either.
        Assert.DoesNotContain("href=\"setup\"", html);
    }
}
