using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Store.Ingest;

public sealed partial class StoreIngestService
{
    /// <summary>Upserts browsing events. The customer, and the product or category viewed, must exist.</summary>
    public async Task<IngestResult> IngestBrowsingEventsAsync(IReadOnlyList<BrowsingEventIngestRow?> rows, CancellationToken ct = default)
    {
        EnsureWithinLimit(rows);
        return await RetryOnConflictAsync(() => UpsertBrowsingEventsAsync(rows, ct));
    }

    private async Task<IngestResult> UpsertBrowsingEventsAsync(IReadOnlyList<BrowsingEventIngestRow?> rows, CancellationToken ct)
    {
        var now = Now;
        var batch = new IngestBatch<BrowsingEventIngestRow>(rows, r => r.ExternalId, now);
        var drafts = new List<BrowsingEventDraft>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row) batch.Reject(i, "", NullRow);
            else if (ValidateBrowsingEvent(i, row, batch.Validator(i)) is { } draft) drafts.Add(draft);
        }
        drafts = batch.RejectDuplicates(drafts, d => d.Index, d => d.Event.ExternalId);

        await using var db = await OpenAsync(ct);
        drafts = await ResolveBrowsingReferencesAsync(db, batch, drafts, ct);
        var existing = (await ExternalIds.LoadAsync(drafts.Select(d => d.Event.ExternalId),
                (chunk, c) => db.BrowsingEvents.Where(x => chunk.Contains(x.ExternalId)).ToListAsync(c), ct))
            .ToDictionary(x => x.ExternalId, StringComparer.Ordinal);

        var inserts = new List<BrowsingEvent>();
        foreach (var draft in drafts)
        {
            if (existing.TryGetValue(draft.Event.ExternalId, out var target))
            {
                target.CustomerId = draft.Event.CustomerId;
                target.ProductId = draft.Event.ProductId;
                target.CategoryId = draft.Event.CategoryId;
                target.ViewedAt = draft.Event.ViewedAt;
            }
            else inserts.Add(draft.Event);
        }
        await SaveAsync(db, inserts, now, ct);
        return batch.Result(inserts.Count, drafts.Count - inserts.Count);
    }

    private static BrowsingEventDraft? ValidateBrowsingEvent(int index, BrowsingEventIngestRow row, RowValidator v)
    {
        var browsingEvent = new BrowsingEvent
        {
            ExternalId = v.Text("external_id", row.ExternalId, FieldLimits.ExternalId, required: true) ?? "",
            ViewedAt = v.Time("viewed_at", row.ViewedAt, required: true) ?? default,
        };
        var customer = v.Text("customer_external_id", row.CustomerExternalId, FieldLimits.ExternalId, required: true);
        var product = v.Text("product_external_id", row.ProductExternalId, FieldLimits.ExternalId);
        var category = v.Text("category_external_id", row.CategoryExternalId, FieldLimits.ExternalId);
        if (string.IsNullOrWhiteSpace(row.ProductExternalId) && string.IsNullOrWhiteSpace(row.CategoryExternalId))
            v.Fail("product_external_id", "Give product_external_id, category_external_id or both.");
        return v.IsValid ? new BrowsingEventDraft(index, browsingEvent, customer!, product, category) : null;
    }

    private static async Task<List<BrowsingEventDraft>> ResolveBrowsingReferencesAsync(
        MarketingDbContext db, IngestBatch<BrowsingEventIngestRow> batch, List<BrowsingEventDraft> drafts, CancellationToken ct)
    {
        var customers = await ExternalIds.IdsAsync(drafts.Select(d => d.CustomerExternalId),
            chunk => db.Customers.Where(x => chunk.Contains(x.ExternalId)).Select(x => new IdPair(x.ExternalId, x.Id)), ct);
        var products = await ExternalIds.IdsAsync(drafts.Select(d => d.ProductExternalId).OfType<string>(),
            chunk => db.Products.Where(x => chunk.Contains(x.ExternalId)).Select(x => new IdPair(x.ExternalId, x.Id)), ct);
        var categories = await ExternalIds.IdsAsync(drafts.Select(d => d.CategoryExternalId).OfType<string>(),
            chunk => db.ProductCategories.Where(x => chunk.Contains(x.ExternalId)).Select(x => new IdPair(x.ExternalId, x.Id)), ct);

        foreach (var draft in drafts)
        {
            var e = draft.Event;
            if (customers.TryGetValue(draft.CustomerExternalId, out var customerId)) e.CustomerId = customerId;
            else batch.Reject(draft.Index, "customer_external_id", "No customer with this external id; send the customer first.");
            if (draft.ProductExternalId is { } p)
            {
                if (products.TryGetValue(p, out var productId)) e.ProductId = productId;
                else batch.Reject(draft.Index, "product_external_id", "No product with this external id; send the product first.");
            }
            if (draft.CategoryExternalId is { } c)
            {
                if (categories.TryGetValue(c, out var categoryId)) e.CategoryId = categoryId;
                else batch.Reject(draft.Index, "category_external_id", "No category with this external id; send the category first.");
            }
        }
        return drafts.Where(d => !batch.IsRejected(d.Index)).ToList();
    }

    private sealed record BrowsingEventDraft(
        int Index, BrowsingEvent Event, string CustomerExternalId, string? ProductExternalId, string? CategoryExternalId);
}
