using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Campaigns;

public sealed class CampaignApiTests(CampaignApiTests.App app) : IClassFixture<CampaignApiTests.App>, IAsyncLifetime
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Guid _segmentId;

    public async ValueTask InitializeAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        if (await db.CustomerSegments.SingleOrDefaultAsync(s => s.Name == "Campaign API friends", Ct) is { } existing)
        {
            _segmentId = existing.Id;
            return;
        }
        var customers = new[]
        {
            new Customer { ExternalId = "cmp-api-1", FirstName = "Sari", LastName = "A", Email = "sari@example.com", EmailConsent = true },
            new Customer { ExternalId = "cmp-api-2", FirstName = "Tono", LastName = "B", Email = "tono@example.com", EmailConsent = true },
            new Customer { ExternalId = "cmp-api-3", FirstName = "Umar", LastName = "C", Email = "umar@example.com", EmailConsent = false },
        };
        var segment = new CustomerSegment
        {
            Name = "Campaign API friends", SegmentType = SegmentType.Static, SegmentCriteria = "{}",
            CreatedBy = await db.Users.Select(u => u.Id).FirstAsync(Ct),
        };
        db.Customers.AddRange(customers);
        db.CustomerSegments.Add(segment);
        db.SegmentCustomers.AddRange(customers.Select(c => new SegmentCustomer { SegmentId = segment.Id, CustomerId = c.Id, AddedAt = DateTime.UtcNow }));
        await db.SaveChangesAsync(Ct);
        _segmentId = segment.Id;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private string EmailCampaign(string name, string content = "<p>Hi {{ customer.first_name }}</p><p>{{ store.address }} <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>") =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name, ["include_segments"] = new[] { _segmentId }, ["email_subject"] = "News for you", ["email_content"] = content,
        });

    private async Task<string> CreateEmailCampaignAsync(HttpClient client, string name)
    {
        var response = await client.PostAsync("/api/marketing/email-campaigns", Json(EmailCampaign(name)), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("email", created.GetProperty("type").GetString());
        Assert.Equal("draft", created.GetProperty("status").GetString());
        return created.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Create_an_email_campaign_launch_it_and_its_deliveries_appear_once_even_when_launched_twice()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var id = await CreateEmailCampaignAsync(client, "Launch me");

        var launch = await client.PostAsync($"/api/marketing/campaigns/{id}/launch", null, Ct);
        Assert.Equal(HttpStatusCode.OK, launch.StatusCode);
        Assert.Equal("active", (await launch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());

        var again = await client.PostAsync($"/api/marketing/campaigns/{id}/launch", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);

        var deliveries = await client.GetFromJsonAsync<JsonElement>($"/api/marketing/campaigns/{id}/deliveries", Ct);
        Assert.Equal(2, deliveries.GetProperty("total_count").GetInt32()); // Umar has no email consent
        Assert.All(deliveries.GetProperty("items").EnumerateArray(), d => Assert.Equal("email", d.GetProperty("channel").GetString()));

        var list = await client.GetFromJsonAsync<JsonElement>("/api/marketing/campaigns?status=active&search=Launch", Ct);
        var row = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(2, row.GetProperty("recipients").GetInt32());
    }

    [Fact]
    public async Task Launch_and_schedule_are_refused_with_the_checklist_errors_listed_and_nothing_is_queued()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var created = await client.PostAsync("/api/marketing/email-campaigns",
            Json(EmailCampaign("Checklist fails", "<p>Hi</p><a href=\"www.no-scheme.example\">shop</a>")), Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var launch = await client.PostAsync($"/api/marketing/campaigns/{id}/launch", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, launch.StatusCode);
        Assert.Equal("application/problem+json", launch.Content.Headers.ContentType?.MediaType);
        var detail = (await launch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
        Assert.Contains("pre-send checklist", detail, StringComparison.Ordinal);
        Assert.Contains("unsubscribe link", detail, StringComparison.Ordinal);
        Assert.Contains("physical address", detail, StringComparison.Ordinal);
        Assert.Contains("www.no-scheme.example", detail, StringComparison.Ordinal);
        var campaign = await client.GetFromJsonAsync<JsonElement>($"/api/marketing/campaigns/{id}", Ct);
        Assert.Equal("draft", campaign.GetProperty("status").GetString());
        var deliveries = await client.GetFromJsonAsync<JsonElement>($"/api/marketing/campaigns/{id}/deliveries", Ct);
        Assert.Equal(0, deliveries.GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Life_cycle_actions_answer_409_with_the_reason_when_illegal_and_404_when_unknown()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Admin);
        var id = await CreateEmailCampaignAsync(client, "Pause me");

        var pause = await client.PostAsync($"/api/marketing/campaigns/{id}/pause", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, pause.StatusCode);
        Assert.Equal("A draft campaign cannot be paused.", (await pause.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/marketing/campaigns/{id}/cancel", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.DeleteAsync($"/api/marketing/campaigns/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/marketing/campaigns/{Guid.NewGuid()}/resume", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_store_owner_can_read_campaigns_but_not_create_them()
    {
        var client = await app.CreateApiClientAsAsync(Roles.StoreOwner);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/marketing/campaigns", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/marketing/email-campaigns", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/marketing/campaigns", Json(EmailCampaign("Nope")), Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_400_with_snake_case_field_errors_including_Liquid_line_and_column()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);

        var unknown = await client.PostAsync("/api/marketing/campaigns", Json("""{"name":"Sneaky","status":"active"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var liquid = await client.PostAsync("/api/marketing/email-campaigns", Json(EmailCampaign("Broken", "<p>{% if customer.first_name %}</p>")), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, liquid.StatusCode);
        var errors = (await liquid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.StartsWith("line 1, column ", errors.GetProperty("email_content")[0].GetString(), StringComparison.Ordinal);

        var badStatus = await client.GetAsync("/api/marketing/campaigns?status=finished", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    [Fact]
    public async Task Promo_discount_id_names_the_discount_whose_codes_promo_code_shows()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var discount = await client.PostAsync("/api/marketing/discounts", Json("""{"name":"API codes","type":"percentage","value":10}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, discount.StatusCode);
        var discountId = (await discount.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var body = JsonSerializer.Deserialize<Dictionary<string, object>>(EmailCampaign("With codes", "<p>{{ promo_code }}</p>"))!;

        var missing = await client.PostAsync("/api/marketing/email-campaigns", Json(JsonSerializer.Serialize(body)), Ct);
        body["promo_discount_id"] = discountId;
        var created = await client.PostAsync("/api/marketing/email-campaigns", Json(JsonSerializer.Serialize(body)), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("promo_code", (await missing.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("promo_discount_id")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(discountId, (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("promo_discount_id").GetGuid());
    }
}
