using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>The product grid's picker: active catalog products found by name or SKU, and the names of picked ones.</summary>
public sealed class ProductPickerService(IDbContextFactory<MarketingDbContext> dbFactory, CurrencyOptions currency)
{
    public const int MaxResults = 20;

    public async Task<IReadOnlyList<ProductOption>> SearchAsync(string? text, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var products = db.Products.AsNoTracking().Where(p => p.IsActive);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = LikePattern.Contains(text.Trim());
            products = products.Where(p => EF.Functions.Like(p.Name, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.Like(p.Sku, pattern, LikePattern.EscapeCharacter));
        }
        var rows = await products.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(MaxResults)
            .Select(p => new { p.Id, p.Name, p.Sku, p.Price }).ToListAsync(ct);
        return rows.Select(p => new ProductOption(p.Id, p.Name, p.Sku, currency.Format(p.Price))).ToList();
    }

    /// <summary>The picked products that still exist, by id (one query).</summary>
    public async Task<IReadOnlyDictionary<Guid, ProductOption>> GetAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return new Dictionary<Guid, ProductOption>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Sku, p.Price }).ToListAsync(ct);
        return rows.ToDictionary(p => p.Id, p => new ProductOption(p.Id, p.Name, p.Sku, currency.Format(p.Price)));
    }
}
