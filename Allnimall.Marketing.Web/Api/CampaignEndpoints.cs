using System.Security.Claims;
using System.Text.Json;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// The spec's campaign endpoints (<c>GET/POST /campaigns</c>, <c>GET/PUT/DELETE /campaigns/{id}</c>, life cycle
/// actions, deliveries, test send) and the per-type lists/creates <c>/email-campaigns</c>, <c>/sms-campaigns</c>, <c>/social-campaigns</c>.
/// Reads need campaigns.view, edits campaigns.manage, and sending or stopping campaigns.launch.
/// </summary>
public static class CampaignEndpoints
{
    private delegate Task<SaveResult<CampaignDetailView>> CampaignAction(CampaignService campaigns, Guid id, string userId, CancellationToken ct);

    public static RouteGroupBuilder MapCampaignEndpoints(this RouteGroupBuilder api)
    {
        var campaigns = api.MapGroup("/campaigns").WithTags("Campaigns");
        campaigns.MapGet("/", ([AsParameters] CampaignListParameters q, CampaignService s, CancellationToken ct) => ListAsync(q, null, s, ct))
            .WithName("ListCampaigns").RequireAuthorization(Permissions.CampaignsView);
        campaigns.MapPost("/", (CampaignRequest r, ClaimsPrincipal u, CampaignService s, CancellationToken ct) => CreateAsync(r, null, u, s, ct))
            .WithName("CreateCampaign").RequireAuthorization(Permissions.CampaignsManage);
        campaigns.MapPost("/audience-count", AudienceCountAsync).WithName("CountCampaignAudience").RequireAuthorization(Permissions.CampaignsManage);
        campaigns.MapGet("/{id:guid}", GetAsync).WithName("GetCampaign").RequireAuthorization(Permissions.CampaignsView);
        campaigns.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateCampaign").RequireAuthorization(Permissions.CampaignsManage);
        campaigns.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteCampaign").RequireAuthorization(Permissions.CampaignsManage);
        campaigns.MapGet("/{id:guid}/deliveries", DeliveriesAsync).WithName("ListCampaignDeliveries").RequireAuthorization(Permissions.CampaignsView);
        campaigns.MapPost("/{id:guid}/deliveries/resend-unknown", ResendUnknownAsync).WithName("ResendUnknownDeliveries")
            .RequireAuthorization(Permissions.CampaignsLaunch);
        campaigns.MapPost("/{id:guid}/schedule", Act((s, id, u, ct) => s.ScheduleAsync(id, u, ct))).WithName("ScheduleCampaign").RequireAuthorization(Permissions.CampaignsManage);
        campaigns.MapPost("/{id:guid}/test-send", TestSendAsync).WithName("SendCampaignTest").RequireAuthorization(Permissions.CampaignsManage);
        campaigns.MapPost("/{id:guid}/duplicate", DuplicateAsync).WithName("DuplicateCampaign").RequireAuthorization(Permissions.CampaignsManage);
        campaigns.MapPost("/{id:guid}/launch", Act((s, id, u, ct) => s.LaunchAsync(id, u, ct))).WithName("LaunchCampaign").RequireAuthorization(Permissions.CampaignsLaunch);
        campaigns.MapPost("/{id:guid}/pause", Act((s, id, u, ct) => s.PauseAsync(id, u, ct))).WithName("PauseCampaign").RequireAuthorization(Permissions.CampaignsLaunch);
        campaigns.MapPost("/{id:guid}/resume", Act((s, id, u, ct) => s.ResumeAsync(id, u, ct))).WithName("ResumeCampaign").RequireAuthorization(Permissions.CampaignsLaunch);
        campaigns.MapPost("/{id:guid}/cancel", Act((s, id, u, ct) => s.CancelAsync(id, u, ct))).WithName("CancelCampaign").RequireAuthorization(Permissions.CampaignsLaunch);

        MapTyped(api, "/email-campaigns", CampaignType.Email, "Email");
        MapTyped(api, "/sms-campaigns", CampaignType.Sms, "Sms");
        MapTyped(api, "/social-campaigns", CampaignType.Social, "Social");
        return api;
    }

    private static void MapTyped(RouteGroupBuilder api, string path, CampaignType type, string name)
    {
        var group = api.MapGroup(path).WithTags("Campaigns");
        group.MapGet("/", ([AsParameters] CampaignListParameters q, CampaignService s, CancellationToken ct) => ListAsync(q, type, s, ct))
            .WithName($"List{name}Campaigns").RequireAuthorization(Permissions.CampaignsView);
        group.MapPost("/", (CampaignRequest r, ClaimsPrincipal u, CampaignService s, CancellationToken ct) => CreateAsync(r, type, u, s, ct))
            .WithName($"Create{name}Campaign").RequireAuthorization(Permissions.CampaignsManage);
    }

