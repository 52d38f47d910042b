using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>The product list: paging, search by name, SKU or store id, and a category (with its subcategories).</summary>
public sealed record ProductGridQuery : GridQuery
{
    public Guid? CategoryId { get; init; }
}

public static class ProductSortKeys
{
    public const string Name = "name";
    public const string Sku = "sku";
    public const string Price = "price";

    public static readonly IReadOnlyList<string> All = [Name, Sku, Price];
}

/// <summary>
/// A product with its list price, its sale price now (one unit, for any shopper, without a code: what the automatic
/// discounts running now make of it; null when none lowers it), the discount that sets it, and its cost.
/// </summary>
public sealed record ProductPriceRow(
    Guid Id, string ExternalId, string Sku, string Name, Guid? CategoryId, string? CategoryName, decimal Price, decimal? SalePrice,
    string? SaleName, decimal? CostPrice);
