using System.Text.Json.Serialization;

namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// One block of an <see cref="EmailDocument"/>. Serialised with a <c>"type"</c> discriminator so the stored JSON and
/// the API name the kind of block ("heading", "button", …); text fields may hold Liquid (<c>{{ customer.first_name }}</c>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(HeaderBlock), EmailBlockTypes.Header)]
[JsonDerivedType(typeof(HeadingBlock), EmailBlockTypes.Heading)]
[JsonDerivedType(typeof(TextBlock), EmailBlockTypes.Text)]
[JsonDerivedType(typeof(ImageBlock), EmailBlockTypes.Image)]
[JsonDerivedType(typeof(ButtonBlock), EmailBlockTypes.Button)]
[JsonDerivedType(typeof(DividerBlock), EmailBlockTypes.Divider)]
[JsonDerivedType(typeof(SpacerBlock), EmailBlockTypes.Spacer)]
[JsonDerivedType(typeof(ProductGridBlock), EmailBlockTypes.ProductGrid)]
[JsonDerivedType(typeof(CouponBlock), EmailBlockTypes.Coupon)]
[JsonDerivedType(typeof(SocialLinksBlock), EmailBlockTypes.SocialLinks)]
[JsonDerivedType(typeof(FooterBlock), EmailBlockTypes.Footer)]
public abstract class EmailBlock
{
    /// <summary>The discriminator value ("heading"), for editors and messages.</summary>
    [JsonIgnore]
    public string Type => this switch
    {
        HeaderBlock => EmailBlockTypes.Header,
        HeadingBlock => EmailBlockTypes.Heading,
        TextBlock => EmailBlockTypes.Text,
        ImageBlock => EmailBlockTypes.Image,
        ButtonBlock => EmailBlockTypes.Button,
        DividerBlock => EmailBlockTypes.Divider,
        SpacerBlock => EmailBlockTypes.Spacer,
        ProductGridBlock => EmailBlockTypes.ProductGrid,
        CouponBlock => EmailBlockTypes.Coupon,
        SocialLinksBlock => EmailBlockTypes.SocialLinks,
        FooterBlock => EmailBlockTypes.Footer,
        _ => GetType().Name,
    };

    /// <summary>A copy that shares nothing mutable with this block (the editor's "duplicate").</summary>
    public abstract EmailBlock Clone();
}
