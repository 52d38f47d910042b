using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E.Pages;

public sealed class CustomersPage(IPage page)
{
    public async Task OpenFromNavigationAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
    }

    public async Task SearchAsync(string text)
    {
        await page.GetByLabel("Search").FillAsync(text);
    }

    public ILocator Row(string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

}
