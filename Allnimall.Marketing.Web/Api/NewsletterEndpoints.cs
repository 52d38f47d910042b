using System.Security.Claims;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Newsletters;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// <c>/newsletters</c>: newsletter lists (campaigns.view to read, campaigns.manage to change), their counts, and their
/// subscribers. Subscriber addresses are personal data: reading or exporting them needs customers.pii, as the
/// suppression list does; adding and unsubscribing need campaigns.manage.
/// </summary>
public static class NewsletterEndpoints
{
    public static RouteGroupBuilder MapNewsletterEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/newsletters").WithTags("Newsletters");
        group.MapGet("/", ListAsync).WithName("ListNewsletters").RequireAuthorization(Permissions.CampaignsView);
        group.MapPost("/", CreateAsync).WithName("CreateNewsletter").RequireAuthorization(Permissions.CampaignsManage);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetNewsletter").RequireAuthorization(Permissions.CampaignsView);
        group.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateNewsletter").RequireAuthorization(Permissions.CampaignsManage);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteNewsletter").RequireAuthorization(Permissions.CampaignsManage);
        group.MapGet("/{id:guid}/counts", CountsAsync).WithName("GetNewsletterCounts").RequireAuthorization(Permissions.CampaignsView);
        group.MapGet("/{id:guid}/subscribers", SubscribersAsync).WithName("ListNewsletterSubscribers").RequireAuthorization(Permissions.CustomersPii);
        group.MapGet("/{id:guid}/subscribers/export", ExportAsync).WithName("ExportNewsletterSubscribers").RequireAuthorization(Permissions.CustomersPii);
        group.MapPost("/{id:guid}/subscribers", AddSubscriberAsync).WithName("AddNewsletterSubscriber").RequireAuthorization(Permissions.CampaignsManage);
        group.MapDelete("/{id:guid}/subscribers/{subscriberId:guid}", RemoveSubscriberAsync).WithName("RemoveNewsletterSubscriber")
            .RequireAuthorization(Permissions.CampaignsManage);
        return api;
    }

    public sealed record NewsletterListRequest(string? Name, string? Description, string? Slug, bool? DoubleOptIn)
    {
        public NewsletterListForm ToForm() => new() { Name = Name ?? "", Description = Description, Slug = Slug, DoubleOptIn = DoubleOptIn ?? true };
    }

    /// <summary><c>consent_confirmed</c> must be true: staff add a subscribed address only with the person's consent.</summary>
    public sealed record AddSubscriberRequest(string? Email, string? Name, bool? ConsentConfirmed);

    public sealed record SubscriberListParameters(
        [FromQuery(Name = "page")] string? Page, [FromQuery(Name = "page_size")] string? PageSize,
        [FromQuery(Name = "sort")] string? Sort, [FromQuery(Name = "desc")] string? Desc,
        [FromQuery(Name = "search")] string? Search, [FromQuery(Name = "status")] string? Status);

    private static async Task<Ok<IReadOnlyList<NewsletterListItem>>> ListAsync(NewsletterService newsletters, CancellationToken ct) =>
        TypedResults.Ok(await newsletters.ListsAsync(ct));

    private static async Task<Results<Ok<NewsletterListItem>, ProblemHttpResult>> GetAsync(Guid id, NewsletterService newsletters, CancellationToken ct) =>
        await newsletters.GetAsync(id, ct) is { } list ? TypedResults.Ok(list) : NotFound(id);

    private static async Task<Results<Created<NewsletterListItem>, ValidationProblem>> CreateAsync(
        NewsletterListRequest request, NewsletterService newsletters, CancellationToken ct)
    {
        var result = await newsletters.CreateAsync(request.ToForm(), ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/marketing/newsletters/{result.Value!.Id}", result.Value)
            : TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors));
    }

    private static async Task<Results<Ok<NewsletterListItem>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, NewsletterListRequest request, NewsletterService newsletters, CancellationToken ct)
    {
        var result = await newsletters.UpdateAsync(id, request.ToForm(), ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Ok(result.Value!),
            SaveStatus.Invalid => TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors)),
            _ => NotFound(id),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, NewsletterService newsletters, CancellationToken ct) =>
        await newsletters.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound(id);

    private static async Task<Results<Ok<NewsletterCounts>, ProblemHttpResult>> CountsAsync(Guid id, NewsletterService newsletters, CancellationToken ct) =>
        await newsletters.CountsAsync(id, ct) is { } counts ? TypedResults.Ok(counts) : NotFound(id);

    private static async Task<Results<Ok<PagedResult<NewsletterSubscriberRow>>, ValidationProblem, ProblemHttpResult>> SubscribersAsync(
        Guid id, [AsParameters] SubscriberListParameters q, NewsletterService newsletters, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new NewsletterSubscriberQuery
        {
            Page = QueryParameters.ParseInt(q.Page, "page", 1, errors),
            PageSize = QueryParameters.ParseInt(q.PageSize, "page_size", GridQuery.DefaultPageSize, errors),
            SortBy = string.IsNullOrWhiteSpace(q.Sort) ? null : q.Sort.Trim(),
            Descending = QueryParameters.ParseBool(q.Desc, "desc", errors) ?? false,
            Search = q.Search,
            Status = QueryParameters.ParseEnum<NewsletterSubscriptionStatus>(q.Status, "status", errors),
        };
        foreach (var (field, messages) in query.Validate(NewsletterSortKeys.All)) errors.TryAdd(field, messages);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return await newsletters.SubscribersAsync(id, query, ct) is { } page ? TypedResults.Ok(page) : NotFound(id);
    }

    private static async Task<IResult> ExportAsync(Guid id, HttpContext http, NewsletterService newsletters, CancellationToken ct)
    {
        if (await newsletters.GetAsync(id, ct) is null) return NotFound(id);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"newsletter-{id}-subscribers.csv\"";
        await newsletters.ExportCsvAsync(id, http.Response.Body, ct);
        return Results.Empty;
    }

    private static async Task<Results<Created<NewsletterSubscriberRow>, ValidationProblem, ProblemHttpResult>> AddSubscriberAsync(
        Guid id, AddSubscriberRequest request, ClaimsPrincipal user, NewsletterService newsletters, CancellationToken ct)
    {
        var form = new NewsletterSubscriberForm { Email = request.Email ?? "", Name = request.Name, ConsentConfirmed = request.ConsentConfirmed == true };
        var result = await newsletters.AddSubscriberAsync(id, form, StaffName(user), ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Created($"/api/marketing/newsletters/{id}/subscribers/{result.Value!.Id}", result.Value),
            SaveStatus.Invalid => TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors)),
            SaveStatus.NotFound => NotFound(id),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveSubscriberAsync(
        Guid id, Guid subscriberId, ClaimsPrincipal user, NewsletterService newsletters, CancellationToken ct)
    {
        if (await newsletters.UnsubscribeAsync(id, subscriberId, $"{NewsletterService.StaffSource}: {StaffName(user)}", ct)) return TypedResults.NoContent();
        return await newsletters.HasSubscriberAsync(id, subscriberId, ct)
            ? ApiProblems.Conflict("This subscriber has already left the list.")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The list has no subscriber with id {subscriberId}.");
    }

    /// <summary>The signed-in person's name, or "api" for an API key.</summary>
    internal static string StaffName(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "api";

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No newsletter list has id {id}.");
}
