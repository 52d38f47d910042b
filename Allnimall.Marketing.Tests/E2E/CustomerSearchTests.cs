using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class CustomerSearchTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string XssName = "<img src=x onerror=\"window.__xss=1\">";

    private async Task AddCustomersAsync(params Customer[] customers)
    {
        var factory = browser.App.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var ids = customers.Select(c => c.ExternalId).ToList();
        if (await db.Customers.AnyAsync(c => ids.Contains(c.ExternalId))) return;
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();
    }

    private async Task<IPage> SignedInMarketerAsync()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(DemoAccounts.All.Single(a => a.Role == Roles.Marketer).Email, DemoAccounts.Password);
        return page;
    }

    [Fact]
    public async Task Marketer_searches_for_a_customer_and_opens_the_profile()
    {
        await AddCustomersAsync(
            new Customer { ExternalId = "e2e-rania", FirstName = "Rania", LastName = "Kucingwati", Email = "rania@example.com", City = "Bandung" },
            new Customer { ExternalId = "e2e-bima", FirstName = "Bima", LastName = "Anjingsari", Email = "bima@example.com", City = "Medan" });
        var page = await SignedInMarketerAsync();
        var customers = new CustomersPage(page);

        await customers.OpenFromNavigationAsync();
        await customers.SearchAsync("Kucingwati");
        await Assertions.Expect(customers.Row("Rania Kucingwati")).ToBeVisibleAsync();
        await Assertions.Expect(customers.Row("Bima")).ToHaveCountAsync(0);
        await customers.Row("Rania Kucingwati").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rania Kucingwati" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("rania@example.com")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_customer_name_with_markup_is_shown_as_text_and_never_runs()
    {
        await AddCustomersAsync(new Customer { ExternalId = "e2e-xss", FirstName = XssName, LastName = "Script", Email = "xss@example.com" });
        var page = await SignedInMarketerAsync();
        var customers = new CustomersPage(page);

        await customers.OpenFromNavigationAsync();
        await customers.SearchAsync("Script");
        await Assertions.Expect(customers.Row("onerror")).ToBeVisibleAsync();
        await customers.Row("onerror").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = XssName + " Script" })).ToBeVisibleAsync();

        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
    }
}
