using System.Net;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;

namespace Allnimall.Marketing.Tests.Api.Identity;

public sealed class AdminPagesAccessTests(AdminPagesAccessTests.App app) : IClassFixture<AdminPagesAccessTests.App>
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/settings/users", "Search by email or name")]
    [InlineData("/settings/roles", "users.manage")]
    [InlineData("/settings/subscription", "Usage this month")]
    public async Task Admins_get_the_admin_pages(string path, string expected)
    {
        var admin = await app.CreateClientAsAsync(Roles.Admin);

        var response = await admin.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("/settings/users", Roles.Marketer)]
    [InlineData("/settings/roles", Roles.Marketer)]
    [InlineData("/settings/users", Roles.StoreOwner)]
    [InlineData("/settings/subscription", Roles.StoreOwner)]
    public async Task Other_roles_are_sent_to_access_denied(string path, string role)
    {
        var client = await app.CreateClientAsAsync(role);

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location?.AbsolutePath);
    }
}
