using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Newsletters;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Newsletters;

/// <summary>The staff API under /api/marketing/newsletters and the preference page of a newsletter issue, through the real app.</summary>
public sealed class NewsletterApiTests(NewsletterApiTests.App app) : IClassFixture<NewsletterApiTests.App>
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    [Fact]
    public async Task Lists_and_subscribers_have_crud_counts_and_problem_details()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var slug = $"api-{Guid.NewGuid():N}"[..16];

        var created = await client.PostAsJsonAsync("/api/marketing/newsletters", new { name = "API News", slug }, Ct);
        var duplicate = await client.PostAsJsonAsync("/api/marketing/newsletters", new { name = "Other", slug }, Ct);
        var id = (await JsonAsync(created)).GetProperty("id").GetGuid();
        var noConsent = await client.PostAsJsonAsync($"/api/marketing/newsletters/{id}/subscribers", new { email = "a@example.com" }, Ct);
        var added = await client.PostAsJsonAsync($"/api/marketing/newsletters/{id}/subscribers", new { email = "a@example.com", consent_confirmed = true }, Ct);
        var again = await client.PostAsJsonAsync($"/api/marketing/newsletters/{id}/subscribers", new { email = "a@example.com", consent_confirmed = true }, Ct);
        var subscriberId = (await JsonAsync(added)).GetProperty("id").GetGuid();
        var counts = await JsonAsync(await client.GetAsync($"/api/marketing/newsletters/{id}/counts", Ct));
        var page = await JsonAsync(await client.GetAsync($"/api/marketing/newsletters/{id}/subscribers?status=subscribed", Ct));
        var badStatus = await client.GetAsync($"/api/marketing/newsletters/{id}/subscribers?status=nope", Ct);
        var removed = await client.DeleteAsync($"/api/marketing/newsletters/{id}/subscribers/{subscriberId}", Ct);
        var removedAgain = await client.DeleteAsync($"/api/marketing/newsletters/{id}/subscribers/{subscriberId}", Ct);
        var export = await client.GetAsync($"/api/marketing/newsletters/{id}/subscribers/export", Ct);
        var deleted = await client.DeleteAsync($"/api/marketing/newsletters/{id}", Ct);
        var gone = await client.GetAsync($"/api/marketing/newsletters/{id}", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.True((await JsonAsync(duplicate)).GetProperty("errors").TryGetProperty("slug", out _));
        Assert.Equal(HttpStatusCode.BadRequest, noConsent.StatusCode);
        Assert.True((await JsonAsync(noConsent)).GetProperty("errors").TryGetProperty("consent_confirmed", out _));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, counts.GetProperty("subscribed").GetInt32());
        Assert.Equal(1, page.GetProperty("total_count").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, removedAgain.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains("a@example.com,,unsubscribed", await export.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task The_store_owner_sees_lists_but_not_subscriber_addresses_and_cannot_change_them()
    {
        var client = await app.CreateApiClientAsAsync(Roles.StoreOwner);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/marketing/newsletters", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/marketing/newsletters/{Guid.NewGuid()}/subscribers", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/marketing/newsletters", new { name = "x" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_issue_preference_page_offers_leaving_the_list_and_its_button_leaves_only_that_list()
    {
        Guid deliveryId, subscriptionId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct))
        {
            var list = new NewsletterList { Name = "Kitten Weekly", Slug = $"kw-{Guid.NewGuid():N}"[..12] };
            var subscription = new NewsletterSubscription
            {
                ListId = list.Id, Email = $"reader-{Guid.NewGuid():N}@example.com", Status = NewsletterSubscriptionStatus.Subscribed, Source = "test",
            };
            var campaign = new Campaign
            {
                Name = "Issue 1", CampaignType = CampaignType.Email, Status = CampaignStatus.Active,
                TargetAudience = new CampaignAudience([], [], list.Id).ToJson(), CreatedBy = await db.Users.Select(u => u.Id).FirstAsync(Ct),
            };
            var delivery = new CampaignDelivery
            {
                CampaignId = campaign.Id, NewsletterSubscriptionId = subscription.Id, Channel = DeliveryChannel.Email, Status = DeliveryStatus.Sent,
                SentAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow,
            };
            db.AddRange(list, subscription, campaign, delivery);
            await db.SaveChangesAsync(Ct);
            (deliveryId, subscriptionId) = (delivery.Id, subscription.Id);
        }
        var token = app.Services.GetRequiredService<TrackingTokenSigner>().Sign(deliveryId, TrackingTokenKind.Unsubscribe);
        var client = app.CreateAnonymousClient();

        var page = await (await client.GetAsync($"/u/{token}", Ct)).Content.ReadAsStringAsync(Ct);
        var leave = await client.PostAsync($"/u/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["confirm"] = "newsletter" }), Ct);
        var after = await (await client.GetAsync($"/u/{token}", Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains("data-testid=\"leave-newsletter\"", page);
        Assert.Contains("Kitten Weekly", page);
        Assert.Equal(HttpStatusCode.SeeOther, leave.StatusCode);
        Assert.Contains("data-testid=\"left-newsletter\"", after);
        await using var check = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        var left = await check.NewsletterSubscriptions.AsNoTracking().SingleAsync(s => s.Id == subscriptionId, Ct);
        Assert.Equal((NewsletterSubscriptionStatus.Unsubscribed, UnsubscribeSources.PreferencePage), (left.Status, left.UnsubscribeSource));
        Assert.False(await check.EmailSuppressions.AnyAsync(s => s.Email == left.Email, Ct));
    }
}
