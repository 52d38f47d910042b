using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Store.Ingest;

public sealed partial class StoreIngestService
{
    /// <summary>Upserts categories. A parent may be an existing category or one of the same batch, in any order.</summary>
    public async Task<IngestResult> IngestCategoriesAsync(IReadOnlyList<CategoryIngestRow?> rows, CancellationToken ct = default)
    {
        EnsureWithinLimit(rows);
        return await RetryOnConflictAsync(() => UpsertCategoriesAsync(rows, ct));
    }

    /// <summary>Upserts products. Their category must exist (ingest categories first).</summary>
    public async Task<IngestResult> IngestProductsAsync(IReadOnlyList<ProductIngestRow?> rows, CancellationToken ct = default)
    {
        EnsureWithinLimit(rows);
        return await RetryOnConflictAsync(() => UpsertProductsAsync(rows, ct));
    }

    private async Task<IngestResult> UpsertCategoriesAsync(IReadOnlyList<CategoryIngestRow?> rows, CancellationToken ct)
    {
        var batch = new IngestBatch<CategoryIngestRow>(rows, r => r.ExternalId, Now);
        var drafts = new List<CategoryDraft>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row) batch.Reject(i, "", NullRow);
            else if (ValidateCategory(i, row, batch.Validator(i)) is { } draft) drafts.Add(draft);
        }
        drafts = batch.RejectDuplicates(drafts, d => d.Index, d => d.Category.ExternalId);

        await using var db = await OpenAsync(ct);
        // One lookup serves both purposes: the rows to update and the parents referenced.
        var wanted = drafts.Select(d => d.Category.ExternalId).Concat(drafts.Select(d => d.ParentExternalId).OfType<string>());
        var existing = (await ExternalIds.LoadAsync(wanted,
                (chunk, c) => db.ProductCategories.Where(x => chunk.Contains(x.ExternalId)).ToListAsync(c), ct))
            .ToDictionary(x => x.ExternalId, StringComparer.Ordinal);
        drafts = RejectUnknownParents(batch, drafts, existing.Keys);

        var ids = existing.ToDictionary(e => e.Key, e => e.Value.Id, StringComparer.Ordinal);
        foreach (var draft in drafts) ids.TryAdd(draft.Category.ExternalId, draft.Category.Id);

        var inserts = new List<ProductCategory>();
        foreach (var draft in drafts)
        {
            var parentId = draft.ParentExternalId is { } parent ? ids[parent] : (Guid?)null;
            if (existing.TryGetValue(draft.Category.ExternalId, out var target))
            {
                target.Name = draft.Category.Name;
                target.ParentId = parentId;
            }
            else
            {
                draft.Category.ParentId = parentId;
                inserts.Add(draft.Category);
            }
        }
        db.ProductCategories.AddRange(inserts);
        await SaveAsync(db, ct);
        return batch.Result(inserts.Count, drafts.Count - inserts.Count);
    }

    private static CategoryDraft? ValidateCategory(int index, CategoryIngestRow row, RowValidator v)
    {
        var category = new ProductCategory
        {
            ExternalId = v.Text("external_id", row.ExternalId, FieldLimits.ExternalId, required: true) ?? "",
            Name = v.Text("name", row.Name, FieldLimits.CategoryName, required: true) ?? "",
        };
        var parent = v.Text("parent_external_id", row.ParentExternalId, FieldLimits.ExternalId);
        if (parent is not null && parent == category.ExternalId) v.Fail("parent_external_id", "A category cannot be its own parent.");
        return v.IsValid ? new CategoryDraft(index, category, parent) : null;
    }

    /// <summary>
    /// A parent is known when it is stored or is a good row of this batch. Rejecting a row can orphan another row of
    /// the batch, so this repeats until nothing changes.
    /// </summary>
    private static List<CategoryDraft> RejectUnknownParents(
        IngestBatch<CategoryIngestRow> batch, List<CategoryDraft> drafts, IEnumerable<string> stored)
    {
        var storedIds = stored.ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var known = new HashSet<string>(storedIds, StringComparer.Ordinal);
            known.UnionWith(drafts.Select(d => d.Category.ExternalId));
            var orphans = drafts.Where(d => d.ParentExternalId is { } p && !known.Contains(p)).ToList();
            if (orphans.Count == 0) return drafts;
            foreach (var orphan in orphans)
                batch.Reject(orphan.Index, "parent_external_id", "No category with this external id, stored or in this batch.");
            drafts = drafts.Except(orphans).ToList();
        }
    }

    private async Task<IngestResult> UpsertProductsAsync(IReadOnlyList<ProductIngestRow?> rows, CancellationToken ct)
    {
        var batch = new IngestBatch<ProductIngestRow>(rows, r => r.ExternalId, Now);
        var drafts = new List<ProductDraft>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row) batch.Reject(i, "", NullRow);
            else if (ValidateProduct(i, row, batch.Validator(i)) is { } draft) drafts.Add(draft);
        }
        drafts = batch.RejectDuplicates(drafts, d => d.Index, d => d.Product.ExternalId);

        await using var db = await OpenAsync(ct);
        var categories = await ExternalIds.IdsAsync(drafts.Select(d => d.CategoryExternalId).OfType<string>(),
            chunk => db.ProductCategories.Where(x => chunk.Contains(x.ExternalId)).Select(x => new IdPair(x.ExternalId, x.Id)), ct);
        foreach (var draft in drafts.Where(d => d.CategoryExternalId is { } c && !categories.ContainsKey(c)))
            batch.Reject(draft.Index, "category_external_id", "No category with this external id; send the category first.");
        drafts = drafts.Where(d => !batch.IsRejected(d.Index)).ToList();

        var existing = (await ExternalIds.LoadAsync(drafts.Select(d => d.Product.ExternalId),
                (chunk, c) => db.Products.Where(x => chunk.Contains(x.ExternalId)).ToListAsync(c), ct))
            .ToDictionary(x => x.ExternalId, StringComparer.Ordinal);

        var inserts = new List<Product>();
        foreach (var draft in drafts)
        {
            draft.Product.CategoryId = draft.CategoryExternalId is { } c ? categories[c] : null;
            if (existing.TryGetValue(draft.Product.ExternalId, out var target)) CopyProduct(draft, target);
            else inserts.Add(draft.Product);
        }
        await SaveAsync(db, inserts, Now, ct);
        return batch.Result(inserts.Count, drafts.Count - inserts.Count);
    }

    private static ProductDraft? ValidateProduct(int index, ProductIngestRow row, RowValidator v)
    {
        var product = new Product
        {
            ExternalId = v.Text("external_id", row.ExternalId, FieldLimits.ExternalId, required: true) ?? "",
            Sku = v.Text("sku", row.Sku, FieldLimits.Sku, required: true) ?? "",
            Name = v.Text("name", row.Name, FieldLimits.ProductName, required: true) ?? "",
            Price = v.Money("price", row.Price, required: true) ?? 0,
            CostPrice = v.Money("cost_price", row.CostPrice),
            StockStatus = v.Enum<StockStatus>("stock_status", row.StockStatus) ?? StockStatus.InStock,
            IsActive = row.IsActive ?? true,
        };
        var category = v.Text("category_external_id", row.CategoryExternalId, FieldLimits.ExternalId);
        return v.IsValid ? new ProductDraft(index, product, category, row.IsActive) : null;
    }

    private static void CopyProduct(ProductDraft draft, Product target)
    {
        var from = draft.Product;
        target.Sku = from.Sku;
        target.Name = from.Name;
        target.CategoryId = from.CategoryId;
        target.Price = from.Price;
        target.CostPrice = from.CostPrice;
        target.StockStatus = from.StockStatus;
        if (draft.IsActive is { } active) target.IsActive = active;
    }

    private sealed record CategoryDraft(int Index, ProductCategory Category, string? ParentExternalId);

    private sealed record ProductDraft(int Index, Product Product, string? CategoryExternalId, bool? IsActive);
}
