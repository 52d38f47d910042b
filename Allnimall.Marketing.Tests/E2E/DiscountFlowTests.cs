using System.Net;
using System.Text;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.E2E.Pages;
using Allnimall.Marketing.Web.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class DiscountFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Marketer_creates_a_code_discount_generates_codes_tries_it_in_the_simulator_and_sees_it_redeemed_after_an_order_is_ingested()
    {
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct))
        {
            // A healthy margin, so a 20% discount passes the margin guardrail.
            db.Products.Add(new Product { ExternalId = "E2E-KIBBLE", Sku = "E2E-K", Name = "E2E Kibble", Price = 300_000, CostPrice = 100_000 });
            await db.SaveChangesAsync(Ct);
        }
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(DemoAccounts.All.Single(a => a.Role == Roles.Marketer).Email, DemoAccounts.Password);

        var form = new DiscountFormPage(page);
        await form.OpenNewAsync();
        await form.NameAsync("E2E twenty");
        await form.PercentAsync(20);
        await form.MinimumPurchaseAsync(200_000);
        await form.SharedCodeAsync("E2E20");
        await form.SwitchOffAsync();
        await Assertions.Expect(form.Summary).ToContainTextAsync("20% off everything over Rp 200.000");
        var id = await form.SaveAsync();

        var detail = new DiscountDetailPage(page);
        await Assertions.Expect(detail.Status).ToHaveAttributeAsync("data-status", "disabled");
        await detail.ActivateAsync();
        await Assertions.Expect(detail.Status).ToHaveAttributeAsync("data-status", "active");

        await detail.OpenCodesAsync();
        await detail.GenerateCodesAsync(100, "E2E-");
        await Assertions.Expect(detail.Progress).ToHaveAttributeAsync("data-percent", "100");
        await Assertions.Expect(detail.Progress).ToHaveAttributeAsync("data-state", "succeeded");
        await detail.CloseGeneratorAsync();
        await Assertions.Expect(detail.CodeRows).ToHaveCountAsync(25); // the first page of 101 (100 unique + the shared code)
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct))
            Assert.Equal(100, await db.PromoCodes.CountAsync(p => p.DiscountCampaignId == id && !p.IsShared && p.Code.StartsWith("E2E-"), Ct));
        var csv = (await detail.ExportCsvAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(102, csv.Length); // a header and 101 codes
        Assert.Contains(csv, line => line.StartsWith("E2E20,", StringComparison.Ordinal));

        var simulator = new DiscountSimulatorPage(page);
        await simulator.OpenAsync();
        await simulator.AddProductAsync("E2E Kibble");
        await simulator.CodesAsync("e2e20");
        await simulator.EvaluateAsync();
        await Assertions.Expect(simulator.Outcome("E2E20")).ToHaveAttributeAsync("data-applied", "true");
        await Assertions.Expect(simulator.TotalDiscount).ToContainTextAsync("Rp 60.000");

        // The store's backend ingests an order that used the code; the discount's page shows it redeemed.
        await IngestOrderWithCodeAsync("E2E-ORDER-1", "E2E20");
        await page.GotoAsync($"/discounts/{id}");
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Redemptions (1)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("redemption-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("redemption-row")).ToHaveAttributeAsync("data-order", "E2E-ORDER-1");
    }

    /// <summary>Through the real ingest API, with an API key, as the store's backend sends orders.</summary>
    private async Task IngestOrderWithCodeAsync(string orderId, string code)
    {
        string key;
        using (var scope = browser.App.Services.CreateScope())
            key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("e2e store", [ApiScopes.IngestWrite], null, Ct)).PlainTextKey;
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        http.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, key);
        var customer = await http.PostAsync("/api/marketing/store/customers",
            new StringContent("""[{"external_id":"E2E-BUYER","first_name":"Wati"}]""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, customer.StatusCode);
        var order = await http.PostAsync("/api/marketing/store/orders", new StringContent($$"""
            [{"external_id":"{{orderId}}","customer_external_id":"E2E-BUYER","placed_at":"2026-11-20T09:30:00Z","status":"paid",
              "subtotal":300000,"discount":60000,"total":240000,"promo_code":"{{code}}",
              "items":[{"product_external_id":"E2E-KIBBLE","quantity":1,"unit_price":300000}]}]
            """, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
    }
}
