using System.Net;
using System.Text;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Allnimall.Marketing.Tests.Api.Security;

/// <summary>T34: security headers on every kind of response, no server banner, no CORS, errors without stack traces.</summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.App app) : IClassFixture<SecurityHeadersTests.App>
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        string Header(string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
            : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");

        var csp = Header("Content-Security-Policy").Split(';').Select(d => d.Trim()).ToList();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("img-src 'self' data: https:", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header("Referrer-Policy"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task A_page_carries_the_security_headers()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/Account/Login", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task An_api_json_response_and_an_api_401_carry_the_security_headers()
    {
        var admin = await app.CreateClientAsAsync(Roles.Admin);
        var json = await admin.GetAsync("/api/marketing/settings/subscription", Ct);
        var unauthorized = await app.CreateAnonymousClient().GetAsync("/api/marketing/settings/subscription", Ct);

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        AssertSecurityHeaders(json);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        AssertSecurityHeaders(unauthorized);
    }

    [Fact]
    public async Task A_404_carries_the_security_headers()
    {
        var page = await app.CreateAnonymousClient().GetAsync("/no-such-page", Ct);
        var api = await (await app.CreateClientAsAsync(Roles.Admin)).GetAsync("/api/marketing/no-such-thing", Ct);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        AssertSecurityHeaders(page);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        AssertSecurityHeaders(api);
    }

    [Fact]
    public async Task Hsts_is_sent_outside_Development()
    {
        // The HSTS middleware skips localhost; a real host name shows what production sends.
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, BaseAddress = new Uri("https://marketing.example"),
        });

        var response = await client.GetAsync("/Account/Login", Ct);

        Assert.StartsWith("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task A_cors_preflight_from_a_foreign_origin_gets_no_allow_origin()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/marketing/settings/subscription");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "PUT");
        var response = await app.CreateAnonymousClient().SendAsync(preflight, Ct);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_malformed_body_gets_a_400_problem_details_without_internals()
    {
        var admin = await app.CreateClientAsAsync(Roles.Admin);
        var token = await MarketingAppFactory.GetAntiforgeryTokenAsync(admin, "/settings/subscription");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/marketing/settings/subscription")
        {
            Content = new StringContent("{\"status\": \"active\", \"monthly_email_quota\": ", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", token);

        var response = await admin.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(" at ", body);
        AssertSecurityHeaders(response);
    }
}
