using System.Collections.Frozen;
using Allnimall.Marketing.Core.Data;

namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>
/// Reads the snake_case names the API and the database use (<c>in_store</c>); case, underscores and dashes are
/// ignored, so <c>InStore</c> and <c>in-store</c> are read too. Numbers are not accepted.
/// </summary>
internal static class StoreEnums
{
    public static bool TryParse<TEnum>(string text, out TEnum value) where TEnum : struct, Enum =>
        Cache<TEnum>.ByKey.TryGetValue(Key(text), out value);

    public static IReadOnlyList<string> Names<TEnum>() where TEnum : struct, Enum => Cache<TEnum>.Names;

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => SnakeCaseEnumConverter<TEnum>.ToDbValue(value);

    private static string Key(string text) =>
        new(text.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant).ToArray());

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<string, TEnum> ByKey =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => Key(v.ToString()), v => v);

        public static readonly IReadOnlyList<string> Names =
            Enum.GetValues<TEnum>().Select(SnakeCaseEnumConverter<TEnum>.ToDbValue).ToList();
    }
}
