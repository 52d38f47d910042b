namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>A catalog product as the product picker lists it; <see cref="Price"/> is formatted in the store's currency.</summary>
public sealed record ProductOption(Guid Id, string Name, string Sku, string Price);
