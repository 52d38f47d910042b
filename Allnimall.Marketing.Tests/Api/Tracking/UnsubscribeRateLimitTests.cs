using System.Net;
using Allnimall.Marketing.Tests.Support;

namespace Allnimall.Marketing.Tests.Api.Tracking;

/// <summary>
/// A script spraying one-click unsubscribe POSTs is cut off per IP with a plain 429 and Retry-After, not re-executed
/// as a POST to the not-found page (which would answer 400). Its own app: the flood spends the IP's budget.
/// </summary>
public sealed class UnsubscribeRateLimitTests(UnsubscribeRateLimitTests.App app) : IClassFixture<UnsubscribeRateLimitTests.App>
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task T29_a_flood_of_one_click_unsubscribe_posts_gets_429_with_retry_after()
    {
        var client = app.CreateAnonymousClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;

        for (var i = 0; i < 35; i++)
        {
            var response = await client.PostAsync($"/u/garbage{i}",
                new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]), Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }

        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.NotNull(limited!.Headers.RetryAfter);
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync(Ct));
    }
}
