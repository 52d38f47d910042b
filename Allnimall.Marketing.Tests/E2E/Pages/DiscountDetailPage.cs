using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E.Pages;

/// <summary>A discount's page (/discounts/{id}): status and actions, redemptions, promo codes and their generator.</summary>
public sealed class DiscountDetailPage(IPage page)
{
    public ILocator Status => page.GetByTestId("discount-status");
    public ILocator Progress => page.Locator("[data-testid=code-progress]").First;
    public ILocator CodeRows => page.GetByTestId("code-row");

    public Task ActivateAsync() => page.GetByTestId("discount-action-activate").ClickAsync();

    public Task OpenCodesAsync() => page.GetByRole(AriaRole.Tab, new() { Name = "Promo codes" }).ClickAsync();

    /// <summary>Opens the generator dialog, asks for <paramref name="count"/> codes with the prefix and starts it.</summary>
    public async Task GenerateCodesAsync(int count, string prefix)
    {
        await page.GetByTestId("codes-open-generator").ClickAsync();
        await page.Locator("#codes-count").FillAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#codes-prefix").FillAsync(prefix);
        await page.GetByTestId("codes-generate").ClickAsync();
    }

    /// <summary>Clicks "Export CSV" and returns the downloaded file's text.</summary>
    public async Task<string> ExportCsvAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("codes-export").ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    public Task CloseGeneratorAsync() => page.GetByTestId("codes-close").ClickAsync();
}
