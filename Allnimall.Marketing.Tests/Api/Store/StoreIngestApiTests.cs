using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store.Ingest;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Store;

public sealed class StoreIngestApiTests(StoreIngestApiTests.App app) : IClassFixture<StoreIngestApiTests.App>
{
    public sealed class App : MarketingAppFactory;

    private const string CustomersUrl = "/api/marketing/store/customers";
    private static readonly JsonSerializerOptions Json = CreateJsonOptions();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_key_the_api_answers_401_problem_details_not_a_redirect()
    {
        var response = await app.CreateAnonymousClient().PostAsync(CustomersUrl, JsonBody("[]"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_with_401()
    {
        var key = await CreateKeyAsync(ApiScopes.IngestWrite);
        await WithKeysAsync(keys => keys.RevokeAsync(key.Key.Id, Ct));

        var response = await ClientWithKey(key.PlainTextKey).PostAsync(CustomersUrl, JsonBody("[]"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_key_without_the_ingest_scope_gets_403()
    {
        var key = await CreateKeyAsync(ApiScopes.CustomersRead, ApiScopes.PromoRedeem);

        var response = await ClientWithKey(key.PlainTextKey).PostAsync(CustomersUrl, JsonBody("[]"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Signed_in_staff_cannot_use_the_ingest_api()
    {
        var client = await app.CreateClientAsAsync(Roles.Marketer);

        var response = await client.PostAsync(CustomersUrl, JsonBody("""[{"external_id":"STAFF-1","first_name":"X"}]"""), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await ExistsAsync("STAFF-1"));
    }

    [Fact]
    public async Task A_good_key_ingests_and_answers_with_counts_and_row_errors()
    {
        var client = ClientWithKey((await CreateKeyAsync(ApiScopes.IngestWrite)).PlainTextKey);
        const string body = """
            [
              {"external_id": "API-1", "first_name": "Siti", "email": "siti@example.com", "gender": "female", "email_consent": true},
              {"external_id": "API-2", "first_name": "", "email": "nope"}
            ]
            """;

        var first = await PostAsync<IngestResult>(client, CustomersUrl, body);
        var second = await PostAsync<IngestResult>(client, CustomersUrl, body);

        Assert.Equal((2, 1, 0, 1), (first.Received, first.Inserted, first.Updated, first.Rejected));
        Assert.Contains(first.Errors, e => e is { Index: 1, ExternalId: "API-2", Field: "first_name" });
        Assert.Contains(first.Errors, e => e is { Index: 1, Field: "email" });
        Assert.Equal((0, 1, 1), (second.Inserted, second.Updated, second.Rejected));
        await using var db = OpenDb();
        var stored = await db.Customers.SingleAsync(c => c.ExternalId == "API-1", Ct);
        Assert.Equal((true, ConsentSources.StoreApi), (stored.EmailConsent, stored.EmailConsentSource));
    }

    [Fact]
    public async Task The_response_uses_snake_case_names()
    {
        var client = ClientWithKey((await CreateKeyAsync(ApiScopes.IngestWrite)).PlainTextKey);

        var response = await client.PostAsync(CustomersUrl, JsonBody("""[{"external_id":"SNAKE-1"}]"""), Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var error = json.RootElement.GetProperty("errors")[0];
        Assert.Equal("SNAKE-1", error.GetProperty("external_id").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task Orders_ingest_end_to_end_after_customers_and_products()
    {
        var client = ClientWithKey((await CreateKeyAsync(ApiScopes.IngestWrite)).PlainTextKey);
        await PostAsync<IngestResult>(client, CustomersUrl, """[{"external_id":"ORD-C1","first_name":"Budi"}]""");
        await PostAsync<IngestResult>(client, "/api/marketing/store/categories", """[{"external_id":"ORD-CAT","name":"Cat food"}]""");
        await PostAsync<IngestResult>(client, "/api/marketing/store/products",
            """[{"external_id":"ORD-P1","sku":"CF-1","name":"Tuna pouch","price":1.25,"category_external_id":"ORD-CAT"}]""");

        var orders = await PostAsync<IngestResult>(client, "/api/marketing/store/orders", """
            [{"external_id":"ORD-1","customer_external_id":"ORD-C1","placed_at":"2026-10-01T09:30:00+07:00",
              "subtotal":5.00,"total":5.00,"channel":"in_store","items":[{"product_external_id":"ORD-P1","quantity":4,"unit_price":1.25}]}]
            """);
        var events = await PostAsync<IngestResult>(client, "/api/marketing/store/browsing-events",
            """[{"external_id":"ORD-E1","customer_external_id":"ORD-C1","product_external_id":"ORD-P1","viewed_at":"2026-10-01T02:00:00Z"}]""");

        Assert.Equal((1, 0), (orders.Inserted, orders.Rejected));
        Assert.Equal((1, 0), (events.Inserted, events.Rejected));
        await using var db = OpenDb();
        var order = await db.Orders.Include(o => o.Items).SingleAsync(o => o.ExternalId == "ORD-1", Ct);
        Assert.Equal(new DateTime(2026, 10, 1, 2, 30, 0, DateTimeKind.Utc), order.PlacedAt);
        Assert.Equal(5.00m, Assert.Single(order.Items).LineTotal);
    }

    [Fact]
    public async Task An_unknown_json_property_is_refused_with_400()
    {
        var client = ClientWithKey((await CreateKeyAsync(ApiScopes.IngestWrite)).PlainTextKey);

        var response = await client.PostAsync(CustomersUrl,
            JsonBody("""[{"external_id":"UNK-1","first_name":"X","favourite_colour":"blue"}]"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("favourite_colour", await response.Content.ReadAsStringAsync(Ct));
        Assert.False(await ExistsAsync("UNK-1"));
    }

    [Theory]
    [InlineData("id", "\"0199a000-0000-7000-8000-000000000001\"")]
    [InlineData("created_at", "\"2001-01-01T00:00:00Z\"")]
    [InlineData("updated_at", "\"2001-01-01T00:00:00Z\"")]
    public async Task Server_owned_fields_cannot_be_posted(string field, string value)
    {
        var client = ClientWithKey((await CreateKeyAsync(ApiScopes.IngestWrite)).PlainTextKey);
        var externalId = $"OVER-{field}";

        var response = await client.PostAsync(CustomersUrl,
            JsonBody($$"""[{"external_id":"{{externalId}}","first_name":"X","{{field}}":{{value}}}]"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(Ct));
        Assert.False(await ExistsAsync(externalId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"external_id\":\"X\"}")]
    [InlineData("null")]
    [InlineData("[{\"external_id\": ")]
    public async Task A_body_that_is_not_an_array_of_rows_is_refused_with_400(string body)
    {
        var client = ClientWithKey((await CreateKeyAsync(ApiScopes.IngestWrite)).PlainTextKey);

        var response = await client.PostAsync(CustomersUrl, JsonBody(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_with_400()
    {
        var client = ClientWithKey((await CreateKeyAsync(ApiScopes.IngestWrite)).PlainTextKey);
        var rows = Enumerable.Range(0, StoreIngestService.MaxBatchSize + 1).Select(i => new { external_id = $"BIG-{i}", first_name = "X" });

        var response = await client.PostAsync(CustomersUrl, JsonBody(JsonSerializer.Serialize(rows)), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("5,000", await response.Content.ReadAsStringAsync(Ct));
        Assert.False(await ExistsAsync("BIG-0"));
    }

    [Fact]
    public async Task A_script_in_a_customer_name_is_stored_and_returned_verbatim()
    {
        const string payload = "<script>window.__xss=1</script>";
        var client = ClientWithKey((await CreateKeyAsync(ApiScopes.IngestWrite)).PlainTextKey);
        var rows = new[]
        {
            new { external_id = "XSS-1", first_name = payload, last_name = "\"><img src=x onerror=alert(1)>" },
            new { external_id = payload, first_name = "", last_name = "" },
        };

        var result = await PostAsync<IngestResult>(client, CustomersUrl, JsonSerializer.Serialize(rows));

        Assert.Equal(payload, Assert.Single(result.Errors, e => e.Index == 1).ExternalId);
        await using var db = OpenDb();
        var stored = await db.Customers.SingleAsync(c => c.ExternalId == "XSS-1", Ct);
        Assert.Equal((payload, "\"><img src=x onerror=alert(1)>"), (stored.FirstName, stored.LastName));
    }

    [Fact]
    public async Task A_body_without_a_json_content_type_is_refused_with_415()
    {
        var client = ClientWithKey((await CreateKeyAsync(ApiScopes.IngestWrite)).PlainTextKey);

        var response = await client.PostAsync(CustomersUrl, new StringContent("[]", Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("customers")]
    [InlineData("categories")]
    [InlineData("products")]
    [InlineData("orders")]
    [InlineData("browsing-events")]
    public async Task The_openapi_document_describes_each_ingest_body(string entity)
    {
        var document = await app.CreateAnonymousClient().GetStringAsync("/openapi/v1.json", Ct);
        using var json = JsonDocument.Parse(document);

        var post = json.RootElement.GetProperty("paths").GetProperty($"/api/marketing/store/{entity}").GetProperty("post");
        var schema = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal("array", schema.GetProperty("type").GetString());
    }

    private async Task<CreatedApiKey> CreateKeyAsync(params string[] scopes) =>
        await WithKeysAsync(keys => keys.CreateAsync($"test {string.Join(",", scopes)}", scopes, null, Ct));

    private async Task<T> WithKeysAsync<T>(Func<ApiKeyService, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ApiKeyService>());
    }

    private HttpClient ClientWithKey(string key)
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private MarketingDbContext OpenDb() => app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContext();

    private async Task<bool> ExistsAsync(string externalId)
    {
        await using var db = OpenDb();
        return await db.Customers.AnyAsync(c => c.ExternalId == externalId, Ct);
    }

    private static async Task<T> PostAsync<T>(HttpClient client, string url, string body)
    {
        var response = await client.PostAsync(url, JsonBody(body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<T>(text, Json)!;
    }

    private static StringContent JsonBody(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        WebServiceCollectionExtensions.ConfigureApiJson(options);
        return options;
    }
}
