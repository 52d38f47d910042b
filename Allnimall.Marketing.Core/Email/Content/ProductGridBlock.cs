namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>Products from the catalog, two or three to a row on desktop, one per row on phones.</summary>
public sealed class ProductGridBlock : EmailBlock
{
    public const int MaxProducts = 12;
    public List<ProductGridItem> Products { get; set => field = value ?? []; } = [];
    /// <summary>2 or 3.</summary>
    public int Columns { get; set; } = 2;
    /// <summary>The link text under each product; empty: no button.</summary>
    public string? ButtonLabel { get; set; } = "View";
    public override EmailBlock Clone()
    {
        var copy = (ProductGridBlock)MemberwiseClone();
        copy.Products = Products.Select(p => p.Clone()).ToList();
        return copy;
    }
}
