using System.Net;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;

namespace Allnimall.Marketing.Tests.Api;

public sealed class SignInTests(SignInTests.App app) : IClassFixture<SignInTests.App>
{
    public sealed class App : MarketingAppFactory;

    [Fact]
    public async Task Anonymous_page_request_redirects_to_login()
    {
        var client = app.CreateAnonymousClient();
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Demo_marketer_signs_in_and_reaches_the_overview()
    {
        var client = await app.CreateClientAsAsync(Roles.Marketer);
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Overview", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
