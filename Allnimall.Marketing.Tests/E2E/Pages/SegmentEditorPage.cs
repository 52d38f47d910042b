using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E.Pages;

/// <summary>The segment grid and the segment editor (rule builder with live preview).</summary>
public sealed partial class SegmentEditorPage(IPage page)
{
    public async Task OpenListFromNavigationAsync()
    {
        // The drawer's link: on a segment's own page the breadcrumb links to the list as well.
        await page.GetByRole(AriaRole.Complementary).GetByRole(AriaRole.Link, new() { Name = "Segments", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Segments", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
    }

    public async Task StartNewSegmentAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New segment", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New segment", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.WaitUntilInteractiveAsync(page);
    }

    public Task SetNameAsync(string name) => page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);

    /// <summary>A condition row of the rule builder, by its accessible name ("Condition 1", "Condition 2.1"…).</summary>
    public ILocator Condition(string name) => page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });

    public async Task ChooseAsync(ILocator scope, string select, string option)
    {
        await scope.GetByRole(AriaRole.Combobox, new() { Name = select, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>Ticks options of a multi-select, then closes its list.</summary>
    public async Task PickAsync(ILocator scope, string select, params string[] options)
    {
        await scope.GetByRole(AriaRole.Combobox, new() { Name = select, Exact = true }).ClickAsync();
        foreach (var option in options) await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
    }

    /// <summary>The live preview's matching count ("2 customers").</summary>
    public ILocator PreviewCount => page.Locator("[data-preview-count]");

    public ILocator PreviewSummary => page.Locator("[data-preview-summary]");

    public async Task CreateAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Create segment", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(DetailUrl());
    }

    public ILocator Row(string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    [GeneratedRegex(@"/segments/[0-9a-f-]{36}$")]
    private static partial Regex DetailUrl();
}
