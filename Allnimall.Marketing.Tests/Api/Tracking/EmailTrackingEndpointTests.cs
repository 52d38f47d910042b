using System.Net;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Tracking;

/// <summary>The public email endpoints through the real app: anonymous, cookie-free, signed tokens only.</summary>
public sealed class EmailTrackingEndpointTests(EmailTrackingEndpointTests.App app) : IClassFixture<EmailTrackingEndpointTests.App>
{
    public sealed class App : MarketingAppFactory;

    private const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    private const string Destination = "https://toko.example/sale?a=1&b=2";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TrackingTokenSigner Signer => app.Services.GetRequiredService<TrackingTokenSigner>();

    private HttpClient Client()
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        return client;
    }

    /// <summary>A customer with email consent, a campaign and a delivery sent an hour ago with one stored link.</summary>
    private async Task<(Guid CustomerId, Guid DeliveryId)> SentDeliveryAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        var customer = new Customer { ExternalId = $"trk-{Guid.NewGuid():N}", FirstName = "Ani", Email = "ani@example.com", EmailConsent = true };
        var campaign = new Campaign
        {
            Name = "Tracked", CampaignType = CampaignType.Email, Status = CampaignStatus.Active, TargetAudience = "{}",
            CreatedBy = await db.Users.Select(u => u.Id).FirstAsync(Ct),
        };
        var delivery = new CampaignDelivery
        {
            CampaignId = campaign.Id, CustomerId = customer.Id, Channel = DeliveryChannel.Email, Status = DeliveryStatus.Sent,
            SentAt = DateTime.UtcNow.AddHours(-1), NextAttemptAt = DateTime.UtcNow.AddHours(-1),
        };
        db.AddRange(customer, campaign, delivery, new EmailLink { DeliveryId = delivery.Id, LinkIndex = 0, Url = Destination });
        await db.SaveChangesAsync(Ct);
        return (customer.Id, delivery.Id);
    }

    private async Task<List<CustomerEngagement>> EngagementAsync(Guid customerId)
    {
        await app.Services.GetRequiredService<TrackingRecorder>().DrainAsync(Ct);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        return await db.CustomerEngagement.AsNoTracking().Where(e => e.CustomerId == customerId).ToListAsync(Ct);
    }

    private async Task<Customer> CustomerAsync(Guid id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        return await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id, Ct);
    }

    [Fact]
    public async Task T27_the_pixel_is_a_fixed_gif_without_caching_or_cookies_and_only_valid_tokens_are_recorded()
    {
        var (customer, delivery) = await SentDeliveryAsync();
        var client = Client();
        var valid = Signer.Sign(delivery, TrackingTokenKind.Open);
        var tampered = valid[..^2] + (valid[^2] == 'A' ? "BA" : "AA");

        var responses = new List<HttpResponseMessage>();
        foreach (var path in new[] { $"/t/o/{valid}", $"/t/o/{tampered}", "/t/o/garbage", $"/t/o/{Signer.Sign(delivery, TrackingTokenKind.Click)}" })
            responses.Add(await client.GetAsync(path, Ct));

        var bodies = new List<byte[]>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/gif", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
            Assert.False(response.Headers.Contains("Set-Cookie"));
            bodies.Add(await response.Content.ReadAsByteArrayAsync(Ct));
        }
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        var open = Assert.Single(await EngagementAsync(customer));
        Assert.Equal((EngagementTypes.EmailOpen, delivery, false), (open.EngagementType, open.DeliveryId!.Value, open.IsAutomated));
    }

    [Fact]
    public async Task T27_a_huge_user_agent_is_stored_truncated_and_as_data()
    {
        var (customer, delivery) = await SentDeliveryAsync();
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "<script>alert(1)</script>" + new string('x', 10_000));

        var response = await client.GetAsync($"/t/o/{Signer.Sign(delivery, TrackingTokenKind.Open)}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(await EngagementAsync(customer));
        var agent = System.Text.Json.JsonDocument.Parse(open.EngagementData!).RootElement.GetProperty("user_agent").GetString()!;
        Assert.Equal(TrackingEventWriter.MaxAgentLength, agent.Length);
        Assert.StartsWith("<script>", agent);
    }

    [Fact]
    public async Task T26_a_click_redirects_only_to_the_stored_url_and_anything_else_is_404_with_nothing_recorded()
    {
        var (customer, delivery) = await SentDeliveryAsync();
        var client = Client();
        var token = Signer.Sign(delivery, TrackingTokenKind.Click, 0);

        var click = await client.GetAsync($"/t/c/{token}?url=https://evil.example", Ct);
        var unknownLink = await client.GetAsync($"/t/c/{Signer.Sign(delivery, TrackingTokenKind.Click, 1)}", Ct);
        var tampered = await client.GetAsync($"/t/c/{token[..^1]}{(token[^1] == 'A' ? 'B' : 'A')}", Ct);
        var openToken = await client.GetAsync($"/t/c/{Signer.Sign(delivery, TrackingTokenKind.Open)}", Ct);
        var otherDelivery = await client.GetAsync($"/t/c/{Signer.Sign(Guid.NewGuid(), TrackingTokenKind.Click, 0)}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
        Assert.Equal(Destination, click.Headers.Location!.OriginalString);
        Assert.All([unknownLink, tampered, openToken, otherDelivery], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.All([unknownLink, tampered, openToken, otherDelivery], r => Assert.Null(r.Headers.Location));
        var recorded = Assert.Single(await EngagementAsync(customer));
        Assert.Equal((EngagementTypes.EmailClick, 0), (recorded.EngagementType, recorded.LinkIndex!.Value));
        Assert.Contains(Destination.Replace("&", "\\u0026"), recorded.EngagementData);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task T14_the_one_click_post_unsubscribes_at_once_without_cookies_antiforgery_or_redirect(bool multipart)
    {
        var (customerId, delivery) = await SentDeliveryAsync();
        var client = Client();
        var url = $"/u/{Signer.Sign(delivery, TrackingTokenKind.Unsubscribe)}";
        HttpContent Body()
        {
            if (!multipart) return new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
            return new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } };
        }

        var first = await client.PostAsync(url, Body(), Ct);
        var customer = await CustomerAsync(customerId);
        var repeat = await client.PostAsync(url, Body(), Ct);
        var garbage = await client.PostAsync("/u/garbage", Body(), Ct);

        Assert.All([first, repeat, garbage], r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Null(r.Headers.Location);
            Assert.False(r.Headers.Contains("Set-Cookie"));
        });
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await garbage.Content.ReadAsStringAsync(Ct));
        Assert.False(customer.EmailConsent);
        Assert.Equal(UnsubscribeSources.OneClick, customer.EmailConsentSource);
        Assert.Single(await EngagementAsync(customerId), e => e.EngagementType == EngagementTypes.EmailUnsubscribe);
    }

    [Fact]
    public async Task T15_get_and_head_never_unsubscribe_the_page_asks_and_its_form_confirms()
    {
        var (customerId, delivery) = await SentDeliveryAsync();
        var client = Client();
        client.DefaultRequestHeaders.UserAgent.Clear();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (compatible; Barracuda Sentinel)");
        var url = $"/u/{Signer.Sign(delivery, TrackingTokenKind.Unsubscribe)}";

        var page = await client.GetAsync(url, Ct);
        await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url), Ct);
        var kept = await client.GetStringAsync($"{url}?kept=true", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-testid=\"confirm-unsubscribe\"", html);
        Assert.Contains("Allnimall Pet Store", html);
        Assert.Contains($"action=\"{url}\"", html);
        Assert.DoesNotContain("ani@example.com", html);
        Assert.Contains("data-testid=\"kept\"", kept);
        Assert.True((await CustomerAsync(customerId)).EmailConsent);

        var confirmed = await client.PostAsync(url, new FormUrlEncodedContent([new("confirm", "unsubscribe")]), Ct);
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal(url, confirmed.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"unsubscribed\"", await client.GetStringAsync(url, Ct));
        var customer = await CustomerAsync(customerId);
        Assert.Equal((false, UnsubscribeSources.PreferencePage), (customer.EmailConsent, customer.EmailConsentSource));
    }

    [Fact]
    public async Task An_invalid_unsubscribe_link_shows_a_not_found_page_that_changes_nothing()
    {
        var response = await Client().GetAsync("/u/garbage", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("data-testid=\"invalid\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task T29_one_token_flooding_the_pixel_gets_429_with_retry_after_while_other_tokens_pass()
    {
        var client = Client();
        var token = Signer.Sign(Guid.NewGuid(), TrackingTokenKind.Open);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 70; i++)
        {
            var response = await client.GetAsync($"/t/o/{token}", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }
        var other = await client.GetAsync($"/t/o/{Signer.Sign(Guid.NewGuid(), TrackingTokenKind.Open)}", Ct);

        Assert.Equal(60, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.NotNull(limited);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
