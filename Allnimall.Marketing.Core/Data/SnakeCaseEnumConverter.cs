using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Allnimall.Marketing.Core.Data;

/// <summary>Stores enums as the spec writes them: <c>fixed_amount</c>, <c>in_store</c>, <c>draft</c>.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => ToDbValue(v), v => FromDbValue(v)) where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> ToDb =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => ToSnake(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> FromDb =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => ToSnake(v.ToString()), v => v);

    public static string ToSnake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    public static string ToDbValue(TEnum value) => ToDb[value];

    public static TEnum FromDbValue(string value) => FromDb[value];
}
