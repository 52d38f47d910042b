using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Discounts;

/// <summary>The discount API: CRUD and codes for staff, evaluate/redeem/void for the checkout, problem details, T39.</summary>
public sealed class DiscountApiTests(DiscountApiTests.App app) : IClassFixture<DiscountApiTests.App>, IAsyncLifetime
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        if (await db.Products.AnyAsync(p => p.ExternalId == "API-KIBBLE", Ct)) return;
        var category = new ProductCategory { ExternalId = "api-dog-food", Name = "Dog Food" };
        db.ProductCategories.Add(category);
        db.Products.Add(new Product { ExternalId = "API-KIBBLE", Sku = "AK", Name = "Kibble", Price = 100_000, CategoryId = category.Id });
        // 30% margin: every other test's discount keeps above the 10% floor; the guardrail test goes below it.
        db.Products.Add(new Product { ExternalId = "API-COSTLY", Sku = "AC", Name = "Costly bed", Price = 100_000, CostPrice = 70_000 });
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpClient> CheckoutClientAsync(string scope = ApiScopes.PromoRedeem)
    {
        using var scopeProvider = app.Services.CreateScope();
        var key = await scopeProvider.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync($"checkout {Guid.NewGuid()}", [scope], null, Ct);
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, key.PlainTextKey);
        return client;
    }

    private async Task<JsonElement> CreateDiscountAsync(HttpClient staff, string json)
    {
        var response = await staff.PostAsync("/api/marketing/discounts", Json(json), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static string Cart(string code, string customer = "api-c-1", int quantity = 3) => $$"""
        {"customer_id":"{{customer}}","lines":[{"product_id":"API-KIBBLE","quantity":{{quantity}},"unit_price":100000}],"shipping":15000,"codes":["{{code}}"]}
        """;

    private static string Redeem(string order, string code, string customer = "api-c-1") => $$"""
        {"order_id":"{{order}}","customer_id":"{{customer}}","lines":[{"product_id":"API-KIBBLE","quantity":3,"unit_price":100000}],"shipping":15000,"codes":["{{code}}"]}
        """;

    [Fact]
    public async Task An_ingested_order_with_a_code_is_redeemed_once_and_its_cancellation_gives_the_use_back()
    {
        var staff = await app.CreateApiClientAsAsync(Roles.Marketer);
        var discount = await CreateDiscountAsync(staff, """{"name":"Ingest dog food","type":"percentage","value":10,"usage_limit":5,"shared_code":"ingestdog"}""");
        var ingest = await CheckoutClientAsync(ApiScopes.IngestWrite);
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("/api/marketing/store/customers",
            Json("""[{"external_id":"api-ing-1","first_name":"Sri"}]"""), Ct)).StatusCode);
        string Order(string status) => $$"""
            [{"external_id":"API-ING-O1","customer_external_id":"api-ing-1","placed_at":"2026-11-20T09:30:00Z","status":"{{status}}",
              "subtotal":300000,"discount":30000,"total":285000,"promo_code":"INGESTDOG",
              "items":[{"product_external_id":"API-KIBBLE","quantity":3,"unit_price":100000}]}]
            """;
        var discountId = Guid.Parse(discount.GetProperty("id").GetString()!);
        async Task<(int Active, int Voided, int Uses)> LedgerAsync()
        {
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
            var rows = await db.DiscountRedemptions.Where(r => r.DiscountCampaignId == discountId).ToListAsync(Ct);
            var uses = await db.DiscountCampaigns.Where(d => d.Id == discountId).Select(d => d.UsageCount).SingleAsync(Ct);
            return (rows.Count(r => r.VoidedAt == null), rows.Count(r => r.VoidedAt != null), uses);
        }

        // The order arrives (and again, as a retry): one redemption, one use, with the discount the engine computes.
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("/api/marketing/store/orders", Json(Order("paid")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("/api/marketing/store/orders", Json(Order("paid")), Ct)).StatusCode);
        Assert.Equal((1, 0, 1), await LedgerAsync());

        // Cancelled later: the use comes back once, however often the cancellation is sent.
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("/api/marketing/store/orders", Json(Order("cancelled")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("/api/marketing/store/orders", Json(Order("cancelled")), Ct)).StatusCode);
        Assert.Equal((0, 1, 0), await LedgerAsync());
    }

    [Fact]
    public async Task The_checkout_evaluates_redeems_idempotently_hits_the_limit_and_voids()
    {
        var staff = await app.CreateApiClientAsAsync(Roles.Marketer);
        var discount = await CreateDiscountAsync(staff, """
            {"name":"API dog food","type":"percentage","value":20,"maximum_discount":50000,"minimum_purchase":200000,
             "usage_limit":1,"shared_code":"apidog"}
            """);
        Assert.Equal("20% off everything over Rp 200.000, max Rp 50.000, 1 use in total", discount.GetProperty("summary").GetString());
        var checkout = await CheckoutClientAsync();

        var priced = await (await checkout.PostAsync("/api/marketing/discounts/evaluate", Json(Cart("APIDOG")), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(50_000m, priced.GetProperty("total_discount").GetDecimal());
        Assert.Equal(265_000m, priced.GetProperty("total").GetDecimal());
        Assert.True(priced.GetProperty("codes")[0].GetProperty("applied").GetBoolean());
        var tooSmall = await (await checkout.PostAsync("/api/marketing/discounts/evaluate", Json(Cart("apidog", quantity: 1)), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Add Rp 100.000 more to use this code.", tooSmall.GetProperty("codes")[0].GetProperty("reason").GetString());

        var first = await checkout.PostAsync("/api/marketing/discounts/redeem", Json(Redeem("API-O-1", "APIDOG")), Ct);
        var repeat = await checkout.PostAsync("/api/marketing/discounts/redeem", Json(Redeem("API-O-1", "APIDOG")), Ct);
        var other = await checkout.PostAsync("/api/marketing/discounts/redeem", Json(Redeem("API-O-2", "APIDOG", "api-c-2")), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False((await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("already_redeemed").GetBoolean());
        Assert.True((await repeat.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("already_redeemed").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType!.MediaType);
        Assert.Contains("usage limit", (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());

        var voided = await checkout.PostAsync("/api/marketing/discounts/redemptions/API-O-1/void", null, Ct);
        Assert.Equal(1, (await voided.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("voided").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await checkout.PostAsync("/api/marketing/discounts/redeem", Json(Redeem("API-O-2", "APIDOG", "api-c-2")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await checkout.PostAsync("/api/marketing/discounts/redemptions/NOPE/void", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_carts_and_bad_discounts_are_400_problem_details_with_field_errors()
    {
        var checkout = await CheckoutClientAsync();
        var noLines = await checkout.PostAsync("/api/marketing/discounts/evaluate", Json("""{"customer_id":"x","lines":[]}"""), Ct);
        var zero = await checkout.PostAsync("/api/marketing/discounts/evaluate", Json(Cart("X", quantity: 0)), Ct);
        var noOrder = await checkout.PostAsync("/api/marketing/discounts/redeem", Json(Redeem("", "X")), Ct);
        var staff = await app.CreateApiClientAsAsync(Roles.Marketer);
        var percent = await staff.PostAsync("/api/marketing/discounts", Json("""{"name":"Too much","type":"percentage","value":150,"usage_limit":-1}"""), Ct);

        Assert.Contains("lines", await ErrorsAsync(noLines));
        Assert.Contains("lines[0].quantity", await ErrorsAsync(zero));
        Assert.Contains("order_id", await ErrorsAsync(noOrder));
        Assert.Equal(["usage_limit", "value"], (await ErrorsAsync(percent)).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/marketing/discounts/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/marketing/discounts?sort=drop&status=nope", Ct)).StatusCode);
    }

    private static async Task<List<string>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
    }

    [Fact]
    public async Task T39_server_owned_fields_cannot_be_posted()
    {
        var staff = await app.CreateApiClientAsAsync(Roles.Marketer);
        var discount = await CreateDiscountAsync(staff, """{"name":"Owned","type":"fixed_amount","value":10000,"shared_code":"OWNED1"}""");
        var id = discount.GetProperty("id").GetGuid();

        var created = await staff.PostAsync("/api/marketing/discounts", Json("""{"name":"Sneaky","type":"percentage","value":10,"usage_count":-100}"""), Ct);
        var updated = await staff.PutAsync($"/api/marketing/discounts/{id}", Json("""{"name":"Owned","type":"fixed_amount","value":10000,"id":"00000000-0000-0000-0000-000000000001"}"""), Ct);
        var redeemed = await (await CheckoutClientAsync()).PostAsync("/api/marketing/discounts/redeem",
            Json("""{"order_id":"T39","lines":[{"product_id":"API-KIBBLE","quantity":1,"unit_price":100000}],"amount":-5}"""), Ct);
        var codes = await staff.PostAsync($"/api/marketing/discounts/{id}/codes", Json("""{"count":10,"usage_count":-100}"""), Ct);

        Assert.All(new[] { created, updated, redeemed, codes }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var after = await staff.GetFromJsonAsync<JsonElement>($"/api/marketing/discounts/{id}", Ct);
        Assert.Equal((0, 0), (after.GetProperty("usage_count").GetInt32(), after.GetProperty("code_count").GetInt32() - 1));
    }

    [Fact]
    public async Task Codes_are_generated_listed_and_exported_as_csv_for_staff_only()
    {
        var staff = await app.CreateApiClientAsAsync(Roles.Marketer);
        var discount = await CreateDiscountAsync(staff, """{"name":"Codes","type":"percentage","value":5}""");
        var id = discount.GetProperty("id").GetGuid();

        var generated = await staff.PostAsync($"/api/marketing/discounts/{id}/codes", Json("""{"count":100,"prefix":"API","length":8}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        var page = await staff.GetFromJsonAsync<JsonElement>($"/api/marketing/discounts/{id}/codes?status=unused&page_size=10", Ct);
        Assert.Equal((100, 10), (page.GetProperty("total_count").GetInt32(), page.GetProperty("items").GetArrayLength()));
        var csv = await staff.GetAsync($"/api/marketing/discounts/{id}/codes.csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(101, (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsync($"/api/marketing/discounts/{id}/codes", Json("""{"count":0}"""), Ct)).StatusCode);

        // codes.csv looks like a static file to the T30 matrix, so its protection is checked here.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync($"/api/marketing/discounts/{id}/codes.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.CreateClientAsAsync(Roles.StoreOwner)).GetAsync($"/api/marketing/discounts/{id}/codes.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await CheckoutClientAsync()).GetAsync($"/api/marketing/discounts/{id}/codes.csv", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/marketing/discounts/{Guid.NewGuid()}/codes.csv", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_margin_guardrail_refuses_a_loss_making_discount_unless_an_admin_overrides()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        var bed = await db.Products.Where(p => p.ExternalId == "API-COSTLY").Select(p => p.Id).SingleAsync(Ct);
        string Discount(bool overrideIt) =>
            $$"""{"name":"Bed clearance","type":"percentage","value":50,"included_product_ids":["{{bed}}"],"override_margin_guardrail":{{(overrideIt ? "true" : "false")}}}""";
        var marketer = await app.CreateApiClientAsAsync(Roles.Marketer);

        var refused = await marketer.PostAsync("/api/marketing/discounts", Json(Discount(false)), Ct);
        var notAllowed = await marketer.PostAsync("/api/marketing/discounts", Json(Discount(true)), Ct);
        var admin = await (await app.CreateApiClientAsAsync(Roles.Admin)).PostAsync("/api/marketing/discounts", Json(Discount(true)), Ct);

        Assert.Equal(["margin_guardrail"], await ErrorsAsync(refused));
        Assert.Equal(["override_margin_guardrail"], await ErrorsAsync(notAllowed));
        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
    }

    [Fact]
    public async Task The_checkout_endpoints_need_the_promo_scope_or_discount_staff()
    {
        var ingestKey = await CheckoutClientAsync(ApiScopes.IngestWrite);
        var owner = await app.CreateApiClientAsAsync(Roles.StoreOwner);
        var marketer = await app.CreateApiClientAsAsync(Roles.Marketer);

        Assert.Equal(HttpStatusCode.Forbidden, (await ingestKey.PostAsync("/api/marketing/discounts/evaluate", Json(Cart("X")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsync("/api/marketing/discounts/evaluate", Json(Cart("X")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await marketer.PostAsync("/api/marketing/discounts/evaluate", Json(Cart("X")), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await CheckoutClientAsync()).GetAsync("/api/marketing/discounts", Ct)).StatusCode);
    }
}
