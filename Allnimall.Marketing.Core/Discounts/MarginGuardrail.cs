using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// Before a discount is saved: for every product it covers, the worst price the product can sell at once everything
/// that can stack with it is applied (the discount itself, plus every active combinable discount covering the product
/// when it is combinable itself), compared with the product's cost price and the margin floor
/// (<c>Discounts:MarginGuardrail:MarginFloorPercent</c>, of the selling price).
/// <para>Worst case per unit, in stacking order (priority, higher first), each on what the earlier ones left: a
/// percentage takes its percent; buy X get Y takes its get-percentage (this unit may be the discounted one); a fixed
/// amount lands on as little as the minimum purchase allows (all of it on this unit without a minimum, its share of the
/// minimum otherwise); a maximum discount caps each. Free shipping does not touch product prices. Products without a
/// cost price cannot be checked and are counted, not flagged.</para>
/// </summary>
public sealed class MarginGuardrail(IDbContextFactory<MarketingDbContext> dbFactory, MarginGuardrailOptions options, TimeProvider clock)
{
    public async Task<MarginCheck> CheckAsync(DiscountForm form, Guid? discountId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CheckAsync(db, DiscountService.ToRule(form, discountId ?? Guid.Empty), ct);
    }

    internal async Task<MarginCheck> CheckAsync(MarketingDbContext db, DiscountRule rule, CancellationToken ct)
    {
        var floor = options.MarginFloorPercent;
        if (rule.Type == DiscountType.FreeShipping || !rule.IsActive) return new MarginCheck(floor, 0, 0, []);
        var stackable = rule.Combinable ? await StackableAsync(db, rule.Id, ct) : [];
        var categories = await db.ProductCategories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
        var products = await db.Products.AsNoTracking().Where(p => p.IsActive)
            .Select(p => new { p.Id, p.ExternalId, p.Name, p.Price, p.CostPrice, p.CategoryId }).ToListAsync(ct);

        var atRisk = new List<ProductAtRisk>();
        int checkedCount = 0, withoutCost = 0;
        foreach (var product in products)
        {
            var line = new PricingLine(product.ExternalId, product.Id, CategoryAncestry.Of(product.CategoryId, categories), 1, product.Price);
            if (!rule.Applies(line)) continue;
            if (product.CostPrice is not { } cost) { withoutCost++; continue; }
            checkedCount++;
            var stack = stackable.Where(d => d.Applies(line)).Append(rule).OrderByDescending(d => d.Priority).ThenBy(d => d.Id).ToList();
            var price = product.Price;
            foreach (var discount in stack) price -= WorstUnitDiscount(discount, price);
            var margin = price > 0 ? Math.Round((price - cost) / price * 100m, 1) : (decimal?)null;
            if (price < cost || margin is null || margin < floor)
                atRisk.Add(new ProductAtRisk(product.Id, product.Name, product.Price, cost, price, margin, price < cost,
                    stack.Select(d => d.Id == rule.Id ? "this discount" : d.Name).ToList()));
        }
        return new MarginCheck(floor, checkedCount, withoutCost, atRisk.OrderBy(p => p.MarginPercent ?? decimal.MinValue).ToList());
    }

    private static decimal WorstUnitDiscount(DiscountRule d, decimal remaining)
    {
        if (remaining <= 0) return 0;
        var amount = d.Type switch
        {
            DiscountType.Percentage => remaining * Math.Clamp(d.Value, 0, 100) / 100m,
            DiscountType.Bogo => remaining * Math.Clamp(d.GetPercentOff, 0, 100) / 100m,
            DiscountType.FixedAmount => d.Value * remaining / Math.Max(remaining, d.MinimumPurchase ?? 0m),
            _ => 0m,
        };
        if (d.MaximumDiscount is { } cap) amount = Math.Min(amount, cap);
        return Math.Clamp(amount, 0, remaining);
    }

    /// <summary>Active combinable discounts that have not ended: whatever could stack with the one being saved.</summary>
    private async Task<List<DiscountRule>> StackableAsync(MarketingDbContext db, Guid except, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (from d in db.DiscountCampaigns.AsNoTracking()
                          join c in db.Campaigns.AsNoTracking() on d.CampaignId equals c.Id
                          where d.Id != except && d.IsActive && d.Combinable && d.DiscountType != DiscountType.FreeShipping
                              && (c.Status == CampaignStatus.Active || c.Status == CampaignStatus.Scheduled) && (c.EndDate == null || c.EndDate > now)
                          select new { d, c.Name, c.StartDate, c.EndDate }).ToListAsync(ct);
        return rows.Select(r => DiscountRule.From(r.d, r.Name, r.StartDate, r.EndDate)).ToList();
    }
}
