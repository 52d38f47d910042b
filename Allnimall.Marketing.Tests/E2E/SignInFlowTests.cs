using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class SignInFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Demo_marketer_signs_in_and_sees_the_overview_with_navigation()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(DemoAccounts.All.Single(a => a.Role == Roles.Marketer).Email, DemoAccounts.Password);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true })).ToBeVisibleAsync();
        // A marketer has no settings permission: the settings links are not offered.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);
    }
}
