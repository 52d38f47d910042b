namespace Allnimall.Marketing.Web.Api;

public static class MarketingApi
{
    /// <summary>Every feature's endpoints under <c>/api/marketing</c>. Each feature names its own policies.</summary>
    public static WebApplication MapMarketingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/marketing").WithTags("Marketing")
            .AddEndpointFilter<CookieAntiforgeryFilter>()
            .DisableAntiforgery(); // form-bound endpoints are covered by the filter above, for cookies only
        api.MapStoreIngestEndpoints();
        return app;
    }
}
