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
        api.MapSubscriptionEndpoints();
        api.MapEmailSettingsEndpoints();
        // Marketing features (customers, campaigns, …) go on this group: 403 while the add-on is not active.
        // Store ingest and settings stay on `api`, so data keeps flowing and an admin can renew.
        var marketing = api.MapGroup("").RequireActiveSubscription();
        marketing.MapCustomerEndpoints();
        marketing.MapSegmentEndpoints();
        marketing.MapCampaignEndpoints();
        marketing.MapOutboxEndpoints();
        marketing.MapCampaignTemplateEndpoints();
        marketing.MapEmailSuppressionEndpoints();
        marketing.MapDiscountEndpoints();
        marketing.MapNewsletterEndpoints();
        // Public, token-authenticated email links (pixel, click, unsubscribe): outside /api/marketing and its gate.
        app.MapEmailTrackingEndpoints();
        app.MapNewsletterPublicEndpoints();
        return app;
    }
}
