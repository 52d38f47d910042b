using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class SegmentEditorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task AddCustomersAsync(params Customer[] customers)
    {
        var factory = browser.App.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>();
        await using var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Marketer_builds_a_segment_sees_the_live_count_saves_it_and_finds_it_in_the_grid()
    {
        await AddCustomersAsync(
            new Customer { ExternalId = "seg-e2e-1", FirstName = "Sari", LastName = "Kucing", Email = "sari@example.com", City = "Bandung" },
            new Customer { ExternalId = "seg-e2e-2", FirstName = "Tono", LastName = "Anjing", Email = "tono@example.com", City = "Bandung" },
            new Customer { ExternalId = "seg-e2e-3", FirstName = "Umar", LastName = "Burung", Email = "umar@example.com", City = "Medan" });
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(DemoAccounts.All.Single(a => a.Role == Roles.Marketer).Email, DemoAccounts.Password);
        var segments = new SegmentEditorPage(page);

        await segments.OpenListFromNavigationAsync();
        await segments.StartNewSegmentAsync();
        await segments.SetNameAsync("Bandung pet lovers");
        var condition = segments.Condition("Condition 1");
        await segments.ChooseAsync(condition, "Field", "City");
        await Assertions.Expect(condition.GetByRole(AriaRole.Combobox, new() { Name = "Operator", Exact = true })).ToHaveValueAsync("is one of");
        await segments.PickAsync(condition, "Cities", "Bandung");

        await Assertions.Expect(segments.PreviewCount).ToHaveTextAsync("2 customers");
        await Assertions.Expect(segments.PreviewSummary).ToHaveTextAsync("Customers in Bandung");
        await Assertions.Expect(page.GetByText("Sari Kucing")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Umar Burung")).ToHaveCountAsync(0);

        await segments.CreateAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bandung pet lovers", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Tono Anjing" })).ToBeVisibleAsync();

        await segments.OpenListFromNavigationAsync();
        var row = segments.Row("Bandung pet lovers");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("[data-customer-count]")).ToHaveTextAsync("2");
    }
}
