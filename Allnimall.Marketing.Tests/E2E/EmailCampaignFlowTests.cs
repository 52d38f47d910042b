using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E;

/// <summary>
/// The email issue's whole flow in a browser: a marketer opens a designed template in the block editor, changes its
/// heading, previews it as a chosen customer at phone width, sends it to a segment through the app's own dispatch job,
/// then the recipient follows the tracked button in the delivered email: the app redirects it to the store and the click
/// shows in the campaign's per-link results.
/// </summary>
[Trait("Category", "E2E")]
public sealed class EmailCampaignFlowTests(EmailCampaignFlowTests.Fixture browser) : IClassFixture<EmailCampaignFlowTests.Fixture>
{
    private const string StoreUrl = "https://shop.example.com/";
    private const string DesktopChrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

    /// <summary>
    /// Jobs running, a store site for the buttons to lead to, and no scanner window: the click here comes seconds after
    /// the send, which in production would be flagged as a mail gateway's scanner.
    /// </summary>
    public sealed class Fixture() : BrowserFixture(schedules: true, new Dictionary<string, string>
    {
        ["Delivery:StoreUrl"] = StoreUrl,
        ["Email:Tracking:ScannerClickWindow"] = "00:00:00",
    });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Marketer_edits_a_designed_template_previews_it_on_a_phone_sends_it_and_a_tracked_click_is_counted()
    {
        await E2EStore.AddStaticSegmentAsync(browser.App, "Puppy parents",
            new Customer { ExternalId = "mail-flow-1", FirstName = "Wulan", LastName = "Sari", Email = "wulan@example.com", EmailConsent = true },
            new Customer { ExternalId = "mail-flow-2", FirstName = "Bayu", LastName = "Putra", Email = "bayu@example.com", EmailConsent = true });
        // A person's desktop Chrome: "HeadlessChrome" is on the scanner list, and its clicks are kept out of the human counts.
        var page = await browser.NewPageAsync(DesktopChrome);
        await new LoginPage(page).SignInAsync(DemoAccounts.All.Single(a => a.Role == Roles.Marketer).Email, DemoAccounts.Password);

        var form = new CampaignFormPage(page);
        await form.OpenNewAsync();
        await form.UseTemplateAsync("welcome");
        await form.IncludeSegmentsAsync("Puppy parents (2)");
        // The heading is block 1 (after the header): open it and rewrite it; the preview follows.
        await page.GetByTestId("block-open-1").ClickAsync();
        await page.GetByTestId("block-1-text").FillAsync("Woof! Hello {{ customer.first_name }}");
        await page.GetByTestId("block-1-text").PressAsync("Tab");
        var preview = page.FrameLocator("[data-testid=preview-frame]");
        // Bayu is the first reachable customer by name.
        await Assertions.Expect(preview.GetByText("Woof! Hello Bayu")).ToBeVisibleAsync();
        await page.GetByTestId("preview-width-phone").ClickAsync();
        await Assertions.Expect(form.PreviewFrame).ToHaveAttributeAsync("data-width", "phone");
        Assert.True((await form.PreviewFrame.BoundingBoxAsync())!.Width <= 400);
        await Assertions.Expect(preview.GetByText("Woof! Hello Bayu")).ToBeVisibleAsync();
        var id = await form.SaveAsync();

        var campaign = new CampaignDetailPage(page);
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await campaign.LaunchAsync();
        await Assertions.Expect(campaign.ProgressPercent).ToHaveTextAsync("100%", new() { Timeout = 45_000 });
        await Assertions.Expect(campaign.DeliveryCount("sent")).ToHaveAttributeAsync("data-count", "2");

        await campaign.OpenOutboxAsync();
        await page.GetByTestId("outbox-row").Filter(new() { HasText = "wulan@example.com" }).ClickAsync();
        var email = page.FrameLocator("[data-testid=outbox-html]");
        await Assertions.Expect(email.GetByText("Woof! Hello Wulan")).ToBeVisibleAsync();
        var tracked = await email.GetByRole(AriaRole.Link, new() { Name = "Visit the store" }).GetAttributeAsync("href");
        Assert.Contains("/t/c/", tracked);
        Assert.DoesNotContain("shop.example.com", tracked); // the destination is looked up, never carried in the link

        // The store's site is not on this network, and Playwright cannot intercept the redirected request: the browser's
        // request to the tracked link reaches the app for real, and the app's redirect is shown as a page instead of followed.
        string? redirectedTo = null;
        await page.RouteAsync("**/t/c/**", async route =>
        {
            var answer = await route.FetchAsync(new() { MaxRedirects = 0 });
            redirectedTo = answer.Status == 302 ? answer.Headers["location"] : $"status {answer.Status}";
            await route.FulfillAsync(new() { ContentType = "text/html", Body = $"<h1 data-testid=landed>{redirectedTo}</h1>" });
        });
        // The link names the configured public address; the app under test listens on its own loopback port.
        await page.GotoAsync(browser.BaseUrl + new Uri(tracked!).AbsolutePath);
        await Assertions.Expect(page.GetByTestId("landed")).ToHaveTextAsync(StoreUrl);
        Assert.Equal(StoreUrl, redirectedTo);

        await WaitForRecordedClickAsync(id);
        await campaign.OpenAsync(id);
        await RefreshUntilRolledUpAsync(page);
        await Assertions.Expect(page.GetByTestId("email-results-link")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("email-results-link")).ToContainTextAsync(StoreUrl);
    }

    /// <summary>The results panel reads the rollup the app's job writes every minute: refresh until it has run.</summary>
    private static async Task RefreshUntilRolledUpAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await page.GetByTestId("email-results-empty").CountAsync() > 0 || await page.GetByTestId("email-results-values").CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The email results were not rolled up within 90 s.");
            await Task.Delay(2_000, Ct);
            await page.GetByTestId("email-results-refresh").ClickAsync();
        }
    }

    /// <summary>Clicks are buffered and written in batches: wait (bounded) until this one is stored.</summary>
    private async Task WaitForRecordedClickAsync(Guid campaignId)
    {
        var factory = browser.App.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(Ct);
            var click = await db.CustomerEngagement.Where(e => e.CampaignId == campaignId && e.EngagementType == EngagementTypes.EmailClick)
                .Select(e => new { e.IsAutomated, e.EngagementData }).FirstOrDefaultAsync(Ct);
            if (click is not null)
            {
                Assert.False(click.IsAutomated, $"The click was taken for a machine: {click.EngagementData}");
                return;
            }
            await Task.Delay(200, Ct);
        }
        Assert.Fail("The click was not stored within 10 s.");
    }
}
