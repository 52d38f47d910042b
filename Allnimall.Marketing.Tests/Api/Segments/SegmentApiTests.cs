using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Segments;

public sealed class SegmentApiTests(SegmentApiTests.App app) : IClassFixture<SegmentApiTests.App>, IAsyncLifetime
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string BandungRule = """{"type":"group","combinator":"and","rules":[{"type":"condition","field":"city","operator":"in","values":["Bandung"]}]}""";

    public async ValueTask InitializeAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        if (await db.Customers.AnyAsync(c => c.ExternalId.StartsWith("seg-api-"), Ct)) return;
        db.Customers.AddRange(
            new Customer { ExternalId = "seg-api-1", FirstName = "Sari", LastName = "Bandung", Email = "sari@example.com", City = "Bandung" },
            new Customer { ExternalId = "seg-api-2", FirstName = "Tono", LastName = "Bandung", Email = "tono@example.com", City = "Bandung" },
            new Customer { ExternalId = "seg-api-3", FirstName = "Umar", LastName = "Medan", Email = "umar@example.com", City = "Medan" });
        await db.SaveChangesAsync(Ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<JsonElement> CreateAsync(HttpClient client, string name, string rule = BandungRule)
    {
        var response = await client.PostAsync("/api/marketing/segments", Json($$"""{"name":"{{name}}","rule":{{rule}}}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task Create_fills_the_segment_and_get_list_and_members_return_it()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var created = await CreateAsync(client, "Bandung friends");
        var id = created.GetProperty("id").GetString();
        Assert.Equal(2, created.GetProperty("customer_count").GetInt32());
        Assert.Equal("Customers in Bandung", created.GetProperty("summary").GetString());

        var list = await client.GetFromJsonAsync<JsonElement>("/api/marketing/segments?search=friends", Ct);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id);

        var members = await client.GetFromJsonAsync<JsonElement>($"/api/marketing/segments/{id}/customers", Ct);
        Assert.Equal(2, members.GetProperty("total_count").GetInt32());
        Assert.Contains(members.GetProperty("items").EnumerateArray(), m => m.GetProperty("email").GetString() == "sari@example.com");
    }

    [Fact]
    public async Task Update_refreshes_members_and_a_stale_version_is_a_conflict()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var created = await CreateAsync(client, "To be changed");
        var id = created.GetProperty("id").GetString();
        var version = created.GetProperty("version").GetString();
        var medan = BandungRule.Replace("Bandung", "Medan", StringComparison.Ordinal);

        var updated = await client.PutAsync($"/api/marketing/segments/{id}", Json($$"""{"name":"Medan","rule":{{medan}},"version":"{{version}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(1, (await updated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("customer_count").GetInt32());

        var stale = await client.PutAsync($"/api/marketing/segments/{id}", Json($$"""{"name":"Again","rule":{{medan}},"version":"{{version}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task Invalid_rules_get_400_with_a_message_per_condition()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var rule = """{"type":"group","rules":[{"type":"condition","field":"age","operator":"between","value":40,"max":25},{"type":"group","rules":[]}]}""";

        var response = await client.PostAsync("/api/marketing/segments", Json($$"""{"name":"","rule":{{rule}}}"""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Contains("minimum is larger", errors.GetProperty("rule.rules[0]")[0].GetString());
        Assert.Contains("empty", errors.GetProperty("rule.rules[1]")[0].GetString());
    }

    [Theory]
    [InlineData("""{"name":"x","rule":{"type":"condition","field":"password_hash","operator":"in","values":["a"]}}""")]
    [InlineData("""{"name":"x","rule":{"type":"condition","field":"city","operator":"drop_table","values":["a"]}}""")]
    [InlineData("""{"name":"x","customer_count":999,"rule":{"type":"condition","field":"city","operator":"in","values":["a"]}}""")]
    public async Task Unknown_fields_operators_and_server_owned_properties_are_refused(string body)
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var response = await client.PostAsync("/api/marketing/segments", Json(body), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Preview_counts_an_unsaved_rule_without_saving_anything()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/marketing/segments", Ct)).GetProperty("total_count").GetInt32();

        var response = await client.PostAsync("/api/marketing/segments/preview", Json($$"""{"rule":{{BandungRule}}}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, preview.GetProperty("count").GetInt32());
        Assert.Equal(2, preview.GetProperty("sample").GetArrayLength());
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>("/api/marketing/segments", Ct)).GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Refresh_unknown_segment_is_404_and_known_is_200()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/marketing/segments/{Guid.NewGuid()}/refresh", null, Ct)).StatusCode);
        var id = (await CreateAsync(client, "Refresh me")).GetProperty("id").GetString();
        var refreshed = await client.PostAsync($"/api/marketing/segments/{id}/refresh", null, Ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(2, (await refreshed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("customer_count").GetInt32());
    }

    [Fact]
    public async Task Deleting_a_segment_that_a_live_campaign_uses_is_409_naming_the_campaign()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var id = (await CreateAsync(client, "In use")).GetProperty("id").GetString()!;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct))
        {
            var admin = await db.Users.FirstAsync(Ct);
            db.Campaigns.Add(new Campaign
            {
                Name = "Weekend flash sale", CreatedBy = admin.Id, Status = CampaignStatus.Scheduled,
                TargetAudience = $$"""{"include_segments":["{{id}}"]}""",
            });
            await db.SaveChangesAsync(Ct);
        }

        var refused = await client.DeleteAsync($"/api/marketing/segments/{id}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Weekend flash sale", await refused.Content.ReadAsStringAsync(Ct));

        var unused = (await CreateAsync(client, "Not in use")).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/marketing/segments/{unused}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/marketing/segments/{unused}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Static_segments_take_members_by_email_or_store_id()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var response = await client.PostAsync("/api/marketing/segments", Json("""{"name":"Hand-picked","type":"static"}"""), Ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var added = await client.PostAsync($"/api/marketing/segments/{id}/members",
            Json("""{"keys":["SARI@example.com","seg-api-3","nobody@example.com"]}"""), Ct);

        var result = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, result.GetProperty("added").GetInt32());
        Assert.Equal("nobody@example.com", result.GetProperty("not_found")[0].GetString());
        var segment = await client.GetFromJsonAsync<JsonElement>($"/api/marketing/segments/{id}", Ct);
        Assert.Equal(2, segment.GetProperty("customer_count").GetInt32());
    }

    [Fact]
    public async Task Store_owner_cannot_use_segments_and_anonymous_gets_401()
    {
        var owner = await app.CreateApiClientAsAsync(Roles.StoreOwner);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/api/marketing/segments", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsync("/api/marketing/segments/preview", Json($$"""{"rule":{{BandungRule}}}"""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/marketing/segments", Ct)).StatusCode);
    }
}