    /// <summary>A campaign as the API receives it; status, counts and creator are the server's and cannot be sent.</summary>
    public sealed record CampaignRequest(string? Name, string? Description, CampaignType? Type, DateTime? StartDate, DateTime? EndDate,
        IReadOnlyList<Guid>? IncludeSegments, IReadOnlyList<Guid>? ExcludeSegments, string? EmailSubject, string? EmailContent,
        string? SenderName, string? SenderEmail, string? SmsMessage, IReadOnlyList<SocialPlatform>? SocialPlatforms, string? SocialContent,
        Guid? Version, Guid? PromoDiscountId = null, Guid? NewsletterListId = null, EmailEditorMode? EmailEditorMode = null,
        EmailDocument? EmailBlocks = null)
    {
        public CampaignForm ToForm(CampaignType? forcedType) => new()
        {
            Name = Name ?? "", Description = Description, Type = forcedType ?? Type ?? CampaignType.Email,
            StartDate = StartDate, EndDate = EndDate, IncludeSegments = [.. IncludeSegments ?? []], ExcludeSegments = [.. ExcludeSegments ?? []],
            EmailSubject = EmailSubject, EmailContent = EmailContent, SenderName = SenderName, SenderEmail = SenderEmail,
            SmsMessage = SmsMessage, SocialPlatforms = [.. SocialPlatforms ?? []], SocialContent = SocialContent, Version = Version,
            PromoDiscountId = PromoDiscountId, NewsletterListId = NewsletterListId,
            // Blocks when blocks are sent and no mode is named; raw HTML otherwise (the API before the block editor).
            EmailEditorMode = EmailEditorMode ?? (EmailBlocks is null ? Core.Email.Content.EmailEditorMode.Html : Core.Email.Content.EmailEditorMode.Blocks),
            EmailBlocks = EmailBlocks,
        };
    }

    public sealed record AudienceCountRequest(IReadOnlyList<Guid>? IncludeSegments, IReadOnlyList<Guid>? ExcludeSegments, DeliveryChannel? Channel,
        Guid? NewsletterListId = null);

    public sealed record AudienceCountResponse(int Count);

    /// <summary>Which unknown deliveries to resend; no body, or no ids, means all of them.</summary>
    public sealed record ResendUnknownRequest(IReadOnlyList<Guid>? DeliveryIds);

    public sealed record ResendUnknownResponse(int Requeued);
    /// <summary>"Send test": where to (an email address or an E.164 phone number) and, optionally, which customer to render for.</summary>
    public sealed record TestSendRequest(string? Recipient, Guid? SampleCustomerId);

    /// <summary>The grid's query parameters, bound as text so a malformed value is a field error.</summary>
    public sealed record CampaignListParameters(
        [FromQuery(Name = "page")] string? Page, [FromQuery(Name = "page_size")] string? PageSize,
        [FromQuery(Name = "sort")] string? Sort, [FromQuery(Name = "desc")] string? Desc,
        [FromQuery(Name = "search")] string? Search, [FromQuery(Name = "status")] string? Status,
        [FromQuery(Name = "type")] string? Type);

