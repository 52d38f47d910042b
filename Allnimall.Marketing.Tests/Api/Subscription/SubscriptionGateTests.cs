using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Subscription;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Api;
using Allnimall.Marketing.Web.Components.Layout;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Subscription;

/// <summary>The add-on gate in the real app: pages show the notice, settings stay reachable, the API endpoints are marked.</summary>
public sealed class SubscriptionGateTests(SubscriptionGateTests.App app) : IClassFixture<SubscriptionGateTests.App>
{
    public sealed class App : MarketingAppFactory;

    private const string SubscriptionApi = "/api/marketing/settings/subscription";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task SetAsync(SubscriptionStatus status, DateTime? endsAt)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SubscriptionService>().UpdateAsync(
            new SubscriptionForm { Status = status, EndsAt = endsAt, MonthlyEmailQuota = 1000, MonthlySmsQuota = 100 }, Ct);
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task When_expired_pages_show_the_notice_and_settings_stay_reachable()
    {
        var marketer = await app.CreateClientAsAsync(Roles.Marketer);
        var admin = await app.CreateClientAsAsync(Roles.Admin);
        try
        {
            await SetAsync(SubscriptionStatus.Expired, null);

            var home = await marketer.GetStringAsync("/", Ct);
            Assert.Contains(SubscriptionGate.Notice, WebUtility.HtmlDecode(home));
            Assert.Contains("Ask an administrator", home);
            Assert.DoesNotContain("Open Settings", home);
            Assert.DoesNotContain(">Overview</h4>", home);

            var adminHome = await admin.GetStringAsync("/", Ct);
            Assert.Contains(SubscriptionGate.Notice, WebUtility.HtmlDecode(adminHome));
            Assert.Contains("Open Settings", WebUtility.HtmlDecode(adminHome));

            var settings = await admin.GetStringAsync("/settings/subscription", Ct);
            Assert.Contains("Marketing add-on subscription", settings);
            Assert.DoesNotContain(SubscriptionGate.Notice, WebUtility.HtmlDecode(settings));
            var api = await admin.GetFromJsonAsync<JsonElement>(SubscriptionApi, Ct);
            Assert.Equal("expired", api.GetProperty("status").GetString());
            Assert.False(api.GetProperty("is_active").GetBoolean());

            await SetAsync(SubscriptionStatus.Active, DateTime.UtcNow.AddDays(30));
            Assert.DoesNotContain(SubscriptionGate.Notice, WebUtility.HtmlDecode(await marketer.GetStringAsync("/", Ct)));
        }
        finally
        {
            await SetAsync(SubscriptionStatus.Active, DateTime.UtcNow.AddDays(30));
        }
    }

    [Fact]
    public async Task Only_settings_managers_reach_the_subscription_page_and_api()
    {
        var marketer = await app.CreateClientAsAsync(Roles.Marketer);

        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.GetAsync(SubscriptionApi, Ct)).StatusCode);
        var page = await marketer.GetAsync("/settings/subscription", Ct);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/Account/AccessDenied", page.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync(SubscriptionApi, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_api_refuses_invalid_edits_with_field_errors_and_never_accepts_usage_counters()
    {
        var admin = await app.CreateClientAsAsync(Roles.Admin);
        var token = await MarketingAppFactory.GetAntiforgeryTokenAsync(admin, "/settings/subscription");

        async Task<HttpResponseMessage> PutAsync(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, SubscriptionApi) { Content = JsonContent.Create(body) };
            request.Headers.Add("RequestVerificationToken", token);
            return await admin.SendAsync(request, Ct);
        }

        var trialWithoutEnd = await PutAsync(new { status = "trial", monthly_email_quota = 10, monthly_sms_quota = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, trialWithoutEnd.StatusCode);
        var problem = await trialWithoutEnd.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("ends_at", out _));

        var overPost = await PutAsync(new { status = "active", monthly_email_quota = 10, monthly_sms_quota = 1, emails_sent_this_period = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, overPost.StatusCode);

        var badStatus = await PutAsync(new { status = "forever", monthly_email_quota = 10, monthly_sms_quota = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);

        var current = await admin.GetFromJsonAsync<JsonElement>(SubscriptionApi, Ct);
        Assert.NotEqual(10, current.GetProperty("monthly_email_quota").GetInt32());
    }

    [Fact]
    public void Marketing_endpoints_are_gated_while_settings_and_store_ingest_are_not()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/marketing/", StringComparison.Ordinal) == true)
            .ToList();

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText!;
            var exempt = pattern.StartsWith("/api/marketing/settings", StringComparison.Ordinal)
                || pattern.StartsWith("/api/marketing/store", StringComparison.Ordinal);
            Assert.True(exempt == (endpoint.Metadata.GetMetadata<RequiresActiveSubscriptionMetadata>() is null),
                $"{pattern}: {(exempt ? "must stay reachable" : "must be gated")} — map it on the right group in MarketingApi");
        }
    }
}
