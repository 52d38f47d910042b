using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E.Pages;

/// <summary>A campaign's page: its life cycle buttons (by their labels) and the live delivery progress.</summary>
public sealed class CampaignDetailPage(IPage page)
{
    public async Task OpenAsync(Guid id)
    {
        await page.GotoAsync($"/campaigns/{id}");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
    }

    /// <summary>Clicks "Launch now" and confirms in the dialog.</summary>
    public async Task LaunchAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch now" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Launch", Exact = true }).ClickAsync();
    }

    public ILocator Status => page.GetByTestId("campaign-status");

    public ILocator ProgressPercent => page.GetByTestId("campaign-progress-percent");

    public ILocator DeliveryCount(string status) => page.GetByTestId($"delivery-count-{status}");

    public Task OpenOutboxAsync() => page.GetByRole(AriaRole.Link, new() { Name = "See the messages in the outbox" }).ClickAsync();
}
