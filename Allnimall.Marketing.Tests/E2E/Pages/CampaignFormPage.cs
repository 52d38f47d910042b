using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E.Pages;

/// <summary>The campaign form (/campaigns/new, /campaigns/{id}/edit): template picker, fields, audience, preview, send test.</summary>
public sealed partial class CampaignFormPage(IPage page)
{
    public async Task OpenNewAsync()
    {
        await page.GotoAsync("/campaigns/new");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
    }

    /// <summary>Clicks "Use template" on a template's card (built-ins by key: "welcome", "flash-sale", …).</summary>
    public async Task UseTemplateAsync(string key)
    {
        await page.GetByTestId($"template-card-{key}").GetByTestId("use-template").ClickAsync();
        await Assertions.Expect(Name).ToBeVisibleAsync();
    }

    public ILocator Name => page.GetByTestId("campaign-name");
    public ILocator EmailSubject => page.GetByTestId("email-subject");
    public ILocator EmailContent => page.GetByTestId("email-content");
    public ILocator ReachableCount => page.GetByTestId("reachable-count");
    public ILocator PreviewFrame => page.GetByTestId("preview-frame");

    /// <summary>Ticks segments in "Include segments" (options read "Name (count)"), then closes the list.</summary>
    public async Task IncludeSegmentsAsync(params string[] options)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Include segments", Exact = true }).ClickAsync();
        foreach (var option in options) await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
    }

    public async Task SendTestAsync(string recipient)
    {
        var field = page.GetByTestId("send-test-recipient");
        await field.FillAsync(recipient);
        // Leaving the field commits its value to the circuit before the click is sent (the click cannot overtake it).
        await field.PressAsync("Tab");
        await page.GetByTestId("send-test").ClickAsync();
    }

    /// <summary>Saves and waits for the campaign's own page; returns its id.</summary>
    public async Task<Guid> SaveAsync()
    {
        await page.GetByTestId("save-campaign").ClickAsync();
        await page.WaitForURLAsync(DetailUrl());
        return Guid.Parse(page.Url[^36..]);
    }

    [GeneratedRegex(@"/campaigns/[0-9a-f-]{36}$")]
    private static partial Regex DetailUrl();
}
