using System.Security.Claims;
using System.Text.Json;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// The spec's segment endpoints (<c>GET/POST /segments</c>, <c>GET/PUT/DELETE /segments/{id}</c>,
/// <c>POST /segments/{id}/refresh</c>) plus members, preview of an unsaved rule, and static-list members.
/// </summary>
public static class SegmentEndpoints
{
    public static RouteGroupBuilder MapSegmentEndpoints(this RouteGroupBuilder api)
    {
        var segments = api.MapGroup("/segments").WithTags("Segments").RequireAuthorization(Permissions.SegmentsManage);
        segments.MapGet("/", ListAsync).WithName("ListSegments");
        segments.MapPost("/", CreateAsync).WithName("CreateSegment");
        segments.MapPost("/preview", PreviewAsync).WithName("PreviewSegment");
        segments.MapGet("/{id:guid}", GetAsync).WithName("GetSegment");
        segments.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateSegment");
        segments.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSegment");
        segments.MapPost("/{id:guid}/refresh", RefreshAsync).WithName("RefreshSegment");
        segments.MapGet("/{id:guid}/customers", MembersAsync).WithName("ListSegmentCustomers");
        segments.MapPost("/{id:guid}/members", AddMembersAsync).WithName("AddSegmentMembers");
        return api;
    }

    /// <summary>A segment as the API receives it; server-owned fields (count, timestamps, creator) cannot be sent.</summary>
    public sealed record SegmentRequest(string? Name, string? Description, SegmentType? Type, SegmentRule? Rule, Guid? Version)
    {
        public SegmentForm ToForm() => new()
        {
            Name = Name ?? "", Description = Description, Type = Type ?? SegmentType.Dynamic, Rule = Rule, Version = Version,
        };
    }

    public sealed record PreviewRequest(SegmentRule? Rule);

    public sealed record MembersRequest(IReadOnlyList<string>? Keys);

    private static async Task<Results<Ok<PagedResult<SegmentListItem>>, ValidationProblem>> ListAsync(
        [FromQuery(Name = "page")] string? page, [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "sort")] string? sort,
        [FromQuery(Name = "desc")] string? desc, [FromQuery(Name = "search")] string? search, [FromQuery(Name = "type")] string? type,
        SegmentService segments, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new SegmentGridQuery
        {
            Page = QueryParameters.ParseInt(page, "page", 1, errors),
            PageSize = QueryParameters.ParseInt(pageSize, "page_size", GridQuery.DefaultPageSize, errors),
            SortBy = string.IsNullOrWhiteSpace(sort) ? null : sort.Trim(),
            Descending = QueryParameters.ParseBool(desc, "desc", errors) ?? false,
            Search = search,
            Type = ParseType(type, errors),
        };
        foreach (var (field, messages) in query.Validate(SegmentSortKeys.All)) errors.TryAdd(field, messages);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await segments.ListAsync(query, ct));
    }

    private static async Task<Results<Ok<SegmentDetailView>, ProblemHttpResult>> GetAsync(Guid id, SegmentService segments, CancellationToken ct) =>
        await segments.GetAsync(id, ct) is { } segment ? TypedResults.Ok(segment) : NotFound(id);

    private static async Task<Results<Created<SegmentDetailView>, ValidationProblem>> CreateAsync(
        SegmentRequest request, ClaimsPrincipal user, SegmentService segments, CancellationToken ct)
    {
        var result = await segments.CreateAsync(request.ToForm(), user.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        return result.Value is { } created
            ? TypedResults.Created($"/api/marketing/segments/{created.Id}", created)
            : TypedResults.ValidationProblem(ApiErrors(result.Errors));
    }

    private static async Task<Results<Ok<SegmentDetailView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, SegmentRequest request, SegmentService segments, CancellationToken ct)
    {
        var result = await segments.UpdateAsync(id, request.ToForm(), ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Ok(result.Value!),
            SaveStatus.Invalid => TypedResults.ValidationProblem(ApiErrors(result.Errors)),
            SaveStatus.NotFound => NotFound(id),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, SegmentService segments, CancellationToken ct)
    {
        var result = await segments.DeleteAsync(id, ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.NoContent(),
            SaveStatus.NotFound => NotFound(id),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static async Task<Results<Ok<SegmentRefreshResult>, ProblemHttpResult>> RefreshAsync(Guid id, SegmentService segments, CancellationToken ct)
    {
        var result = await segments.RefreshAsync(id, ct);
        return result.Outcome switch
        {
            RefreshOutcome.Refreshed => TypedResults.Ok(result),
            RefreshOutcome.NotFound => NotFound(id),
            _ => ApiProblems.Conflict("A refresh of this segment is already running; try again when it has finished."),
        };
    }

    private static async Task<Results<Ok<SegmentPreview>, ValidationProblem>> PreviewAsync(
        PreviewRequest request, ClaimsPrincipal user, SegmentService segments, CancellationToken ct)
    {
        var result = await segments.PreviewAsync(request.Rule!, CustomerPiiAccess.CanSeePii(user), ct);
        return result.Value is { } preview ? TypedResults.Ok(preview) : TypedResults.ValidationProblem(ApiErrors(result.Errors));
    }

    private static async Task<Results<Ok<PagedResult<SegmentMemberRow>>, ValidationProblem, ProblemHttpResult>> MembersAsync(
        Guid id, [FromQuery(Name = "page")] string? page, [FromQuery(Name = "page_size")] string? pageSize,
        [FromQuery(Name = "sort")] string? sort, [FromQuery(Name = "desc")] string? desc, [FromQuery(Name = "search")] string? search,
        ClaimsPrincipal user, SegmentService segments, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new GridQuery
        {
            Page = QueryParameters.ParseInt(page, "page", 1, errors),
            PageSize = QueryParameters.ParseInt(pageSize, "page_size", GridQuery.DefaultPageSize, errors),
            SortBy = string.IsNullOrWhiteSpace(sort) ? null : sort.Trim(),
            Descending = QueryParameters.ParseBool(desc, "desc", errors) ?? false,
            Search = search,
        };
        foreach (var (field, messages) in query.Validate(["name", "added"])) errors.TryAdd(field, messages);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return await segments.MembersAsync(id, query, CustomerPiiAccess.CanSeePii(user), ct) is { } members
            ? TypedResults.Ok(members)
            : NotFound(id);
    }

    private static async Task<Results<Ok<StaticMembersResult>, ValidationProblem, ProblemHttpResult>> AddMembersAsync(
        Guid id, MembersRequest request, SegmentService segments, CancellationToken ct)
    {
        if (request.Keys is not { Count: > 0 and <= 50_000 } keys)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["keys"] = ["Send 1 to 50,000 emails or store ids."] });
        var result = await segments.AddStaticMembersAsync(id, keys, ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Ok(result.Value!),
            SaveStatus.NotFound => NotFound(id),
            _ => TypedResults.ValidationProblem(ApiErrors(result.Errors)),
        };
    }

    private static SegmentType? ParseType(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        foreach (var type in Enum.GetValues<SegmentType>())
            if (SnakeCaseEnumConverter<SegmentType>.ToDbValue(type) == text.Trim().ToLowerInvariant()) return type;
        errors["type"] = ["Use dynamic or static."];
        return null;
    }

    /// <summary>Field names as the API spells them (snake_case); rule paths stay as they are.</summary>
    private static Dictionary<string, string[]> ApiErrors(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key.StartsWith("rule", StringComparison.Ordinal) ? e.Key : JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Key), e => e.Value);

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Segment not found", detail: $"No segment has id {id}.");
}
