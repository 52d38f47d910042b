namespace Allnimall.Marketing.Web.Api;

public static class SubscriptionGateExtensions
{
    /// <summary>
    /// Every endpoint mapped on the returned group answers 403 problem details while the add-on is not active. The
    /// metadata lets a test enumerate which endpoints are gated.
    /// </summary>
    public static RouteGroupBuilder RequireActiveSubscription(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<RequireActiveSubscriptionFilter>();
        group.WithMetadata(new RequiresActiveSubscriptionMetadata());
        return group;
    }
}
