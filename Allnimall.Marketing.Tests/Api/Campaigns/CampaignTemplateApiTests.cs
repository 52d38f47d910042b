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

/// <summary>Campaign templates and test sends over HTTP: codes, problem details, and what reaches the outbox.</summary>
public sealed class CampaignTemplateApiTests(CampaignTemplateApiTests.App app) : IClassFixture<CampaignTemplateApiTests.App>, IAsyncLifetime
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Guid segmentId;

    public async ValueTask InitializeAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        if (await db.CustomerSegments.SingleOrDefaultAsync(s => s.Name == "Template API friends", Ct) is { } existing)
        {
            segmentId = existing.Id;
            return;
        }
        var customer = new Customer { ExternalId = "tpl-api-1", FirstName = "Wulan", LastName = "A", Email = "wulan@example.com", EmailConsent = true };
        var segment = new CustomerSegment
        {
            Name = "Template API friends", SegmentType = SegmentType.Static, SegmentCriteria = "{}",
            CreatedBy = await db.Users.Select(u => u.Id).FirstAsync(Ct),
        };
        db.Customers.Add(customer);
        db.CustomerSegments.Add(segment);
        db.SegmentCustomers.Add(new SegmentCustomer { SegmentId = segment.Id, CustomerId = customer.Id, AddedAt = DateTime.UtcNow });
        await db.SaveChangesAsync(Ct);
        segmentId = segment.Id;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private async Task<string> CreateCampaignAsync(HttpClient client, string name)
    {
        var response = await client.PostAsync("/api/marketing/email-campaigns", Json(new Dictionary<string, object>
        {
            ["name"] = name, ["include_segments"] = new[] { segmentId }, ["email_subject"] = "Hi {{ customer.first_name }}",
            ["email_content"] = "<p>Hello {{ customer.first_name }}</p>",
        }), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task The_built_in_templates_are_listed_for_anyone_who_may_view_campaigns()
    {
        var client = await app.CreateApiClientAsAsync(Roles.StoreOwner);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/marketing/campaign-templates", Ct);

        var keys = list.EnumerateArray().Select(t => t.GetProperty("key").GetString()).ToList();
        Assert.Superset(new HashSet<string?> { "welcome", "win-back", "product-launch", "flash-sale", "birthday-treat", "restock-reminder" }, keys.ToHashSet());
        var welcome = list.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "welcome");
        Assert.Equal("email", welcome.GetProperty("type").GetString());
        Assert.True(welcome.GetProperty("is_builtin").GetBoolean());
        Assert.Equal("New this month", welcome.GetProperty("include_segment_names")[0].GetString());
    }

    [Fact]
    public async Task Save_a_campaign_as_a_template_then_delete_it()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var campaignId = await CreateCampaignAsync(client, "Template source");

        var created = await client.PostAsync("/api/marketing/campaign-templates",
            Json(new { campaign_id = campaignId, name = "API newsletter", description = "Monthly" }), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var template = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Template API friends", template.GetProperty("include_segment_names")[0].GetString());
        Assert.False(template.GetProperty("is_builtin").GetBoolean());
        var id = template.GetProperty("id").GetString();
        Assert.Equal($"/api/marketing/campaign-templates/{id}", created.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/marketing/campaign-templates/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/marketing/campaign-templates/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_template_requests_are_problem_details_400_404_and_409()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var campaignId = await CreateCampaignAsync(client, "Template errors");
        var builtIn = (await client.GetFromJsonAsync<JsonElement>("/api/marketing/campaign-templates", Ct)).EnumerateArray()
            .First(t => t.GetProperty("is_builtin").GetBoolean()).GetProperty("id").GetString();

        var noName = await client.PostAsync("/api/marketing/campaign-templates", Json(new { campaign_id = campaignId, name = "" }), Ct);
        var noCampaign = await client.PostAsync("/api/marketing/campaign-templates", Json(new { name = "x" }), Ct);
        var unknownCampaign = await client.PostAsync("/api/marketing/campaign-templates", Json(new { campaign_id = Guid.NewGuid(), name = "x" }), Ct);
        var deleteBuiltIn = await client.DeleteAsync($"/api/marketing/campaign-templates/{builtIn}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.Equal("Give the template a name.", (await noName.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noCampaign.StatusCode);
        Assert.True((await noCampaign.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("campaign_id", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknownCampaign.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deleteBuiltIn.StatusCode);
        Assert.Equal("application/problem+json", deleteBuiltIn.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Test_send_reaches_the_outbox_as_a_test_and_creates_no_delivery()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var campaignId = await CreateCampaignAsync(client, "Test send");

        var response = await client.PostAsync($"/api/marketing/campaigns/{campaignId}/test-send", Json(new { recipient = "qa@example.com" }), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("[Test] Hi Wulan", result.GetProperty("subject").GetString());
        Assert.Equal("email", result.GetProperty("channel").GetString());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        var id = Guid.Parse(campaignId);
        var outbox = await db.OutboxMessages.Where(m => m.Recipient == "qa@example.com" && m.Subject == "[Test] Hi Wulan").ToListAsync(Ct);
        Assert.True(Assert.Single(outbox).IsTest);
        Assert.Equal(0, await db.CampaignDeliveries.CountAsync(d => d.CampaignId == id, Ct));
    }

    [Fact]
    public async Task Test_send_to_a_bad_address_is_a_400_and_to_an_unknown_campaign_a_404()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var campaignId = await CreateCampaignAsync(client, "Bad test send");

        var bad = await client.PostAsync($"/api/marketing/campaigns/{campaignId}/test-send", Json(new { recipient = "nobody" }), Ct);
        var unknown = await client.PostAsync($"/api/marketing/campaigns/{Guid.NewGuid()}/test-send", Json(new { recipient = "qa@example.com" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("name@example.com", problem.GetProperty("errors").GetProperty("recipient")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
