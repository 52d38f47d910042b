using Allnimall.Marketing.Core.Discounts;
using System.Text.Json;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Store.Ingest;
using Allnimall.Marketing.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// Batch upsert endpoints for the store backend (API key with <c>ingest:write</c>). Each takes a JSON array of at most
/// <see cref="StoreIngestService.MaxBatchSize"/> rows and answers 200 with per-row errors, so good rows land even
/// when others are bad. A body that is not such an array is refused whole with 400 problem details.
/// </summary>
public static partial class StoreIngestEndpoints
{
    public static RouteGroupBuilder MapStoreIngestEndpoints(this RouteGroupBuilder api)
    {
        var store = api.MapGroup("/store").WithTags("Store ingest").RequireAuthorization(Policies.StoreIngest);
        store.MapPost("/customers", (HttpRequest request, StoreIngestService ingest, IOptions<JsonOptions> json, CancellationToken ct) =>
                IngestAsync<CustomerIngestRow>(request, json, rows => ingest.IngestCustomersAsync(rows, ConsentSources.StoreApi, ct), ct))
            .WithIngestMetadata<CustomerIngestRow>("IngestCustomers");
        store.MapPost("/categories", (HttpRequest request, StoreIngestService ingest, IOptions<JsonOptions> json, CancellationToken ct) =>
                IngestAsync<CategoryIngestRow>(request, json, rows => ingest.IngestCategoriesAsync(rows, ct), ct))
            .WithIngestMetadata<CategoryIngestRow>("IngestCategories");
        store.MapPost("/products", (HttpRequest request, StoreIngestService ingest, IOptions<JsonOptions> json, CancellationToken ct) =>
                IngestAsync<ProductIngestRow>(request, json, rows => ingest.IngestProductsAsync(rows, ct), ct))
            .WithIngestMetadata<ProductIngestRow>("IngestProducts");
        store.MapPost("/orders", (HttpRequest request, StoreIngestService ingest, OrderPromoRedemptions promos, IOptions<JsonOptions> json,
                CancellationToken ct) => IngestAsync<OrderIngestRow>(request, json, rows => IngestOrdersAsync(ingest, promos, rows, ct), ct))
            .WithIngestMetadata<OrderIngestRow>("IngestOrders");
        store.MapPost("/browsing-events", (HttpRequest request, StoreIngestService ingest, IOptions<JsonOptions> json, CancellationToken ct) =>
                IngestAsync<BrowsingEventIngestRow>(request, json, rows => ingest.IngestBrowsingEventsAsync(rows, ct), ct))
            .WithIngestMetadata<BrowsingEventIngestRow>("IngestBrowsingEvents");
        return store;
    }

    /// <summary>
    /// The body is read here rather than bound, so that every way of getting it wrong (empty, not an array, an unknown
    /// property, too many rows) gets a 400 that says what is wrong, in every environment.
    /// </summary>
    private static async Task<Results<Ok<IngestResult>, ProblemHttpResult, ValidationProblem>> IngestAsync<TRow>(
        HttpRequest request, IOptions<JsonOptions> json, Func<IReadOnlyList<TRow?>, Task<IngestResult>> ingest, CancellationToken ct)
        where TRow : class
    {
        if (!request.HasJsonContentType())
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the rows as a JSON array with Content-Type: application/json.");
        List<TRow?>? rows;
        try
        {
            rows = await JsonSerializer.DeserializeAsync<List<TRow?>>(request.Body, json.Value.SerializerOptions, ct);
        }
        catch (JsonException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Path ?? "$"] = [Describe(ex)] },
                title: "The request body is not a valid batch");
        }
        if (rows is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body is not a valid batch",
                detail: "Send a JSON array of rows.");
        if (rows.Count > StoreIngestService.MaxBatchSize)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Batch too large",
                detail: $"At most {StoreIngestService.MaxBatchSize:N0} rows per request; this one has {rows.Count:N0}. Split it into smaller batches.");
        return TypedResults.Ok(await ingest(rows));
    }

    /// <summary>Says what is wrong without echoing .NET type names.</summary>
    private static string Describe(JsonException ex)
    {
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal) && QuotedName().Match(ex.Message) is { Success: true } name)
            return $"Unknown property '{name.Groups[1].Value}'. Server-owned fields such as id and created_at cannot be sent.";
        if (ex.Path is null or "$")
            return "The body must be a JSON array of rows, e.g. [{\"external_id\": \"C-1\", ...}].";
        return "Invalid value or JSON syntax at this position.";
    }

    /// <summary>
    /// The request body is documented by a transformer, not <c>Accepts</c>: Accepts makes routing refuse other content
    /// types before the endpoint can answer with problem details.
    /// </summary>
    private static RouteHandlerBuilder WithIngestMetadata<TRow>(this RouteHandlerBuilder endpoint, string name) =>
        endpoint.WithName(name)
            .AddOpenApiOperationTransformer(async (operation, context, ct) => operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(List<TRow>), null, ct) },
                },
            })
            .Produces<IngestResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedName();

    /// <summary>Orders, then the redemptions of those that carry a promo code (the store's checkout may not have redeemed them).</summary>
    private static async Task<IngestResult> IngestOrdersAsync(
        StoreIngestService ingest, OrderPromoRedemptions promos, IReadOnlyList<OrderIngestRow?> rows, CancellationToken ct)
    {
        var result = await ingest.IngestOrdersAsync(rows, ct);
        var withCodes = rows.Where(r => r is { ExternalId: not null, PromoCode: { Length: > 0 } }).Select(r => r!.ExternalId!).ToList();
        await promos.SyncAsync(withCodes, ct);
        return result;
    }
}
