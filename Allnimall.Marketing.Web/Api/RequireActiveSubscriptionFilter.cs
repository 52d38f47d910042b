using Allnimall.Marketing.Core.Subscription;

namespace Allnimall.Marketing.Web.Api;

/// <summary>Marketing features answer 403 problem details while the store's Marketing add-on is not active.</summary>
internal sealed class RequireActiveSubscriptionFilter(SubscriptionService subscriptions) : IEndpointFilter
{
    public const string Title = "Marketing add-on not active";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (await subscriptions.IsActiveAsync(context.HttpContext.RequestAborted)) return await next(context);
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Title,
            detail: "The store's Marketing add-on has expired or is not active. An admin can renew it in Settings → Subscription.");
    }
}
