using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E;

/// <summary>
/// The whole campaign flow a marketer follows: start an email campaign from a built-in template, aim it at a segment,
/// save, launch, watch the progress bar follow the app's own dispatch job to 100 %, and read the messages in
/// Settings → Outbox (the email inside a sandboxed frame). Nothing here drives the dispatcher by hand.
/// </summary>
[Trait("Category", "E2E")]
public sealed class CampaignDeliveryFlowTests(LiveBrowserFixture browser) : IClassFixture<LiveBrowserFixture>
{
    [Fact]
    public async Task Marketer_creates_an_email_campaign_from_a_template_launches_it_sees_100_percent_and_the_outbox()
    {
        await E2EStore.AddStaticSegmentAsync(browser.App, "Cat lovers",
            new Customer { ExternalId = "flow-1", FirstName = "Laras", LastName = "Kucing", Email = "laras@example.com", EmailConsent = true },
            new Customer { ExternalId = "flow-2", FirstName = "Galih", LastName = "Anjing", Email = "galih@example.com", EmailConsent = true },
            new Customer { ExternalId = "flow-3", FirstName = "Tono", LastName = "Tanpa", Email = "tono@example.com", EmailConsent = false });
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(DemoAccounts.All.Single(a => a.Role == Roles.Marketer).Email, DemoAccounts.Password);

        var form = new CampaignFormPage(page);
        await form.OpenNewAsync();
        await form.UseTemplateAsync("welcome");
        await form.IncludeSegmentsAsync("Cat lovers (3)");
        await Assertions.Expect(form.ReachableCount).ToHaveTextAsync("2 customers will receive this (consent to email required)");
        var id = await form.SaveAsync();

        var campaign = new CampaignDetailPage(page);
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await campaign.LaunchAsync();
        await Assertions.Expect(campaign.Status).ToHaveAttributeAsync("data-status", "active");
        // The dispatch job runs every five seconds; the page polls and shows it finishing.
        await Assertions.Expect(campaign.ProgressPercent).ToHaveTextAsync("100%", new() { Timeout = 45_000 });
        await Assertions.Expect(campaign.DeliveryCount("sent")).ToHaveAttributeAsync("data-count", "2");

        await campaign.OpenOutboxAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/settings/outbox?campaign={id}");
        await Assertions.Expect(page.GetByTestId("outbox-row")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("outbox-row").Filter(new() { HasText = "tono@example.com" })).ToHaveCountAsync(0);
        await page.GetByTestId("outbox-row").Filter(new() { HasText = "laras@example.com" }).ClickAsync();
        var email = page.FrameLocator("[data-testid=outbox-html]");
        await Assertions.Expect(email.GetByText("Welcome to the family, Laras!")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Welcome to the family, Laras!")).ToHaveCountAsync(0); // in the sandboxed frame, not in the page
    }
}
