using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E.Pages;

/// <summary>The discount form (/discounts/new, /discounts/{id}/edit).</summary>
public sealed partial class DiscountFormPage(IPage page)
{
    public async Task OpenNewAsync()
    {
        await page.GotoAsync("/discounts/new");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#discount-name")).ToBeVisibleAsync();
    }

    public ILocator Summary => page.GetByTestId("discount-summary");

    public Task NameAsync(string name) => page.Locator("#discount-name").FillAsync(name);

    public Task PercentAsync(decimal percent) => page.Locator("#discount-value").FillAsync(percent.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task MinimumPurchaseAsync(decimal amount) => page.Locator("#discount-min-purchase").FillAsync(amount.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task SharedCodeAsync(string code) => page.Locator("#discount-shared-code").FillAsync(code);

    /// <summary>Turns the "on" switch off, so the discount is saved paused.</summary>
    public async Task SwitchOffAsync()
    {
        await page.GetByText("On: applies within its window").ClickAsync();
        await Assertions.Expect(page.GetByText("Paused: never applies until resumed")).ToBeVisibleAsync();
    }

    /// <summary>Saves and waits for the discount's own page; returns its id.</summary>
    public async Task<Guid> SaveAsync()
    {
        await page.GetByTestId("save-discount").ClickAsync();
        await page.WaitForURLAsync(DetailUrl());
        return Guid.Parse(page.Url[^36..]);
    }

    [GeneratedRegex(@"/discounts/[0-9a-f-]{36}$")]
    private static partial Regex DetailUrl();
}
