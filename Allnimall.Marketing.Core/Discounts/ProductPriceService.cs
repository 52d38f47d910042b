using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// The product list with sale prices. A sale is an automatic discount on chosen products or categories for a window
/// (the bulk "put on sale" of the discounts issue); a product's sale price is what <see cref="DiscountCalculator"/>
/// makes of one unit for a guest with no code, against the automatic discounts running now — the same rules the
/// checkout applies, loaded once per page and priced in memory.
/// </summary>
public sealed class ProductPriceService(IDbContextFactory<MarketingDbContext> dbFactory, DiscountPricingService pricing, DiscountCalculator calculator)
{
    private static readonly Dictionary<string, PresentedCode> NoCodes = [];

    public async Task<PagedResult<ProductPriceRow>> ListAsync(ProductGridQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var categories = await db.ProductCategories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
        var parents = categories.ToDictionary(c => c.Id, c => c.ParentId);
        var rows = db.Products.AsNoTracking();
        if (query.CategoryId is { } category)
        {
            var within = parents.Keys.Where(id => CategoryAncestry.Of(id, parents).Contains(category)).ToList();
            rows = rows.Where(p => p.CategoryId != null && within.Contains(p.CategoryId.Value));
        }
        if (query.SearchText is { } search)
        {
            var pattern = LikePattern.Contains(search);
            rows = rows.Where(p => EF.Functions.Like(p.Name, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(p.Sku, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(p.ExternalId, pattern, LikePattern.EscapeCharacter));
        }
        var total = await rows.CountAsync(ct);
        var ordered = query.SortBy?.ToLowerInvariant() switch
        {
            ProductSortKeys.Sku => rows.OrderBy(p => p.Sku, query.Descending),
            // decimal is stored as TEXT on SQLite: order by its REAL value.
            ProductSortKeys.Price => rows.OrderBy(p => (double)p.Price, query.Descending),
            _ => rows.OrderBy(p => p.Name, query.Descending),
        };
        var page = await ordered.ThenBy(p => p.Id).Skip(query.Offset).Take(query.EffectivePageSize)
            .Select(p => new { p.Id, p.ExternalId, p.Sku, p.Name, p.CategoryId, Category = p.Category == null ? null : p.Category.Name, p.Price, p.CostPrice })
            .ToListAsync(ct);
        var sales = await pricing.DiscountsAsync(db, [], ct);
        var items = page.Select(p =>
        {
            var line = new PricingLine(p.ExternalId, p.Id, CategoryAncestry.Of(p.CategoryId, parents), 1, p.Price);
            var priced = calculator.Evaluate(new PricingCart(PricingCustomer.Guest, [line], 0, []), sales, NoCodes);
            var sale = priced.Lines[0].Total < priced.Lines[0].LineTotal ? priced.Lines[0].Total : (decimal?)null;
            return new ProductPriceRow(p.Id, p.ExternalId, p.Sku, p.Name, p.CategoryId, p.Category, p.Price, sale,
                sale is null ? null : string.Join(" + ", priced.Applied.Select(a => a.Name)), p.CostPrice);
        }).ToList();
        return new PagedResult<ProductPriceRow>(items, total, query.EffectivePage, query.EffectivePageSize);
    }
}
