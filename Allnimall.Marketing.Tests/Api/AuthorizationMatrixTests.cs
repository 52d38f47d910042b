using System.Net;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api;

/// <summary>
/// T30: every endpoint and page names a policy, and the role × endpoint matrix holds. The endpoints are enumerated from
/// the running app, so a new endpoint without a policy fails here.
/// </summary>
public sealed partial class AuthorizationMatrixTests(AuthorizationMatrixTests.App app) : IClassFixture<AuthorizationMatrixTests.App>
{
    public sealed class App : MarketingAppFactory;

    /// <summary>Routes anyone may reach without signing in, and why.</summary>
    private static readonly string[] AnonymousRoutes =
    [
        "/health", "/openapi/{documentName}.json", "/Error", "/not-found", "/setup",
        "/{*path}", // unknown paths answer 404 (not a login redirect) to everyone
        // Signing in and recovering an account happen before there is a user.
        "/Account/Login", "/Account/Logout", "/Account/AccessDenied", "/Account/ConfirmEmail", "/Account/ConfirmEmailChange",
        "/Account/ExternalLogin", "/Account/PerformExternalLogin", "/Account/ForgotPassword", "/Account/ForgotPasswordConfirmation",
        "/Account/InvalidPasswordReset", "/Account/InvalidUser", "/Account/Lockout", "/Account/LoginWith2fa",
        "/Account/LoginWithRecoveryCode", "/Account/ResendEmailConfirmation", "/Account/ResetPassword",
        "/Account/ResetPasswordConfirmation", "/Account/PasskeyRequestOptions",
        // Links inside emails: the signed token in the path is the credential (open pixel, click redirect, unsubscribe).
        "/t/o/{token}", "/t/c/{token}", "/u/{token}",
        // A newsletter's public sign-up page and form (anyone may ask; the address must confirm) and its confirmation
        // link (the signed token is the credential).
        "/newsletters/{slug}", "/newsletters/{slug}/subscribe", "/newsletters/confirm/{token}",
    ];

    /// <summary>A signed-in user's own account pages: any role, no permission needed.</summary>
    private static readonly Regex OwnAccountRoute = OwnAccountPattern();

