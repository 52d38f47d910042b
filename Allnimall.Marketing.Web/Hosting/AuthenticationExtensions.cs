using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Web.Authorization;
using Allnimall.Marketing.Web.Components.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Allnimall.Marketing.Web.Hosting;

internal static class AuthenticationExtensions
{
    public static void AddMarketingAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Smart;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(AuthSchemes.Smart, "API key or cookie", o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.ReadPresentedKey(context.Request) is not null
                    ? AuthSchemes.ApiKey
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // An API caller gets a status code, never a redirect to the login page.
            o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<ApplicationUser>(o => IdentityPolicy.Apply(o, builder.Configuration.GetSection("Identity")))
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<MarketingDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();

        services.AddAuthorizationBuilder()
            // A page or endpoint that forgets its policy still requires a signed-in user.
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies()
            .AddPolicy(Policies.CustomersRead, p => p.RequireAssertion(c =>
                c.User.HasClaim(Permissions.ClaimType, Permissions.CustomersView) ||
                c.User.HasClaim(AuthSchemes.ScopeClaim, ApiScopes.CustomersRead)))
            .AddPolicy(Policies.StoreIngest, p => p.RequireClaim(AuthSchemes.ScopeClaim, ApiScopes.IngestWrite))
            .AddPolicy(Policies.PromoRedeem, p => p.RequireAssertion(c =>
                c.User.HasClaim(Permissions.ClaimType, Permissions.DiscountsManage) ||
                c.User.HasClaim(AuthSchemes.ScopeClaim, ApiScopes.PromoRedeem)));
    }

    private static Microsoft.AspNetCore.Authorization.AuthorizationBuilder AddPermissionPolicies(
        this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        foreach (var permission in Permissions.All)
            builder.AddPolicy(permission, p => p.RequireClaim(Permissions.ClaimType, permission));
        return builder;
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Results.Problem(statusCode: status).ExecuteAsync(context.HttpContext);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
