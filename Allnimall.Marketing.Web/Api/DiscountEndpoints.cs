using System.Security.Claims;
using System.Text.Json;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// Discounts under <c>/api/marketing/discounts</c>. Staff with discounts.manage create, read, change and delete them
/// and generate, list, export and disable their codes. The store's checkout (API key with <c>promo:redeem</c>, or staff
/// trying a cart) calls <c>POST /discounts/evaluate</c>, <c>POST /discounts/redeem</c> (idempotent per order id) and
/// <c>POST /discounts/redemptions/{order_id}/void</c> (a cancelled or refunded order gives its uses back). A save that
/// the margin guardrail refuses is a 400 on <c>margin_guardrail</c>; only admins may send <c>override_margin_guardrail</c>. The void
/// route names the order rather than one redemption because an order may have redeemed several discounts.
/// </summary>
public static class DiscountEndpoints
{
    public static RouteGroupBuilder MapDiscountEndpoints(this RouteGroupBuilder api)
    {
        var discounts = api.MapGroup("/discounts").WithTags("Discounts");
        discounts.MapPost("/evaluate", EvaluateAsync).WithName("EvaluateCart").RequireAuthorization(Policies.PromoRedeem);
        discounts.MapPost("/redeem", RedeemAsync).WithName("RedeemDiscounts").RequireAuthorization(Policies.PromoRedeem);
        discounts.MapPost("/redemptions/{order_id}/void", VoidAsync).WithName("VoidRedemptions").RequireAuthorization(Policies.PromoRedeem);

        discounts.MapGet("/", ListAsync).WithName("ListDiscounts").RequireAuthorization(Permissions.DiscountsManage);
        discounts.MapPost("/", CreateAsync).WithName("CreateDiscount").RequireAuthorization(Permissions.DiscountsManage);
        discounts.MapGet("/{id:guid}", GetAsync).WithName("GetDiscount").RequireAuthorization(Permissions.DiscountsManage);
        discounts.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateDiscount").RequireAuthorization(Permissions.DiscountsManage);
        discounts.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteDiscount").RequireAuthorization(Permissions.DiscountsManage);
        discounts.MapPost("/{id:guid}/codes", GenerateCodesAsync).WithName("GenerateDiscountCodes").RequireAuthorization(Permissions.DiscountsManage);
        discounts.MapGet("/{id:guid}/codes", ListCodesAsync).WithName("ListDiscountCodes").RequireAuthorization(Permissions.DiscountsManage);
        discounts.MapGet("/{id:guid}/codes.csv", ExportCodesAsync).WithName("ExportDiscountCodes").RequireAuthorization(Permissions.DiscountsManage);
        discounts.MapPost("/{id:guid}/codes/{code_id:guid}/disable", DisableCodeAsync).WithName("DisableDiscountCode")
            .RequireAuthorization(Permissions.DiscountsManage);
        return api;
    }

    /// <summary>A discount as the API receives it; usage counts, redemptions and the creator are the server's and cannot be sent.</summary>
    public sealed record DiscountRequest(
        string? Name, string? Description, DiscountType? Type, DiscountMethod? Method, decimal? Value, int? BuyQuantity, int? GetQuantity,
        decimal? GetPercentOff, decimal? MinimumPurchase, int? MinimumQuantity, decimal? MaximumDiscount,
        IReadOnlyList<Guid>? IncludedProductIds, IReadOnlyList<Guid>? ExcludedProductIds, IReadOnlyList<Guid>? IncludedCategoryIds,
        IReadOnlyList<Guid>? ExcludedCategoryIds, IReadOnlyList<Guid>? EligibleSegmentIds, DateTime? StartsAt, DateTime? EndsAt,
        int? UsageLimit, int? PerCustomerLimit, bool? FirstOrderOnly, bool? Combinable, int? Priority, bool? IsActive, string? SharedCode,
        bool? OverrideMarginGuardrail, Guid? Version)
    {
        public DiscountForm ToForm() => new()
        {
            Name = Name ?? "", Description = Description, Type = Type ?? DiscountType.Percentage, Method = Method ?? DiscountMethod.Code,
            Value = Value ?? 0, BuyQuantity = BuyQuantity, GetQuantity = GetQuantity, GetPercentOff = GetPercentOff,
            MinimumPurchase = MinimumPurchase, MinimumQuantity = MinimumQuantity, MaximumDiscount = MaximumDiscount,
            IncludedProductIds = [.. IncludedProductIds ?? []], ExcludedProductIds = [.. ExcludedProductIds ?? []],
            IncludedCategoryIds = [.. IncludedCategoryIds ?? []], ExcludedCategoryIds = [.. ExcludedCategoryIds ?? []],
            EligibleSegmentIds = [.. EligibleSegmentIds ?? []], StartsAt = StartsAt, EndsAt = EndsAt, UsageLimit = UsageLimit,
            PerCustomerLimit = PerCustomerLimit, FirstOrderOnly = FirstOrderOnly ?? false, Combinable = Combinable ?? false,
            Priority = Priority ?? 0, IsActive = IsActive ?? true, SharedCode = SharedCode,
            OverrideMarginGuardrail = OverrideMarginGuardrail ?? false, Version = Version,
        };
    }

