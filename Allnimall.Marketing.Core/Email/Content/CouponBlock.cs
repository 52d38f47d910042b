namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// A promo code in a dashed box. The default <c>{{ promo_code }}</c> shows each recipient their own unique code (the
/// campaign's discount hands them out at launch).
/// </summary>
public sealed class CouponBlock : EmailBlock
{
    public string? Title { get; set; } = "Your code";
    public string Code { get; set; } = "{{ promo_code }}";
    public string? Note { get; set; }
    public override EmailBlock Clone() => (CouponBlock)MemberwiseClone();
}
