using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E.Pages;

/// <summary>The cart simulator (/discounts/simulator).</summary>
public sealed class DiscountSimulatorPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/discounts/simulator");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
    }

    /// <summary>Searches the catalogue and picks the product, which adds a cart line at its price.</summary>
    public async Task AddProductAsync(string name)
    {
        await page.Locator("#sim-product").FillAsync(name);
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = name }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("sim-line").Filter(new() { HasText = name })).ToBeVisibleAsync();
    }

    public Task CodesAsync(string codes) => page.Locator("#sim-codes").FillAsync(codes);

    public Task EvaluateAsync() => page.GetByTestId("sim-evaluate").ClickAsync();

    public ILocator Outcome(string code) => page.Locator($"[data-testid=sim-code-outcome][data-code='{code}']");

    public ILocator TotalDiscount => page.GetByTestId("sim-total-discount");
}