    /// <summary>A redeem call: the order id and the cart as for evaluate.</summary>
    public sealed record RedeemBody(string? OrderId, string? CustomerId, IReadOnlyList<CheckoutLine>? Lines, decimal Shipping, IReadOnlyList<string>? Codes);

    public sealed record GenerateCodesBody(int Count, string? Prefix, int? Length, string? Alphabet);

    private static async Task<Results<Ok<PricingResult>, ValidationProblem, ProblemHttpResult>> EvaluateAsync(
        CheckoutCart cart, HttpContext http, UnknownCodeAttempts attempts, DiscountPricingService pricing, CancellationToken ct)
    {
        if (attempts.Blocked(http) is { } wait) return UnknownCodeAttempts.TooMany(http, wait);
        var errors = cart.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await pricing.EvaluateAsync(cart, ct);
        attempts.Record(http, result.Codes.Count(c => c.Rejection == CodeRejection.Unknown));
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<RedeemResult>, ValidationProblem, ProblemHttpResult>> RedeemAsync(
        RedeemBody body, HttpContext http, UnknownCodeAttempts attempts, DiscountRedemptionService redemptions, PromoCodeService codes,
        CancellationToken ct)
    {
        if (attempts.Blocked(http) is { } wait) return UnknownCodeAttempts.TooMany(http, wait);
        var result = await redemptions.RedeemAsync(
            new RedeemRequest(body.OrderId, new CheckoutCart(body.CustomerId, body.Lines, body.Shipping, body.Codes)), ct);
        // Only a refused redemption can carry a code that does not exist; counting them costs a query only then.
        if (result.Status == SaveStatus.Conflict && body.Codes is { Count: > 0 and <= CheckoutCart.MaxCodes } presented)
            attempts.Record(http, await codes.CountUnknownAsync(presented, ct));
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Ok(result.Value!),
            SaveStatus.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]>(result.Errors)),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Discount not redeemed", detail: result.Message),
        };
    }

    private static async Task<Results<Ok<VoidResult>, ValidationProblem, ProblemHttpResult>> VoidAsync(
        [FromRoute(Name = "order_id")] string orderId, DiscountRedemptionService redemptions, CancellationToken ct)
    {
        var result = await redemptions.VoidAsync(orderId, ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Ok(result.Value!),
            SaveStatus.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]>(result.Errors)),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No redemption",
                detail: $"No discount was redeemed for order {orderId}."),
        };
    }

    private static async Task<Results<Ok<PagedResult<DiscountListItem>>, ValidationProblem>> ListAsync(
        [FromQuery(Name = "page")] string? page, [FromQuery(Name = "page_size")] string? pageSize, [FromQuery(Name = "sort")] string? sort,
        [FromQuery(Name = "desc")] string? desc, [FromQuery(Name = "search")] string? search, [FromQuery(Name = "type")] string? type,
        [FromQuery(Name = "status")] string? status, DiscountService discounts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new DiscountGridQuery
        {
            Page = QueryParameters.ParseInt(page, "page", 1, errors),
            PageSize = QueryParameters.ParseInt(pageSize, "page_size", GridQuery.DefaultPageSize, errors),
            SortBy = string.IsNullOrWhiteSpace(sort) ? null : sort.Trim(),
            Descending = QueryParameters.ParseBool(desc, "desc", errors) ?? false,
            Search = search,
            Type = QueryParameters.ParseEnum<DiscountType>(type, "type", errors),
            Status = QueryParameters.ParseEnum<DiscountStatus>(status, "status", errors),
        };
        foreach (var (field, messages) in query.Validate(DiscountSortKeys.All)) errors.TryAdd(field, messages);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await discounts.ListAsync(query, ct));
    }

    private static async Task<Results<Ok<DiscountDetailView>, ProblemHttpResult>> GetAsync(Guid id, DiscountService discounts, CancellationToken ct) =>
        await discounts.GetAsync(id, ct) is { } discount ? TypedResults.Ok(discount) : NotFound(id);

    private static async Task<Results<Created<DiscountDetailView>, ValidationProblem>> CreateAsync(
        DiscountRequest request, ClaimsPrincipal user, DiscountService discounts, CancellationToken ct)
    {
        var result = await discounts.CreateAsync(request.ToForm(), user.FindFirstValue(ClaimTypes.NameIdentifier)!, user.IsInRole(Roles.Admin), ct);
        return result.Value is { } created
            ? TypedResults.Created($"/api/marketing/discounts/{created.Id}", created)
            : TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors));
    }

    private static async Task<Results<Ok<DiscountDetailView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, DiscountRequest request, ClaimsPrincipal user, DiscountService discounts, CancellationToken ct)
    {
        var result = await discounts.UpdateAsync(id, request.ToForm(), user.IsInRole(Roles.Admin), ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Ok(result.Value!),
            SaveStatus.Invalid => TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors)),
            SaveStatus.NotFound => NotFound(id),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, DiscountService discounts, CancellationToken ct)
    {
        var result = await discounts.DeleteAsync(id, ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.NoContent(),
            SaveStatus.NotFound => NotFound(id),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static async Task<Results<Created<CodeGenerationResult>, ValidationProblem, ProblemHttpResult>> GenerateCodesAsync(
        Guid id, GenerateCodesBody body, PromoCodeService codes, CancellationToken ct)
    {
        var result = await codes.GenerateAsync(id, new PromoCodeRequest(body.Count, body.Prefix, body.Length ?? 10, body.Alphabet), null, ct);
        return result.Status switch
        {
            SaveStatus.Ok => TypedResults.Created($"/api/marketing/discounts/{id}/codes", result.Value!),
            SaveStatus.Invalid => TypedResults.ValidationProblem(ApiProblems.FieldErrors(result.Errors)),
            SaveStatus.NotFound => NotFound(id),
            _ => ApiProblems.Conflict(result.Message),
        };
    }

    private static async Task<Results<Ok<PagedResult<PromoCodeRow>>, ValidationProblem, ProblemHttpResult>> ListCodesAsync(
        Guid id, [FromQuery(Name = "page")] string? page, [FromQuery(Name = "page_size")] string? pageSize,
        [FromQuery(Name = "search")] string? search, [FromQuery(Name = "status")] string? status, PromoCodeService codes, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new PromoCodeQuery
        {
            Page = QueryParameters.ParseInt(page, "page", 1, errors),
            PageSize = QueryParameters.ParseInt(pageSize, "page_size", GridQuery.DefaultPageSize, errors),
            Search = search,
            Status = QueryParameters.ParseEnum<PromoCodeStatus>(status, "status", errors),
        };
        foreach (var (field, messages) in query.Validate([])) errors.TryAdd(field, messages);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        return await codes.ListAsync(id, query, ct) is { } list ? TypedResults.Ok(list) : NotFound(id);
    }

    /// <summary>Streams the CSV straight to the response; a missing discount is a 404 before anything is written.</summary>
    private static async Task<IResult> ExportCodesAsync(Guid id, HttpContext http, PromoCodeService codes, DiscountService discounts, CancellationToken ct)
    {
        if (await discounts.GetAsync(id, ct) is null) return NotFound(id);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"discount-{id}-codes.csv\"";
        await codes.ExportCsvAsync(id, http.Response.Body, ct);
        return Results.Empty;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DisableCodeAsync(
        Guid id, [FromRoute(Name = "code_id")] Guid codeId, PromoCodeService codes, CancellationToken ct) =>
        (await codes.DisableAsync(id, codeId, ct)).Succeeded
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Code not found", detail: $"Discount {id} has no code {codeId}.");

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Discount not found", detail: $"No discount has id {id}.");
}
