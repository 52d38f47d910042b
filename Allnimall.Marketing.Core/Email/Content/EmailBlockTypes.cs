namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>The <c>"type"</c> discriminators of <see cref="EmailBlock"/>, in the order the editor offers them.</summary>
public static class EmailBlockTypes
{
    public const string Header = "header";
    public const string Heading = "heading";
    public const string Text = "text";
    public const string Image = "image";
    public const string Button = "button";
    public const string Divider = "divider";
    public const string Spacer = "spacer";
    public const string ProductGrid = "product_grid";
    public const string Coupon = "coupon";
    public const string SocialLinks = "social_links";
    public const string Footer = "footer";

    public static readonly IReadOnlyList<string> All =
        [Header, Heading, Text, Image, Button, Divider, Spacer, ProductGrid, Coupon, SocialLinks, Footer];

    /// <summary>A new block of the type with sensible defaults, as the editor's "add" creates it.</summary>
    public static EmailBlock Create(string type) => type switch
    {
        Header => new HeaderBlock(),
        Heading => new HeadingBlock { Text = "A heading" },
        Text => new TextBlock { Html = "<p>Hi {{ customer.first_name | default: 'there' }},</p>" },
        Image => new ImageBlock(),
        Button => new ButtonBlock { Label = "Shop now", Url = "{{ store.url }}" },
        Divider => new DividerBlock(),
        Spacer => new SpacerBlock(),
        ProductGrid => new ProductGridBlock(),
        Coupon => new CouponBlock(),
        SocialLinks => new SocialLinksBlock(),
        Footer => new FooterBlock(),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown block type."),
    };

    public static string Label(string type) => type switch
    {
        Header => "Header / logo",
        Heading => "Heading",
        Text => "Text",
        Image => "Image",
        Button => "Button",
        Divider => "Divider",
        Spacer => "Spacer",
        ProductGrid => "Product grid",
        Coupon => "Coupon",
        SocialLinks => "Social links",
        Footer => "Footer",
        _ => type,
    };
}
