using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// <c>GET /outbox</c> and <c>GET /outbox/{id}</c>: what the embedded transport stored instead of sending. The messages
/// show what campaigns sent (campaigns.view) and are full of customers' addresses and personalised content, so
/// customers.pii is required too — the same pair as the Settings → Outbox page.
/// </summary>
public static class OutboxEndpoints
{
    public static RouteGroupBuilder MapOutboxEndpoints(this RouteGroupBuilder api)
    {
        var outbox = api.MapGroup("/outbox").WithTags("Outbox");
        outbox.MapGet("/", ListAsync).WithName("ListOutboxMessages").RequireAuthorization(Permissions.CampaignsView, Permissions.CustomersPii);
        outbox.MapGet("/{id:guid}", GetAsync).WithName("GetOutboxMessage").RequireAuthorization(Permissions.CampaignsView, Permissions.CustomersPii);
        return api;
    }

    /// <summary>The grid's query parameters, bound as text so a malformed value is a field error.</summary>
    public sealed record OutboxListParameters(
        [FromQuery(Name = "page")] string? Page, [FromQuery(Name = "page_size")] string? PageSize,
        [FromQuery(Name = "sort")] string? Sort, [FromQuery(Name = "desc")] string? Desc,
        [FromQuery(Name = "search")] string? Search, [FromQuery(Name = "channel")] string? Channel,
        [FromQuery(Name = "campaign_id")] string? CampaignId);

    private static async Task<Results<Ok<PagedResult<OutboxListItem>>, ValidationProblem>> ListAsync(
        [AsParameters] OutboxListParameters q, OutboxQueryService outbox, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? campaignId = null;
        if (!string.IsNullOrWhiteSpace(q.CampaignId))
        {
            if (Guid.TryParse(q.CampaignId, out var parsed)) campaignId = parsed;
            else errors["campaign_id"] = ["Not a campaign id."];
        }
        var query = new OutboxQuery
        {
            Page = QueryParameters.ParseInt(q.Page, "page", 1, errors),
            PageSize = QueryParameters.ParseInt(q.PageSize, "page_size", GridQuery.DefaultPageSize, errors),
            SortBy = string.IsNullOrWhiteSpace(q.Sort) ? null : q.Sort.Trim(),
            Descending = QueryParameters.ParseBool(q.Desc, "desc", errors) ?? false,
            Search = q.Search,
            Channel = ParseChannel(q.Channel, errors),
            CampaignId = campaignId,
        };
        foreach (var (field, messages) in query.Validate(OutboxSortKeys.All)) errors.TryAdd(field, messages);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await outbox.ListAsync(query, ct));
    }

    private static async Task<Results<Ok<OutboxMessageView>, ProblemHttpResult>> GetAsync(Guid id, OutboxQueryService outbox, CancellationToken ct) =>
        await outbox.GetAsync(id, ct) is { } message
            ? TypedResults.Ok(message)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Message not found", detail: $"No outbox message has id {id}.");

    private static DeliveryChannel? ParseChannel(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        foreach (var value in Enum.GetValues<DeliveryChannel>())
            if (SnakeCaseEnumConverter<DeliveryChannel>.ToDbValue(value) == text.Trim().ToLowerInvariant()) return value;
        errors["channel"] = [$"Use one of: {string.Join(", ", Enum.GetValues<DeliveryChannel>().Select(SnakeCaseEnumConverter<DeliveryChannel>.ToDbValue))}."];
        return null;
    }
}
