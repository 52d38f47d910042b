using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Campaigns;

/// <summary><c>POST …/deliveries/resend-unknown</c> and <c>GET /outbox</c> over a campaign launched and sent through the API.</summary>
public sealed class CampaignResendApiTests(CampaignResendApiTests.App app) : IClassFixture<CampaignResendApiTests.App>
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>An email campaign to two customers, launched and sent; the second delivery then made unknown. Returns (campaign, sent, unknown).</summary>
    private async Task<(string Campaign, Guid Sent, Guid Unknown)> SentCampaignWithOneUnknownAsync(HttpClient client, string name)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>();
        Guid segmentId;
        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            var customers = new[]
            {
                new Customer { ExternalId = $"{name}-1", FirstName = "Wati", LastName = name, Email = $"wati.{name}@example.com", EmailConsent = true },
                new Customer { ExternalId = $"{name}-2", FirstName = "Yudi", LastName = name, Email = $"yudi.{name}@example.com", EmailConsent = true },
            };
            var segment = new CustomerSegment
            {
                Name = $"Resend {name}", SegmentType = SegmentType.Static, SegmentCriteria = "{}",
                CreatedBy = await db.Users.Select(u => u.Id).FirstAsync(Ct),
            };
            db.Customers.AddRange(customers);
            db.CustomerSegments.Add(segment);
            db.SegmentCustomers.AddRange(customers.Select(c => new SegmentCustomer { SegmentId = segment.Id, CustomerId = c.Id, AddedAt = DateTime.UtcNow }));
            await db.SaveChangesAsync(Ct);
            segmentId = segment.Id;
        }
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name, ["include_segments"] = new[] { segmentId }, ["email_subject"] = "Hello {{ customer.first_name }}",
            ["email_content"] = "<p>Hi {{ customer.first_name }}</p><p>{{ store.address }} <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
        });
        var created = await client.PostAsync("/api/marketing/email-campaigns", Json(body), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/marketing/campaigns/{id}/launch", null, Ct)).StatusCode);
        // The dispatcher sends whatever is due in the shared database, other tests' requeued deliveries included.
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DeliveryDispatcher>().RunOnceAsync(100, Ct);

        await using (var db = await factory.CreateDbContextAsync(Ct))
        {
            var deliveries = await db.CampaignDeliveries.Where(d => d.CampaignId == Guid.Parse(id))
                .Join(db.Customers, d => d.CustomerId, c => c.Id, (d, c) => new { d.Id, c.FirstName })
                .OrderBy(d => d.FirstName).Select(d => d.Id).ToListAsync(Ct); // Wati, then Yudi
            Assert.Equal(2, await db.CampaignDeliveries.CountAsync(d => d.CampaignId == Guid.Parse(id) && d.Status == DeliveryStatus.Sent, Ct));
            var unknown = deliveries[1];
            await db.CampaignDeliveries.Where(d => d.Id == unknown).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Unknown), Ct);
            await db.OutboxMessages.Where(m => m.DeliveryId == unknown).ExecuteDeleteAsync(Ct);
            return (id, deliveries[0], unknown);
        }
    }

    [Fact]
    public async Task Resend_requeues_the_unknown_deliveries_then_answers_409_when_none_is_left_and_404_for_an_unknown_campaign()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var (id, sent, _) = await SentCampaignWithOneUnknownAsync(client, "resendall");

        var chosenSent = await client.PostAsync($"/api/marketing/campaigns/{id}/deliveries/resend-unknown",
            Json($$"""{"delivery_ids":["{{sent}}"]}"""), Ct);
        Assert.Equal(HttpStatusCode.Conflict, chosenSent.StatusCode);
        Assert.Equal("application/problem+json", chosenSent.Content.Headers.ContentType?.MediaType);

        var resend = await client.PostAsync($"/api/marketing/campaigns/{id}/deliveries/resend-unknown", null, Ct);
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Equal(1, (await resend.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("requeued").GetInt32());
        var queued = await client.GetFromJsonAsync<JsonElement>($"/api/marketing/campaigns/{id}/deliveries?status=queued", Ct);
        Assert.Equal(1, queued.GetProperty("total_count").GetInt32());

        var again = await client.PostAsync($"/api/marketing/campaigns/{id}/deliveries/resend-unknown", Json("{}"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("This campaign has no deliveries with an unknown outcome.",
            (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());

        var missing = await client.PostAsync($"/api/marketing/campaigns/{Guid.NewGuid()}/deliveries/resend-unknown", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Resend_of_chosen_ids_moves_only_those_and_a_store_owner_may_not_resend()
    {
        var marketer = await app.CreateApiClientAsAsync(Roles.Marketer);
        var (id, _, unknown) = await SentCampaignWithOneUnknownAsync(marketer, "resendchosen");

        var owner = await app.CreateApiClientAsAsync(Roles.StoreOwner);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await owner.PostAsync($"/api/marketing/campaigns/{id}/deliveries/resend-unknown", null, Ct)).StatusCode);

        var resend = await marketer.PostAsync($"/api/marketing/campaigns/{id}/deliveries/resend-unknown",
            Json($$"""{"delivery_ids":["{{unknown}}"]}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Equal(1, (await resend.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("requeued").GetInt32());
        var detail = await marketer.GetFromJsonAsync<JsonElement>($"/api/marketing/campaigns/{id}", Ct);
        Assert.Equal("resent_unknown", detail.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString());
    }

    [Fact]
    public async Task Outbox_lists_a_campaigns_messages_with_filters_and_one_in_full_but_not_for_a_store_owner()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var (id, _, _) = await SentCampaignWithOneUnknownAsync(client, "outbox");

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/marketing/outbox?campaign_id={id}&channel=email", Ct);
        var row = Assert.Single(list.GetProperty("items").EnumerateArray()); // the unknown one's message was removed
        Assert.Equal("wati.outbox@example.com", row.GetProperty("recipient").GetString());
        Assert.Equal("Hello Wati", row.GetProperty("summary").GetString());
        Assert.Equal("outbox", row.GetProperty("campaign_name").GetString());

        var message = await client.GetFromJsonAsync<JsonElement>($"/api/marketing/outbox/{row.GetProperty("id").GetString()}", Ct);
        // The email as sent: the content, then the tracking pixel the composition step appends.
        var sentBody = message.GetProperty("body").GetString()!;
        Assert.StartsWith("<p>Hi Wati</p><p>Jl. Kemang Raya 5, Jakarta 12730 <a href=", sentBody, StringComparison.Ordinal);
        Assert.Contains("</p><img src=\"http://localhost:5000/t/o/", sentBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/marketing/outbox/{Guid.NewGuid()}", Ct)).StatusCode);

        var bad = await client.GetAsync("/api/marketing/outbox?channel=fax&campaign_id=nope&sort=size", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("channel", out _) && errors.TryGetProperty("campaign_id", out _) && errors.TryGetProperty("sort", out _));

        var owner = await app.CreateApiClientAsAsync(Roles.StoreOwner);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/api/marketing/outbox", Ct)).StatusCode);
    }
}
