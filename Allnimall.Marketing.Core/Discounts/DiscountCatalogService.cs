using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// The look-ups behind the discount form's pickers and the cart simulator: products, categories, segments and customers
/// by search text, each a bounded list (pickers show a few matches, never the catalogue).
/// </summary>
public sealed class DiscountCatalogService(IDbContextFactory<MarketingDbContext> dbFactory)
{
    public const int MaxMatches = 20;

    /// <summary>Products whose name, SKU or store id contains <paramref name="search"/>, by name.</summary>
    public async Task<IReadOnlyList<ProductOption>> SearchProductsAsync(string? search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Contains(search.Trim());
            rows = rows.Where(p => EF.Functions.Like(p.Name, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(p.Sku, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(p.ExternalId, pattern, LikePattern.EscapeCharacter));
        }
        return await rows.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(MaxMatches)
            .Select(p => new ProductOption(p.Id, p.ExternalId, p.Sku, p.Name, p.Price, p.CostPrice, p.CategoryId,
                p.Category == null ? null : p.Category.ExternalId, p.Category == null ? null : p.Category.Name))
            .ToListAsync(ct);
    }

    /// <summary>The products with these ids (a form's chosen products, shown by name).</summary>
    public async Task<IReadOnlyList<ProductOption>> ProductsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new ProductOption(p.Id, p.ExternalId, p.Sku, p.Name, p.Price, p.CostPrice, p.CategoryId,
                p.Category == null ? null : p.Category.ExternalId, p.Category == null ? null : p.Category.Name))
            .ToListAsync(ct);
    }

    /// <summary>Every category (a store has tens, not thousands), by name.</summary>
    public async Task<IReadOnlyList<PickerOption>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ProductCategories.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new PickerOption(c.Id, c.Name, c.ExternalId)).ToListAsync(ct);
    }

    /// <summary>Every active segment, by name.</summary>
    public async Task<IReadOnlyList<PickerOption>> SegmentsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CustomerSegments.AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name)
            .Select(s => new PickerOption(s.Id, s.Name)).ToListAsync(ct);
    }

    /// <summary>Customers whose name, email or store id contains <paramref name="search"/>; the key is the store's customer id.</summary>
    public async Task<IReadOnlyList<PickerOption>> SearchCustomersAsync(string? search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Contains(search.Trim());
            rows = rows.Where(c => EF.Functions.Like(c.FirstName + " " + c.LastName, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(c.Email!, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(c.ExternalId, pattern, LikePattern.EscapeCharacter));
        }
        return await rows.OrderBy(c => c.FirstName).ThenBy(c => c.LastName).ThenBy(c => c.Id).Take(MaxMatches)
            .Select(c => new PickerOption(c.Id, (c.FirstName + " " + c.LastName).Trim(), c.ExternalId)).ToListAsync(ct);
    }
}
