using System.Security.Claims;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// <c>GET/POST /email-suppressions</c>, <c>DELETE /email-suppressions/{id}</c>: the addresses no campaign email goes to.
/// Policy customers.pii for all three: the list is customers' email addresses (personal data), and taking an address
/// off it decides whether a person is mailed again — the marketers who may see addresses manage it, not only admins
/// (settings.manage), as the Settings → Suppressions page.
/// </summary>
public static class EmailSuppressionEndpoints
{
    public static RouteGroupBuilder MapEmailSuppressionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/email-suppressions").WithTags("Email suppressions");
        group.MapGet("/", ListAsync).WithName("ListEmailSuppressions").RequireAuthorization(Permissions.CustomersPii);
        group.MapPost("/", AddAsync).WithName("AddEmailSuppression").RequireAuthorization(Permissions.CustomersPii);
        group.MapDelete("/{id:guid}", RemoveAsync).WithName("RemoveEmailSuppression").RequireAuthorization(Permissions.CustomersPii);
        return api;
    }

    public sealed record SuppressionListParameters(
        [FromQuery(Name = "page")] string? Page, [FromQuery(Name = "page_size")] string? PageSize,
        [FromQuery(Name = "sort")] string? Sort, [FromQuery(Name = "desc")] string? Desc,
        [FromQuery(Name = "search")] string? Search, [FromQuery(Name = "reason")] string? Reason);

    /// <summary>Body of POST; <c>reason</c> (default manual) is one of unsubscribed, hard_bounce, complained, soft_bounce_limit, manual.</summary>
    public sealed record AddSuppressionRequest(string? Email, string? Reason, string? Note);

    private static async Task<Results<Ok<PagedResult<EmailSuppressionItem>>, ValidationProblem>> ListAsync(
        [AsParameters] SuppressionListParameters q, EmailSuppressionService suppressions, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new EmailSuppressionQuery
        {
            Page = QueryParameters.ParseInt(q.Page, "page", 1, errors),
            PageSize = QueryParameters.ParseInt(q.PageSize, "page_size", GridQuery.DefaultPageSize, errors),
            SortBy = string.IsNullOrWhiteSpace(q.Sort) ? null : q.Sort.Trim(),
            Descending = QueryParameters.ParseBool(q.Desc, "desc", errors) ?? false,
            Search = q.Search,
            Reason = ParseReason(q.Reason, errors),
        };
        foreach (var (field, messages) in query.Validate(EmailSuppressionSortKeys.All)) errors.TryAdd(field, messages);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await suppressions.ListAsync(query, ct));
    }

    private static async Task<Results<Created<EmailSuppressionItem>, ValidationProblem, ProblemHttpResult>> AddAsync(
        AddSuppressionRequest request, ClaimsPrincipal user, EmailSuppressionService suppressions, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = ParseReason(request.Reason, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await suppressions.AddAsync(new EmailSuppressionForm(request.Email, reason, request.Note), StaffSource(user), ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Created($"/api/marketing/email-suppressions/{result.Value!.Id}", result.Value),
            SaveStatus.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary()),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already suppressed", detail: result.Message),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(Guid id, EmailSuppressionService suppressions, CancellationToken ct) =>
        await suppressions.RemoveAsync(id, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No suppression has id {id}.");

    /// <summary>"staff: name" for people, "api" for anything else, so the list says who added an address.</summary>
    internal static string StaffSource(ClaimsPrincipal user) =>
        user.Identity?.Name is { Length: > 0 } name ? $"staff: {name}" : "api";

    private static EmailSuppressionReason? ParseReason(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        foreach (var value in Enum.GetValues<EmailSuppressionReason>())
            if (SnakeCaseEnumConverter<EmailSuppressionReason>.ToDbValue(value) == text.Trim().ToLowerInvariant()) return value;
        errors["reason"] = [$"Use one of: {string.Join(", ", Enum.GetValues<EmailSuppressionReason>().Select(SnakeCaseEnumConverter<EmailSuppressionReason>.ToDbValue))}."];
        return null;
    }
}
