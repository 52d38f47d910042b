using System.Text.Json;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Subscription;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Allnimall.Marketing.Web.Api;

/// <summary>The add-on subscription for admins: <c>/api/marketing/settings/subscription</c>. Not gated, so it can be renewed.</summary>
public static class SubscriptionEndpoints
{
    public static RouteGroupBuilder MapSubscriptionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/settings/subscription").WithTags("Settings")
            .RequireAuthorization(Permissions.SettingsManage);

        group.MapGet("", async (SubscriptionService subscriptions, CancellationToken ct) =>
            TypedResults.Ok(await subscriptions.GetAsync(ct)));

        group.MapPut("", async Task<Results<Ok<SubscriptionView>, ValidationProblem>> (
            SubscriptionForm form, SubscriptionService subscriptions, CancellationToken ct) =>
        {
            var result = await subscriptions.UpdateAsync(form, ct);
            if (result.Saved is { } saved) return TypedResults.Ok(saved);
            // Field names as the API spells them.
            return TypedResults.ValidationProblem(result.FieldErrors.ToDictionary(
                e => JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Key), e => e.Value));
        });
        return group;
    }
}
