using Allnimall.Marketing.Web.Authorization;
using Microsoft.AspNetCore.Antiforgery;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// A browser's cookie rides along with a forged cross-site request; an API key does not. So a state-changing API call
/// authenticated by the cookie must also carry the antiforgery token (header <c>RequestVerificationToken</c>).
/// </summary>
internal sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var safe = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method);
        if (!safe && ApiKeyAuthenticationHandler.ReadPresentedKey(http.Request) is null && !await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid",
                detail: "Cookie-authenticated requests that change data must send the RequestVerificationToken header; integrations should use an API key.");
        }
        return await next(context);
    }
}
