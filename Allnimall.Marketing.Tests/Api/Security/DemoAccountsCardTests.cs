using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;

namespace Allnimall.Marketing.Tests.Api.Security;

public sealed class DemoAccountsCardTests(DemoAccountsCardTests.App app) : IClassFixture<DemoAccountsCardTests.App>
{
    public sealed class App() : MarketingAppFactory(environment: "Development");

    [Fact]
    public async Task In_Development_the_login_page_lists_every_demo_account_and_the_shared_password()
    {
        var html = await app.CreateAnonymousClient().GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.Contains("Demo accounts", html);
        Assert.Contains(DemoAccounts.Password, html);
        Assert.All(DemoAccounts.All, account =>
        {
            Assert.Contains(account.Email, html);
            Assert.Contains(account.Role, html);
        });
    }
}
