using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Api;
using Allnimall.Marketing.Web.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Discounts;

/// <summary>
/// T44 at the HTTP level: unknown codes are rate-limited (enumeration), and two app instances on one SQLite file
/// together still never redeem a limited code more often than its limit. Each test has its own app(s): the rate
/// limiter's budget and the database are not shared with other tests.
/// </summary>
public sealed class DiscountAbuseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Cart(string code, string customer = "abuse-c-1") => $$"""
        {"customer_id":"{{customer}}","lines":[{"product_id":"ABUSE-KIBBLE","quantity":3,"unit_price":100000}],"shipping":15000,"codes":["{{code}}"]}
        """;

    private static string Redeem(string order, string code, string customer) => $$"""
        {"order_id":"{{order}}","customer_id":"{{customer}}","lines":[{"product_id":"ABUSE-KIBBLE","quantity":3,"unit_price":100000}],"shipping":15000,"codes":["{{code}}"]}
        """;

    private static async Task<HttpClient> CheckoutClientAsync(MarketingAppFactory app, string? plainTextKey = null)
    {
        if (plainTextKey is null)
        {
            using var scope = app.Services.CreateScope();
            plainTextKey = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
                .CreateAsync($"checkout {Guid.NewGuid()}", [ApiScopes.PromoRedeem], null, Ct)).PlainTextKey;
        }
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, plainTextKey);
        return client;
    }

    [Fact]
    public async Task T44_unknown_codes_are_rate_limited_with_429_and_retry_after_while_known_codes_cost_nothing()
    {
        await using var app = new MarketingAppFactory();
        var staff = await app.CreateApiClientAsAsync(Roles.Marketer);
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsync("/api/marketing/discounts",
            Json("""{"name":"Real","type":"percentage","value":10,"shared_code":"REALCODE"}"""), Ct)).StatusCode);
        var checkout = await CheckoutClientAsync(app);

        // Known codes use no budget: more of them than the limit all go through.
        for (var i = 0; i < UnknownCodeAttempts.PermitLimit + 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await checkout.PostAsync("/api/marketing/discounts/evaluate", Json(Cart("REALCODE")), Ct)).StatusCode);
        // Unknown codes: the whole budget is answered normally (the shopper sees "we don't recognise this code") ...
        for (var i = 0; i < UnknownCodeAttempts.PermitLimit - 1; i++)
            Assert.Equal(HttpStatusCode.OK, (await checkout.PostAsync("/api/marketing/discounts/evaluate", Json(Cart($"GUESS{i:D4}")), Ct)).StatusCode);
        var lastRedeem = await checkout.PostAsync("/api/marketing/discounts/redeem", Json(Redeem("O-GUESS", "GUESSLAST", "abuse-c-1")), Ct);
        Assert.Equal(HttpStatusCode.Conflict, lastRedeem.StatusCode); // a refused redemption of an unknown code counts too

        // ... then every evaluate or redeem is refused, even with a real code, until the window passes.
        var evaluate = await checkout.PostAsync("/api/marketing/discounts/evaluate", Json(Cart("REALCODE")), Ct);
        var redeem = await checkout.PostAsync("/api/marketing/discounts/redeem", Json(Redeem("O-REAL", "REALCODE", "abuse-c-1")), Ct);

        foreach (var response in new[] { evaluate, redeem })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
            Assert.InRange(retryAfter, 1, (int)UnknownCodeAttempts.Window.TotalSeconds);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
        }
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.DiscountRedemptions.CountAsync(Ct)); // the refused redeem never reached the database
    }

    /// <summary>A second app instance on the same SQLite file, with its own connection pool (a different connection string).</summary>
    private sealed class Instance(string path, bool ownPool) : MarketingAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Marketing", ownPool ? $"Data Source={path};Pooling=False" : $"Data Source={path}");
        }
    }

    // T44
    [Fact]
    public async Task T44_two_app_instances_on_one_sqlite_file_redeem_a_code_limited_to_five_exactly_five_times()
    {
        var path = Path.Combine(Path.GetTempPath(), $"allnimall-t44-{Guid.NewGuid():N}.db");
        try
        {
            await using var first = new Instance(path, ownPool: false);
            var staff = await first.CreateApiClientAsAsync(Roles.Marketer); // starts the first instance: it migrates and seeds
            Assert.Equal(HttpStatusCode.Created, (await staff.PostAsync("/api/marketing/discounts",
                Json("""{"name":"Five only","type":"percentage","value":10,"usage_limit":5,"per_customer_limit":1,"shared_code":"FIVE"}"""), Ct)).StatusCode);
            using var scope = first.Services.CreateScope();
            var key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
                .CreateAsync("checkout", [ApiScopes.PromoRedeem], null, Ct)).PlainTextKey;
            await using var second = new Instance(path, ownPool: true);
            HttpClient[] clients = [await CheckoutClientAsync(first, key), await CheckoutClientAsync(second, key)];

            // 200 carts from 150 customers (some repeat), alternating between the two instances, all at once.
            var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
                clients[i % 2].PostAsync("/api/marketing/discounts/redeem", Json(Redeem($"O-{i}", "FIVE", $"c-{i % 150}")), Ct))));

            Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(195, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            await using var db = await first.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
            Assert.Equal(5, await db.DiscountCampaigns.Where(d => d.UsageLimit == 5).Select(d => d.UsageCount).SingleAsync(Ct));
            Assert.Equal(5, await db.DiscountRedemptions.CountAsync(r => r.VoidedAt == null, Ct));
            Assert.Equal(5, await db.DiscountRedemptions.Select(r => r.CustomerKey).Distinct().CountAsync(Ct));
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        }
    }
}