    private static async Task<Results<Ok<PagedResult<CampaignListItem>>, ValidationProblem>> ListAsync(
        CampaignListParameters q, CampaignType? forcedType, CampaignService campaigns, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new CampaignGridQuery
        {
            Page = QueryParameters.ParseInt(q.Page, "page", 1, errors),
            PageSize = QueryParameters.ParseInt(q.PageSize, "page_size", GridQuery.DefaultPageSize, errors),
            SortBy = string.IsNullOrWhiteSpace(q.Sort) ? null : q.Sort.Trim(),
            Descending = QueryParameters.ParseBool(q.Desc, "desc", errors) ?? false,
            Search = q.Search,
            Status = QueryParameters.ParseEnum<CampaignStatus>(q.Status, "status", errors),
            Type = forcedType ?? QueryParameters.ParseEnum<CampaignType>(q.Type, "type", errors),
        };
        foreach (var (field, messages) in query.Validate(CampaignSortKeys.All)) errors.TryAdd(field, messages);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await campaigns.ListAsync(query, ct));
    }

    private static async Task<Results<Ok<CampaignDetailView>, ProblemHttpResult>> GetAsync(Guid id, CampaignService campaigns, CancellationToken ct) =>
        await campaigns.GetAsync(id, ct) is { } campaign ? TypedResults.Ok(campaign) : NotFound(id);

    private static async Task<Results<Created<CampaignDetailView>, ValidationProblem>> CreateAsync(
        CampaignRequest request, CampaignType? forcedType, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct)
    {
        var result = await campaigns.CreateAsync(request.ToForm(forcedType), UserId(user), ct);
        return result.Value is { } created
            ? TypedResults.Created($"/api/marketing/campaigns/{created.Id}", created)
            : TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors));
    }

    private static async Task<Results<Ok<CampaignDetailView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, CampaignRequest request, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct) =>
        ToResult(await campaigns.UpdateAsync(id, request.ToForm(null), UserId(user), ct), id);

    private static async Task<Results<Created<CampaignDetailView>, ValidationProblem, ProblemHttpResult>> DuplicateAsync(
        Guid id, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct)
    {
        var result = await campaigns.DuplicateAsync(id, UserId(user), ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Created($"/api/marketing/campaigns/{result.Value!.Id}", result.Value),
            SaveStatus.Invalid => TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors)),
            SaveStatus.NotFound => NotFound(id),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, CampaignService campaigns, CancellationToken ct)
    {
        var result = await campaigns.DeleteAsync(id, ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.NoContent(),
            SaveStatus.NotFound => NotFound(id),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static async Task<Results<Ok<PagedResult<CampaignDeliveryRow>>, ValidationProblem, ProblemHttpResult>> DeliveriesAsync(
        Guid id, [FromQuery(Name = "page")] string? page, [FromQuery(Name = "page_size")] string? pageSize,
        [FromQuery(Name = "desc")] string? desc, [FromQuery(Name = "status")] string? status, [FromQuery(Name = "search")] string? search,
        CampaignService campaigns, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new CampaignDeliveryQuery
        {
            Page = QueryParameters.ParseInt(page, "page", 1, errors),
            PageSize = QueryParameters.ParseInt(pageSize, "page_size", GridQuery.DefaultPageSize, errors),
            Descending = QueryParameters.ParseBool(desc, "desc", errors) ?? false,
            Status = QueryParameters.ParseEnum<DeliveryStatus>(status, "status", errors),
            Search = search,
        };
        foreach (var (field, messages) in query.Validate([])) errors.TryAdd(field, messages);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return await campaigns.DeliveriesAsync(id, query, ct) is { } deliveries ? TypedResults.Ok(deliveries) : NotFound(id);
    }

    /// <summary>
    /// Staff's deliberate resend of deliveries with an unknown outcome: 200 with the count, 400, 404, or 409 with the reason.
    /// The body is optional, so it is read here: a declared body parameter would make routing demand a JSON content type.
    /// A body that is not JSON is refused rather than ignored, since ignoring it would resend every unknown delivery.
    /// </summary>
    private static async Task<Results<Ok<ResendUnknownResponse>, ValidationProblem, ProblemHttpResult>> ResendUnknownAsync(
        Guid id, HttpRequest http, ClaimsPrincipal user, CampaignService campaigns, CancellationToken ct)
    {
        ResendUnknownRequest? request = null;
        var hasBody = http.ContentLength > 0 || http.Headers.TransferEncoding.Count > 0;
        if (hasBody && !http.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send no body to resend every unknown delivery, or JSON {\"delivery_ids\": [...]} to resend some.");
        if (hasBody)
        {
            try
            {
                request = await http.ReadFromJsonAsync<ResendUnknownRequest>(ct);
            }
            catch (JsonException e)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"Not a valid request: {e.Message}"] });
            }
        }
        var ids = request?.DeliveryIds is { Count: > 0 } chosen ? chosen : null;
        var result = await campaigns.ResendUnknownAsync(id, ids, UserId(user), ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Ok(new ResendUnknownResponse(result.Value)),
            SaveStatus.Invalid => TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors)),
            SaveStatus.NotFound => NotFound(id),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static async Task<Ok<AudienceCountResponse>> AudienceCountAsync(AudienceCountRequest request, CampaignService campaigns, CancellationToken ct) =>
        TypedResults.Ok(new AudienceCountResponse(await campaigns.AudienceCountAsync(
            new CampaignAudience([.. request.IncludeSegments ?? []], [.. request.ExcludeSegments ?? []], request.NewsletterListId),
            request.Channel ?? DeliveryChannel.Email, ct)));

    /// <summary>The stored message rendered for a sample customer and sent to one address through the current transport; no delivery is recorded.</summary>
    private static async Task<Results<Ok<TestSendResult>, ValidationProblem, ProblemHttpResult>> TestSendAsync(
        Guid id, TestSendRequest request, CampaignTestSender sender, CancellationToken ct)
    {
        var result = await sender.SendAsync(id, request.Recipient, request.SampleCustomerId, ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Ok(result.Value!),
            SaveStatus.Invalid => TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors)),
            _ => NotFound(id),
        };
    }

    /// <summary>A life cycle action's handler: 200 with the campaign, 400 (e.g. no future start date), 404, or 409 with the reason.</summary>
    private static Func<Guid, ClaimsPrincipal, CampaignService, CancellationToken, Task<Results<Ok<CampaignDetailView>, ValidationProblem, ProblemHttpResult>>> Act(
        CampaignAction action) =>
        async (id, user, campaigns, ct) => ToResult(await action(campaigns, id, UserId(user), ct), id);

    private static Results<Ok<CampaignDetailView>, ValidationProblem, ProblemHttpResult> ToResult(SaveResult<CampaignDetailView> result, Guid id) =>
        result.Status switch
        {
            SaveStatus.Ok => TypedResults.Ok(result.Value!),
            SaveStatus.Invalid => TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors)),
            SaveStatus.NotFound => NotFound(id),
            _ => ApiProblems.Conflict(result.Message),
        };

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found", detail: $"No campaign has id {id}.");
}
