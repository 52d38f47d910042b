using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E.Security;

/// <summary>
/// T34 in a real browser: signed-in pages load and work (the Blazor circuit connects, a dialog opens) with the CSP
/// enforced, and the browser reports no violation.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ContentSecurityPolicyTests(ContentSecurityPolicyTests.App app) : IClassFixture<ContentSecurityPolicyTests.App>
{
    private const string Chromium = "/usr/bin/chromium";

    // Development: plain http on loopback keeps the auth cookie (it is Secure-only elsewhere). The CSP is the same.
    public sealed class App() : MarketingAppFactory(kestrel: true, environment: "Development");

    [Fact]
    public async Task Signed_in_pages_work_without_any_csp_violation()
    {
        Assert.SkipUnless(File.Exists(Chromium), "Debian chromium is not installed");
        var baseUrl = app.ServerAddress.TrimEnd('/');
        var violations = new List<string>();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (violations) violations.Add(message.Text);
        };
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        await page.GotoAsync($"{baseUrl}/Account/Login");
        await page.GetByLabel("Email").FillAsync(DemoAccounts.All.Single(a => a.Role == Roles.Admin).Email);
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.GotoAsync($"{baseUrl}/settings/users");
        // The users grid's row (the header shows the signed-in address too).
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "admin@demo.allnimall.test", Exact = true })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // The prerendered button is inert until the circuit (a same-origin WebSocket) connects: retry the click.
        var dialog = page.GetByRole(AriaRole.Dialog);
        await RetryAsync(async () =>
        {
            if (await dialog.IsVisibleAsync()) return;
            await page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
            await Assertions.Expect(dialog.GetByLabel("Initial password")).ToBeVisibleAsync(new() { Timeout = 1_000 });
        });

        await dialog.GetByLabel("Email").FillAsync("new@store.test");
        await dialog.GetByLabel("Display name").FillAsync("New Person");
        await dialog.GetByLabel("Initial password").FillAsync("short");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        // Identity's password rule, shown next to the field.
        await Assertions.Expect(dialog.GetByText("Passwords must be at least 12 characters")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await page.GotoAsync($"{baseUrl}/settings/roles");
        await Assertions.Expect(page.GetByText("users.manage")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GotoAsync($"{baseUrl}/settings/subscription");
        await Assertions.Expect(page.GetByText("Usage this month")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        Assert.Empty(violations);
    }

    private static async Task RetryAsync(Func<Task> attempt)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (PlaywrightException) when (i < 15)
            {
            }
        }
    }
}
