using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class CampaignFormTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Marketer_starts_from_the_welcome_template_picks_a_segment_previews_sends_a_test_and_saves()
    {
        await E2EStore.AddStaticSegmentAsync(browser.App, "Form E2E friends",
            new Customer { ExternalId = "form-e2e-1", FirstName = "Sekar", LastName = "Ayu", Email = "sekar@example.com", EmailConsent = true },
            new Customer { ExternalId = "form-e2e-2", FirstName = "Rudi", LastName = "Hartono", Email = "rudi@example.com", EmailConsent = true },
            new Customer { ExternalId = "form-e2e-3", FirstName = "Putu", LastName = "Nolan", Email = "putu@example.com", EmailConsent = false });
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(DemoAccounts.All.Single(a => a.Role == Roles.Marketer).Email, DemoAccounts.Password);
        var form = new CampaignFormPage(page);

        await form.OpenNewAsync();
        await form.UseTemplateAsync("welcome");
        await Assertions.Expect(form.Name).ToHaveValueAsync("Welcome new customers");
        await Assertions.Expect(form.EmailSubject).ToHaveValueAsync("Welcome to {{ store.name }}, {{ customer.first_name | default: \"friend\" }}!");
        await form.IncludeSegmentsAsync("Form E2E friends (3)");

        await Assertions.Expect(form.ReachableCount).ToHaveTextAsync("2 customers will receive this (consent to email required)");
        // Rudi is the first reachable customer by name; the email renders inside the sandboxed frame.
        await Assertions.Expect(form.PreviewFrame).ToHaveAttributeAsync("sandbox", "");
        await Assertions.Expect(page.FrameLocator("[data-testid=preview-frame]").GetByText("Welcome to the family, Rudi!")).ToBeVisibleAsync();

        await form.SendTestAsync("qa@example.com");
        // Rendering, tracking composition and the outbox write run on a machine shared with other browser tests: allow for load.
        try
        {
            await Assertions.Expect(page.GetByText("Test sent to qa@example.com, rendered for Rudi Hartono.")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        }
        catch (PlaywrightException e)
        {
            // Say what the page and the database show instead, so a failure explains itself.
            var snackbars = await page.Locator(".mud-snackbar").AllInnerTextsAsync();
            var field = await page.GetByTestId("send-test-recipient").InputValueAsync();
            await using var check = await browser.App.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
            var stored = await check.OutboxMessages.CountAsync(m => m.IsTest, Ct);
            Assert.Fail($"No confirmation. Snackbars: [{string.Join(" | ", snackbars)}]; field: '{field}'; test messages stored: {stored}. {e.Message[..Math.Min(300, e.Message.Length)]}");
        }

        var id = await form.SaveAsync();
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal("Welcome new customers", await db.Campaigns.Where(c => c.Id == id).Select(c => c.Name).SingleAsync(Ct));
        Assert.Equal(0, await db.CampaignDeliveries.CountAsync(d => d.CampaignId == id, Ct));
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.IsTest && m.Recipient == "qa@example.com" && m.Subject!.StartsWith("[Test] Welcome"), Ct));
    }
}
