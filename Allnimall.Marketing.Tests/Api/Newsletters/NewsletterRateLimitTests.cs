using System.Net;
using System.Net.Http.Json;
using Allnimall.Marketing.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Allnimall.Marketing.Tests.Api.Newsletters;

/// <summary>The public newsletter endpoints are limited per IP: past the limit, 429 with Retry-After, nothing done.</summary>
public sealed class NewsletterRateLimitTests(NewsletterRateLimitTests.App app) : IClassFixture<NewsletterRateLimitTests.App>
{
    public sealed class App : MarketingAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Newsletters:PublicRequestsPerMinute", "3");
        }
    }

    [Fact]
    public async Task Requests_past_the_per_IP_limit_get_429()
    {
        var client = app.CreateAnonymousClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/newsletters/no-such-list/subscribe", new { email = $"spray{i}@example.com" },
                TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.Equal("60", response.Headers.RetryAfter!.ToString());
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests], statuses);
    }
}
