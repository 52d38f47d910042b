using System.Globalization;
using Allnimall.Marketing.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// One sentence that says what a discount does, for lists and the form:
/// "20% off Dog Food over Rp 200.000, max Rp 50.000, VIP segment, once per customer".
/// </summary>
public sealed class DiscountSummaryWriter(CurrencyOptions currency)
{
    public async Task<string> DescribeAsync(MarketingDbContext db, DiscountRule rule, CancellationToken ct)
    {
        var productIds = rule.IncludedProductIds.Concat(rule.ExcludedProductIds).ToList();
        var categoryIds = rule.IncludedCategoryIds.Concat(rule.ExcludedCategoryIds).ToList();
        var segmentIds = rule.EligibleSegmentIds.ToList();
        var names = new Dictionary<Guid, string>();
        if (productIds.Count > 0)
            foreach (var p in await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
                names[p.Id] = p.Name;
        if (categoryIds.Count > 0)
            foreach (var c in await db.ProductCategories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
                names[c.Id] = c.Name;
        if (segmentIds.Count > 0)
            foreach (var s in await db.CustomerSegments.AsNoTracking().Where(s => segmentIds.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
                names[s.Id] = s.Name;
        return Describe(rule, id => names.GetValueOrDefault(id));
    }

    /// <summary>The summary with names from <paramref name="nameOf"/> (null for an id it does not know).</summary>
    public string Describe(DiscountRule rule, Func<Guid, string?> nameOf)
    {
        string List(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(nameOf).OfType<string>().Order(StringComparer.CurrentCulture));
        var included = List(rule.IncludedCategoryIds.Concat(rule.IncludedProductIds));
        var excluded = List(rule.ExcludedCategoryIds.Concat(rule.ExcludedProductIds));
        var head = rule.Type switch
        {
            DiscountType.Percentage => $"{Number(rule.Value)}% off",
            DiscountType.FixedAmount => $"{currency.Format(rule.Value)} off",
            DiscountType.Bogo => rule.GetPercentOff >= 100
                ? $"Buy {rule.BuyQuantity} get {rule.GetQuantity} free"
                : $"Buy {rule.BuyQuantity} get {rule.GetQuantity} at {Number(rule.GetPercentOff)}% off",
            _ => "Free shipping",
        };
        var text = head + (included.Length > 0 ? $" {included}" : rule.Type == DiscountType.FreeShipping ? "" : " everything");
        if (excluded.Length > 0) text += $" except {excluded}";
        if (rule.MinimumPurchase is { } minimum) text += $" over {currency.Format(minimum)}";
        var parts = new List<string> { text };
        if (rule.MinimumQuantity is { } quantity) parts.Add($"at least {quantity} items");
        if (rule.MaximumDiscount is { } cap) parts.Add($"max {currency.Format(cap)}");
        if (rule.EligibleSegmentIds.Count > 0) parts.Add($"{List(rule.EligibleSegmentIds)} segment{(rule.EligibleSegmentIds.Count == 1 ? "" : "s")}");
        if (rule.FirstOrderOnly) parts.Add("first order only");
        if (rule.PerCustomerLimit is { } perCustomer) parts.Add(perCustomer == 1 ? "once per customer" : $"{perCustomer} times per customer");
        if (rule.UsageLimit is { } limit) parts.Add($"{limit.ToString("N0", CultureInfo.InvariantCulture)} use{(limit == 1 ? "" : "s")} in total");
        if (rule.Method == DiscountMethod.Automatic) parts.Add("applied automatically");
        if (rule.Combinable) parts.Add("combines with other discounts");
        return string.Join(", ", parts);
    }

    private static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
