using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// Gathers what <see cref="DiscountCalculator"/> needs for a checkout cart (products and categories by the store's
/// ids, the customer's segments, orders and earlier uses, the codes typed, the discounts that could apply) in a
/// handful of set queries, then prices the cart. Evaluating never reserves anything; only redeeming does.
/// </summary>
public sealed class DiscountPricingService(IDbContextFactory<MarketingDbContext> dbFactory, DiscountCalculator calculator, TimeProvider clock)
{
    public async Task<PricingResult> EvaluateAsync(CheckoutCart cart, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await EvaluateAsync(db, cart, excludeOrderId: null, ct);
    }

    /// <summary>Prices the cart on <paramref name="db"/>; <paramref name="excludeOrderId"/> is not counted as an earlier order.</summary>
    internal async Task<PricingResult> EvaluateAsync(MarketingDbContext db, CheckoutCart cart, string? excludeOrderId, CancellationToken ct)
    {
        var codes = await CodesAsync(db, cart.Codes ?? [], ct);
        var discounts = await DiscountsAsync(db, codes.Values.Select(c => c.DiscountId).Distinct().ToList(), ct);
        var customer = await CustomerAsync(db, cart.CustomerId, excludeOrderId, ct);
        var lines = await LinesAsync(db, cart.Lines ?? [], ct);
        return calculator.Evaluate(new PricingCart(customer, lines, cart.Shipping, cart.Codes ?? []), discounts, codes);
    }

    private static async Task<Dictionary<string, PresentedCode>> CodesAsync(MarketingDbContext db, IReadOnlyList<string> typed, CancellationToken ct)
    {
        var normalized = typed.Select(DiscountCalculator.Normalize).Where(c => c.Length > 0).Distinct().ToList();
        if (normalized.Count == 0) return [];
        return await db.PromoCodes.AsNoTracking().Where(c => normalized.Contains(c.Code))
            .Select(c => new PresentedCode(c.Code, c.Id, c.DiscountCampaignId, c.IsShared, c.DisabledAt != null, c.UsageCount, c.AssignedCustomerId))
            .ToDictionaryAsync(c => c.Code, ct);
    }

    /// <summary>
    /// Automatic discounts that are on now, plus the discounts of the codes typed whatever their state (so the shopper
    /// hears "expired" rather than "unknown").
    /// </summary>
    internal async Task<List<DiscountRule>> DiscountsAsync(MarketingDbContext db, IReadOnlyList<Guid> codeDiscountIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (
            from d in db.DiscountCampaigns.AsNoTracking()
            join c in db.Campaigns.AsNoTracking() on d.CampaignId equals c.Id
            where codeDiscountIds.Contains(d.Id)
                || d.Method == DiscountMethod.Automatic && d.IsActive && (c.Status == CampaignStatus.Active || c.Status == CampaignStatus.Scheduled)
                    && (c.StartDate == null || c.StartDate <= now) && (c.EndDate == null || c.EndDate > now)
            select new { Discount = d, c.Name, c.StartDate, c.EndDate, c.Status })
            .ToListAsync(ct);
        return rows.Select(r => DiscountRule.From(r.Discount, r.Name, r.StartDate, r.EndDate) with
        {
            IsActive = r.Discount.IsActive && r.Status is CampaignStatus.Active or CampaignStatus.Scheduled,
        }).ToList();
    }

    private static async Task<PricingCustomer> CustomerAsync(MarketingDbContext db, string? customerKey, string? excludeOrderId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(customerKey)) return PricingCustomer.Guest;
        var key = customerKey.Trim();
        var usage = await db.DiscountCustomerUsages.AsNoTracking().Where(u => u.CustomerKey == key)
            .ToDictionaryAsync(u => u.DiscountCampaignId, u => u.UsageCount, ct);
        var customerId = await db.Customers.AsNoTracking().Where(c => c.ExternalId == key).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
        if (customerId is not { } id) return new PricingCustomer(key, null, new HashSet<Guid>(), 0, usage);
        var segments = await db.SegmentCustomers.AsNoTracking().Where(m => m.CustomerId == id).Select(m => m.SegmentId).ToListAsync(ct);
        var orders = await db.Orders.AsNoTracking()
            .CountAsync(o => o.CustomerId == id && o.ExternalId != excludeOrderId
                && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded, ct);
        return new PricingCustomer(key, id, segments.ToHashSet(), orders, usage);
    }

    /// <summary>Cart lines with our product ids and each line's category plus its ancestors (a "Dog" discount covers "Dog food").</summary>
    private static async Task<List<PricingLine>> LinesAsync(MarketingDbContext db, IReadOnlyList<CheckoutLine> lines, CancellationToken ct)
    {
        var productKeys = lines.Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productKeys.Contains(p.ExternalId))
            .Select(p => new { p.ExternalId, p.Id, p.CategoryId }).ToDictionaryAsync(p => p.ExternalId, ct);
        // Categories are a small tree (tens to hundreds of rows): one read, walked in memory.
        var categories = await db.ProductCategories.AsNoTracking().Select(c => new { c.Id, c.ExternalId, c.ParentId }).ToListAsync(ct);
        var parents = categories.ToDictionary(c => c.Id, c => c.ParentId);
        var byKey = categories.ToDictionary(c => c.ExternalId, c => c.Id);

        return lines.Select(line =>
        {
            var product = products.GetValueOrDefault(line.ProductId);
            var category = line.CategoryId is { } key && byKey.TryGetValue(key, out var given) ? given : product?.CategoryId;
            return new PricingLine(line.ProductId, product?.Id, CategoryAncestry.Of(category, parents), line.Quantity, line.UnitPrice);
        }).ToList();
    }
}
