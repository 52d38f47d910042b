namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// A catalog product in a <see cref="ProductGridBlock"/>: name and price are read from the catalog when the email is
/// rendered; the catalog keeps no picture or page address, so those are given here (the link defaults to the store's
/// product page, <c>{{ store.url }}/products/&lt;external id&gt;</c>).
/// </summary>
public sealed class ProductGridItem
{
    public Guid ProductId { get; set; }
    public string? ImageUrl { get; set; }
    public string? Url { get; set; }
    public ProductGridItem Clone() => (ProductGridItem)MemberwiseClone();
}
