using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E;

/// <summary>
/// A marketer launches a campaign from its page, the progress bar follows the dispatcher to 100 %, and the messages are
/// in Settings → Outbox, the email inside a sandboxed frame. The background jobs are off in this app, so the test runs
/// the dispatcher itself while the page polls.
/// </summary>
[Trait("Category", "E2E")]
public sealed class CampaignDeliveryFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<Guid> EmailDraftAsync()
    {
        var services = browser.App.Services;
        var factory = services.GetRequiredService<IDbContextFactory<MarketingDbContext>>();
        Guid segmentId;
        string marketerId;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var marketer = DemoAccounts.All.Single(a => a.Role == Roles.Marketer).Email;
            marketerId = await db.Users.Where(u => u.Email == marketer).Select(u => u.Id).SingleAsync();
            var customers = new[]
            {
                new Customer { ExternalId = "e2e-flow-1", FirstName = "Laras", LastName = "Kucing", Email = "laras@example.com", EmailConsent = true },
                new Customer { ExternalId = "e2e-flow-2", FirstName = "Galih", LastName = "Anjing", Email = "galih@example.com", EmailConsent = true },
            };
            var segment = new CustomerSegment { Name = "E2E flow", SegmentType = SegmentType.Static, SegmentCriteria = "{}", CreatedBy = marketerId };
            db.Customers.AddRange(customers);
            db.CustomerSegments.Add(segment);
            db.SegmentCustomers.AddRange(customers.Select(c => new SegmentCustomer { SegmentId = segment.Id, CustomerId = c.Id, AddedAt = DateTime.UtcNow }));
            await db.SaveChangesAsync();
            segmentId = segment.Id;
        }
        using var scope = services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<CampaignService>().CreateAsync(new CampaignForm
        {
            Name = "E2E cat week", Type = CampaignType.Email, IncludeSegments = [segmentId],
            EmailSubject = "Treats for {{ customer.first_name }}", EmailContent = "<h1 id=\"greeting\">Hello {{ customer.first_name }}</h1>",
        }, marketerId);
        return created.Value!.Id;
    }

    [Fact]
    public async Task Marketer_launches_a_campaign_watches_it_reach_100_percent_and_reads_the_messages_in_the_outbox()
    {
        var id = await EmailDraftAsync();
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(DemoAccounts.All.Single(a => a.Role == Roles.Marketer).Email, DemoAccounts.Password);
        var campaign = new CampaignDetailPage(page);
        await campaign.OpenAsync(id);

        await campaign.LaunchAsync();
        await Assertions.Expect(campaign.Status).ToHaveAttributeAsync("data-status", "active");
        await Assertions.Expect(campaign.ProgressPercent).ToHaveTextAsync("0%");
        using (var scope = browser.App.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DeliveryDispatcher>().RunOnceAsync(100, TestContext.Current.CancellationToken);

        await Assertions.Expect(campaign.ProgressPercent).ToHaveTextAsync("100%");
        await Assertions.Expect(campaign.DeliveryCount("sent")).ToHaveAttributeAsync("data-count", "2");

        await campaign.OpenOutboxAsync();
        await Assertions.Expect(page.GetByTestId("outbox-row")).ToHaveCountAsync(2);
        await page.GetByTestId("outbox-row").Filter(new() { HasText = "laras@example.com" }).ClickAsync();
        var email = page.FrameLocator("[data-testid=outbox-html]");
        await Assertions.Expect(email.Locator("#greeting")).ToHaveTextAsync("Hello Laras");
        await Assertions.Expect(page.Locator("#greeting")).ToHaveCountAsync(0); // in the frame, not in the page
    }
}
