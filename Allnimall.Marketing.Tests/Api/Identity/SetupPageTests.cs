using System.Net;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Identity;

/// <summary>First run as in production: no account is seeded; /setup creates the one Admin, then answers 404.</summary>
public sealed class SetupPageTests(SetupPageTests.App app) : IClassFixture<SetupPageTests.App>
{
    public sealed class App : MarketingAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Demo:Accounts", "false");
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string token, string email, string password) =>
        await client.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "setup",
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Store Admin",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        }), Ct);

    private async Task<int> CountUsersAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        return await db.Users.CountAsync(Ct);
    }

    [Fact]
    public async Task The_first_visitor_creates_one_admin_even_when_two_submit_at_once_then_setup_is_gone()
    {
        Assert.Contains("href=\"setup\"", await app.CreateAnonymousClient().GetStringAsync("/Account/Login", Ct));

        // The policy applies: a short password is shown as an error and creates nothing.
        var first = app.CreateAnonymousClient();
        var weak = await SubmitAsync(first, await MarketingAppFactory.GetAntiforgeryTokenAsync(first, "/setup"), "weak@store.test", "Short-1a");
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("at least 12 characters", await weak.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await CountUsersAsync());

        // Two visitors load the form, then submit together.
        var clients = new[] { app.CreateAnonymousClient(), app.CreateAnonymousClient() };
        var tokens = await Task.WhenAll(clients.Select(c => MarketingAppFactory.GetAntiforgeryTokenAsync(c, "/setup")));
        var responses = await Task.WhenAll(clients.Select((c, i) => SubmitAsync(c, tokens[i], $"admin{i}@store.test", "Correct-Horse-42")));

        Assert.Equal(1, await CountUsersAsync());
        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal("/", winner.Headers.Location?.AbsolutePath);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.NotFound);

        // The winner is signed in as the Admin.
        var winnerClient = clients[Array.IndexOf(responses, winner)];
        Assert.Equal(HttpStatusCode.OK, (await winnerClient.GetAsync("/settings/users", Ct)).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = await scope.ServiceProvider.GetRequiredService<UserAdminService>().ListAsync(new UserListQuery(), Ct);
            Assert.Equal([Roles.Admin], Assert.Single(users.Items).Roles);
        }

        // From now on /setup does not exist, for GET and POST alike.
        var late = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.NotFound, (await late.GetAsync("/setup", Ct)).StatusCode);
        var loginToken = await MarketingAppFactory.GetAntiforgeryTokenAsync(late, "/Account/Login");
        Assert.Equal(HttpStatusCode.NotFound, (await SubmitAsync(late, loginToken, "late@store.test", "Correct-Horse-42")).StatusCode);
        Assert.Equal(1, await CountUsersAsync());
        Assert.DoesNotContain("href=\"setup\"", await late.GetStringAsync("/Account/Login", Ct));
    }
}
