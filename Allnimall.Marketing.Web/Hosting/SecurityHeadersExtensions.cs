namespace Allnimall.Marketing.Web.Hosting;

/// <summary>
/// Security headers on every response (pages, API, errors, static files). The CSP allows only this origin's scripts:
/// Blazor Server needs no inline script or eval once App.razor drops the inline import map, and its WebSocket is
/// same-origin ('self' covers ws:/wss: in CSP3). MudBlazor sets inline styles, hence style-src 'unsafe-inline'.
/// </summary>
public static class SecurityHeadersExtensions
{
    public static WebApplicationBuilder AddMarketingSecurityHeaders(this WebApplicationBuilder builder)
    {
        // Do not advertise the server software.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        return builder;
    }

    public static WebApplication UseMarketingSecurityHeaders(this WebApplication app)
    {
        var policies = new HeaderPolicyCollection()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFrameAncestors().None();
                csp.AddFormAction().Self();
                csp.AddImgSrc().Self().Data().OverHttps();
                csp.AddFontSrc().Self().Data();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddConnectSrc().Self();
            })
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddFrameOptionsDeny()
            .AddCrossOriginOpenerPolicy(p => p.SameOrigin())
            .RemoveServerHeader();
        app.UseSecurityHeaders(policies);
        return app;
    }
}
