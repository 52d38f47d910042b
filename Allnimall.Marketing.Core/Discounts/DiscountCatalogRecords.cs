namespace Allnimall.Marketing.Core.Discounts;

/// <summary>A product as the discount form and the cart simulator pick it: the store's ids, its price and category.</summary>
public sealed record ProductOption(Guid Id, string ExternalId, string Sku, string Name, decimal Price, decimal? CostPrice, Guid? CategoryId,
    string? CategoryExternalId, string? CategoryName);

/// <summary>A category, segment or customer offered by a picker.</summary>
public sealed record PickerOption(Guid Id, string Name, string? Key = null);