    private IReadOnlyList<RouteEndpoint> Endpoints()
    {
        app.CreateAnonymousClient().Dispose(); // starts the host
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsFrameworkEndpoint(e))
            .ToList();
    }

    [Fact]
    public void Every_endpoint_names_a_policy_or_is_an_intended_anonymous_route()
    {
        var problems = new List<string>();
        foreach (var endpoint in Endpoints())
        {
            var route = Route(endpoint);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = Policies(endpoint);
            if (anonymous && !AnonymousRoutes.Contains(route)) problems.Add($"{route} allows anonymous access but is not on the allowlist");
            if (!anonymous && policies.Count == 0 && !OwnAccountRoute.IsMatch(route)) problems.Add($"{route} names no policy");
            foreach (var policy in policies.Where(p => !IsKnownPolicy(p))) problems.Add($"{route} names unknown policy {policy}");
        }
        Assert.Empty(problems);
        Assert.Contains(Endpoints(), e => Route(e) == "/");
    }

    /// <summary>The policies the campaign pages, the resend action and the outbox name (the matrix above then checks each role).</summary>
    [Theory]
    [InlineData("/campaigns", new[] { Permissions.CampaignsView })]
    [InlineData("/campaigns/{Id:guid}", new[] { Permissions.CampaignsView })]
    [InlineData("/api/marketing/campaigns/{id:guid}/deliveries/resend-unknown", new[] { Permissions.CampaignsLaunch })]
    // The outbox holds customers' addresses and personalised content: reading campaigns is not enough.
    [InlineData("/settings/outbox", new[] { Permissions.CampaignsView, Permissions.CustomersPii })]
    [InlineData("/api/marketing/outbox/", new[] { Permissions.CampaignsView, Permissions.CustomersPii })]
    [InlineData("/api/marketing/outbox/{id:guid}", new[] { Permissions.CampaignsView, Permissions.CustomersPii })]
    public void Campaign_pages_resend_and_outbox_name_their_policies(string route, string[] expected)
    {
        var endpoint = Assert.Single(Endpoints(), e => Route(e) == route);
        Assert.Equal(expected.Order(), Policies(endpoint).Order());
    }

    /// <summary>Endpoints added with the campaign form and the email suppression list, and the one policy each must name.</summary>
    [Theory]
    [InlineData("/api/marketing/campaign-templates", "GET", Permissions.CampaignsView)]
    [InlineData("/api/marketing/campaign-templates", "POST", Permissions.CampaignsManage)]
    [InlineData("/api/marketing/campaign-templates/{id:guid}", "DELETE", Permissions.CampaignsManage)]
    [InlineData("/api/marketing/campaigns/{id:guid}/test-send", "POST", Permissions.CampaignsManage)]
    [InlineData("/campaigns/new", "GET", Permissions.CampaignsManage)]
    [InlineData("/campaigns/{Id:guid}/edit", "GET", Permissions.CampaignsManage)]
    // The suppression list is customers' addresses and decides who is mailed again: customers.pii (see EmailSuppressionEndpoints).
    [InlineData("/api/marketing/email-suppressions", "GET", Permissions.CustomersPii)]
    [InlineData("/api/marketing/email-suppressions", "POST", Permissions.CustomersPii)]
    [InlineData("/api/marketing/email-suppressions/{id:guid}", "DELETE", Permissions.CustomersPii)]
    [InlineData("/settings/suppressions", "GET", Permissions.CustomersPii)]
    // Newsletters: lists and counts with the campaign permissions; subscriber addresses are customers.pii (as the suppression list).
    [InlineData("/newsletters", "GET", Permissions.CampaignsView)]
    [InlineData("/newsletters/lists/{Id:guid}", "GET", Permissions.CustomersPii)]
    [InlineData("/api/marketing/newsletters", "GET", Permissions.CampaignsView)]
    [InlineData("/api/marketing/newsletters", "POST", Permissions.CampaignsManage)]
    [InlineData("/api/marketing/newsletters/{id:guid}", "GET", Permissions.CampaignsView)]
    [InlineData("/api/marketing/newsletters/{id:guid}", "PUT", Permissions.CampaignsManage)]
    [InlineData("/api/marketing/newsletters/{id:guid}", "DELETE", Permissions.CampaignsManage)]
    [InlineData("/api/marketing/newsletters/{id:guid}/counts", "GET", Permissions.CampaignsView)]
    [InlineData("/api/marketing/newsletters/{id:guid}/subscribers", "GET", Permissions.CustomersPii)]
    [InlineData("/api/marketing/newsletters/{id:guid}/subscribers", "POST", Permissions.CampaignsManage)]
    [InlineData("/api/marketing/newsletters/{id:guid}/subscribers/export", "GET", Permissions.CustomersPii)]
    [InlineData("/api/marketing/newsletters/{id:guid}/subscribers/{subscriberId:guid}", "DELETE", Permissions.CampaignsManage)]
    // Settings → Email (SMTP, DKIM, bounce mailbox, senders): admins (settings.manage).
    [InlineData("/api/marketing/settings/email", "GET", Permissions.SettingsManage)]
    [InlineData("/api/marketing/settings/email", "PUT", Permissions.SettingsManage)]
    [InlineData("/api/marketing/settings/email", "DELETE", Permissions.SettingsManage)]
    [InlineData("/api/marketing/settings/email/test-connection", "POST", Permissions.SettingsManage)]
    [InlineData("/api/marketing/settings/email/send-test", "POST", Permissions.SettingsManage)]
    [InlineData("/settings/email", "GET", Permissions.SettingsManage)]
    public void Campaign_form_endpoints_name_their_policy(string route, string method, string policy)
    {
        var endpoint = Endpoints().Single(e => Route(e).TrimEnd('/') == route && Methods(e, route).Contains(method));
        Assert.Equal([policy], Policies(endpoint));
    }

    /// <summary>The discount pages (list, form, detail, simulator, a campaign's discount) all need discounts.manage.</summary>
    [Theory]
    [InlineData("/discounts")]
    [InlineData("/discounts/new")]
    [InlineData("/discounts/{Id:guid}")]
    [InlineData("/discounts/{Id:guid}/edit")]
    [InlineData("/discounts/simulator")]
    [InlineData("/discounts/campaign/{CampaignId:guid}")]
    [InlineData("/products")]
    public void Discount_pages_name_their_policy(string route)
    {
        var endpoint = Assert.Single(Endpoints(), e => Route(e) == route);
        Assert.Equal([Permissions.DiscountsManage], Policies(endpoint));
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_API_and_a_login_redirect_from_pages()
    {
        var client = app.CreateAnonymousClient();
        foreach (var (endpoint, method) in ProtectedCalls())
        {
            var response = await SendAsync(client, endpoint, method);
            var route = Route(endpoint);
            if (IsApi(route))
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route}: {(int)response.StatusCode}");
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {route}: {(int)response.StatusCode}");
                Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Marketer)]
    [InlineData(Roles.StoreOwner)]
    public async Task Each_role_reaches_exactly_what_its_permissions_allow(string role)
    {
        var client = await app.CreateClientAsAsync(role);
        var granted = Permissions.DefaultsFor(role).ToHashSet();
        var failures = new List<string>();
        foreach (var (endpoint, method) in ProtectedCalls())
        {
            var route = Route(endpoint);
            var allowed = OwnAccountRoute.IsMatch(route) || Policies(endpoint).All(p => StaffMayUse(p, granted));
            var response = await SendAsync(client, endpoint, method);
            var denied = IsApi(route)
                ? response.StatusCode == HttpStatusCode.Forbidden
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("AccessDenied", StringComparison.OrdinalIgnoreCase);
            var unauthenticated = response.StatusCode == HttpStatusCode.Unauthorized;
            if (unauthenticated || allowed == denied)
                failures.Add($"{role} {method} {route}: expected {(allowed ? "access" : "denial")}, got {(int)response.StatusCode}");
        }
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(ApiScopes.IngestWrite)]
    [InlineData(ApiScopes.CustomersRead)]
    [InlineData(ApiScopes.PromoRedeem)]
    public async Task An_API_key_reaches_only_the_endpoints_its_scope_allows(string scope)
    {
        var created = await app.Services.CreateScope().ServiceProvider.GetRequiredService<ApiKeyService>()
            .CreateAsync($"matrix {scope}", [scope], createdBy: null, TestContext.Current.CancellationToken);
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, created.PlainTextKey);
        var failures = new List<string>();
        foreach (var (endpoint, method) in ProtectedCalls().Where(c => IsApi(Route(c.Endpoint))))
        {
            var allowed = Policies(endpoint).All(p => KeyMayUse(p, scope));
            var response = await SendAsync(client, endpoint, method);
            if (response.StatusCode == HttpStatusCode.Unauthorized || allowed == (response.StatusCode == HttpStatusCode.Forbidden))
                failures.Add($"key[{scope}] {method} {Route(endpoint)}: expected {(allowed ? "access" : "denial")}, got {(int)response.StatusCode}");
        }
        Assert.Empty(failures);
    }

    private static bool StaffMayUse(string policy, HashSet<string> granted) => policy switch
    {
        Web.Authorization.Policies.CustomersRead => granted.Contains(Permissions.CustomersView),
        Web.Authorization.Policies.StoreIngest => false,
        Web.Authorization.Policies.PromoRedeem => granted.Contains(Permissions.DiscountsManage),
        _ => granted.Contains(policy),
    };

    private static bool KeyMayUse(string policy, string scope) => policy switch
    {
        Web.Authorization.Policies.CustomersRead => scope == ApiScopes.CustomersRead,
        Web.Authorization.Policies.StoreIngest => scope == ApiScopes.IngestWrite,
        Web.Authorization.Policies.PromoRedeem => scope == ApiScopes.PromoRedeem,
        _ => false,
    };

    private static bool IsKnownPolicy(string policy) =>
        Permissions.All.Contains(policy) || policy is Web.Authorization.Policies.CustomersRead or Web.Authorization.Policies.StoreIngest
            or Web.Authorization.Policies.PromoRedeem;

    private IEnumerable<(RouteEndpoint Endpoint, string Method)> ProtectedCalls() =>
        from endpoint in Endpoints()
        where endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
        let route = Route(endpoint)
        from method in Methods(endpoint, route)
        select (endpoint, method);

    private static IEnumerable<string> Methods(RouteEndpoint endpoint, string route)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
        // Pages answer GET; their POST is a form post handled by the same authorization.
        return IsApi(route) ? methods : methods.Where(m => m == "GET");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, RouteEndpoint endpoint, string method)
    {
        var path = RouteParameter().Replace(Route(endpoint), match => match.Value.Contains("int") ? "1" : Guid.NewGuid().ToString());
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static List<string> Policies(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();

    private static string Route(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    private static bool IsApi(string route) => route.StartsWith("/api/", StringComparison.Ordinal);

    /// <summary>Static files and Blazor's own plumbing (circuit hub, framework scripts) are not features.</summary>
    private static bool IsFrameworkEndpoint(RouteEndpoint endpoint)
    {
        var route = Route(endpoint);
        return route.StartsWith("/_blazor", StringComparison.Ordinal) || route.StartsWith("/_framework", StringComparison.Ordinal)
            || route.StartsWith("/_content", StringComparison.Ordinal) || FileRoute().IsMatch(route) || route.Contains(":file}", StringComparison.Ordinal)
            || endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is null && endpoint.DisplayName?.Contains("Blazor", StringComparison.Ordinal) == true;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"\.[a-z0-9]{2,5}$")]
    private static partial Regex FileRoute();

    [GeneratedRegex("^/Account/(Manage|Logout|PasskeyCreationOptions|Manage/.*|LinkExternalLogin|DownloadPersonalData)", RegexOptions.IgnoreCase)]
    private static partial Regex OwnAccountPattern();
}
