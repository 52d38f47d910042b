using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Allnimall.Marketing.Core.Data;

internal static class ModelBuilderExtensions
{
    public static PropertyBuilder<TEnum> AsSnakeCaseString<TEnum>(this PropertyBuilder<TEnum> property, int maxLength = 32)
        where TEnum : struct, Enum =>
        property.HasConversion(new SnakeCaseEnumConverter<TEnum>()).HasMaxLength(maxLength);

    public static PropertyBuilder<TEnum?> AsSnakeCaseString<TEnum>(this PropertyBuilder<TEnum?> property, int maxLength = 32)
        where TEnum : struct, Enum =>
        property.HasConversion(new SnakeCaseEnumConverter<TEnum>()).HasMaxLength(maxLength);

    /// <summary>Money columns everywhere are decimal(15,2), as the spec's campaign_performance.</summary>
    public static PropertyBuilder<decimal> IsMoney(this PropertyBuilder<decimal> property) => property.HasPrecision(15, 2);

    public static PropertyBuilder<decimal?> IsMoney(this PropertyBuilder<decimal?> property) => property.HasPrecision(15, 2);
}
