using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Allnimall.Marketing.Tests.Support.StoreTestData;

namespace Allnimall.Marketing.Tests.Api.Customers;

public sealed partial class CustomerApiTests(CustomerApiTests.App app) : IClassFixture<CustomerApiTests.App>
{
    /// <summary>The app with three customers that have real-looking emails and phones.</summary>
    public sealed class App : MarketingAppFactory, IAsyncLifetime
    {
        public Guid FirstCustomerId { get; private set; }

        public async ValueTask InitializeAsync()
        {
            var customers = new[]
            {
                Customer("STORE-1", "Ayu", "Lestari", "ayu.lestari@example.com", "+6281234564567", "Jakarta", "Indonesia"),
                Customer("STORE-2", "Bima", "Putra", "bima@petmail.co.id", "+6285711112222", "Bandung", "Indonesia"),
                Customer("STORE-3", "Cahya", "Dewi", "cahya.dewi@example.org", "+6287733334444", "Surabaya", "Indonesia"),
            };
            var dbFactory = Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>();
            await using var db = await dbFactory.CreateDbContextAsync();
            db.Customers.AddRange(customers);
            db.Orders.Add(Order(customers[0], "ORDER-1", 125_000m, DateTime.UtcNow.AddDays(-2)));
            await db.SaveChangesAsync();
            FirstCustomerId = customers[0].Id;
        }

        public async Task<HttpClient> CreateApiKeyClientAsync(params string[] scopes)
        {
            await using var scope = Services.CreateAsyncScope();
            var key = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("test", scopes, null);
            var client = CreateAnonymousClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", key.PlainTextKey);
            return client;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\+?\d{8,15}")]
    private static partial Regex PhonePattern();

    [Fact]
    public async Task Store_owner_gets_masked_emails_and_phones_in_list_and_detail()
    {
        var client = await app.CreateClientAsAsync(Roles.StoreOwner);

        var list = await client.GetStringAsync("/api/marketing/customers", Ct);
        var detail = await client.GetStringAsync($"/api/marketing/customers/{app.FirstCustomerId}", Ct);

        foreach (var json in new[] { list, detail })
        {
            Assert.Empty(EmailPattern().Matches(json));
            Assert.Empty(PhonePattern().Matches(StripIdsAndTimes(json)));
        }
        Assert.Contains("a***@e***.com", list);
        Assert.Contains("+62******4567", detail);
    }

    [Fact]
    public async Task Marketer_gets_full_contact_details()
    {
        var client = await app.CreateClientAsAsync(Roles.Marketer);

        var page = await client.GetFromJsonAsync<JsonElement>("/api/marketing/customers?sort=email", Ct);

        Assert.Equal(3, page.GetProperty("total_count").GetInt32());
        var first = page.GetProperty("items")[0];
        Assert.Equal("ayu.lestari@example.com", first.GetProperty("email").GetString());
        Assert.Equal("+6281234564567", first.GetProperty("phone").GetString());
        Assert.Equal(125_000m, first.GetProperty("lifetime_spend").GetDecimal());
    }

    [Fact]
    public async Task Paging_search_and_filters_come_from_the_query_string()
    {
        var client = await app.CreateClientAsAsync(Roles.Marketer);

        var paged = await client.GetFromJsonAsync<JsonElement>("/api/marketing/customers?page=2&page_size=2&sort=name&desc=true", Ct);
        var searched = await client.GetFromJsonAsync<JsonElement>("/api/marketing/customers?search=PETMAIL", Ct);
        var filtered = await client.GetFromJsonAsync<JsonElement>("/api/marketing/customers?city=Jakarta&email_consent=false&gender=unknown", Ct);

        Assert.Equal((3, 2, 2), (paged.GetProperty("total_count").GetInt32(), paged.GetProperty("page").GetInt32(), paged.GetProperty("page_size").GetInt32()));
        Assert.Equal("STORE-3", Assert.Single(paged.GetProperty("items").EnumerateArray()).GetProperty("external_id").GetString());
        Assert.Equal("STORE-2", Assert.Single(searched.GetProperty("items").EnumerateArray()).GetProperty("external_id").GetString());
        Assert.Equal("STORE-1", Assert.Single(filtered.GetProperty("items").EnumerateArray()).GetProperty("external_id").GetString());
    }

    [Fact]
    public async Task Anonymous_caller_gets_401_problem_details()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/api/marketing/customers", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Api_key_with_customers_read_gets_full_data()
    {
        var client = await app.CreateApiKeyClientAsync(ApiScopes.CustomersRead);

        var response = await client.GetAsync($"/api/marketing/customers/{app.FirstCustomerId}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var detail = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("ayu.lestari@example.com", detail.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal(1, detail.GetProperty("stats").GetProperty("orders").GetInt32());
    }

    [Fact]
    public async Task Api_key_without_customers_read_gets_403()
    {
        var client = await app.CreateApiKeyClientAsync(ApiScopes.IngestWrite);

        var response = await client.GetAsync("/api/marketing/customers", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("sort=password", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page_size=500", "page_size")]
    [InlineData("gender=robot", "gender")]
    [InlineData("active=maybe", "active")]
    public async Task Bad_query_gets_400_with_the_field_error(string queryString, string field)
    {
        var client = await app.CreateClientAsAsync(Roles.Marketer);

        var response = await client.GetAsync($"/api/marketing/customers?{queryString}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Unknown_customer_gets_404_problem_details()
    {
        var client = await app.CreateClientAsAsync(Roles.Marketer);

        var response = await client.GetAsync($"/api/marketing/customers/{Guid.CreateVersion7()}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Guids and timestamps contain digit runs that are not phone numbers.</summary>
    private static string StripIdsAndTimes(string json) =>
        Regex.Replace(json, @"[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|\d{4}-\d{2}-\d{2}T[\d:.]+Z?", "");
}
