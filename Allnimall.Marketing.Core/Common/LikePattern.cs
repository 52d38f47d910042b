namespace Allnimall.Marketing.Core.Common;

/// <summary>
/// Builds <c>LIKE</c> patterns from user text so that <c>%</c>, <c>_</c> and <c>[</c> match themselves. Use with
/// <c>EF.Functions.Like(column, pattern, LikePattern.EscapeCharacter)</c>.
/// </summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    /// <summary>Matches values containing <paramref name="text"/> anywhere.</summary>
    public static string Contains(string text) => $"%{Escape(text)}%";

    public static string Escape(string text) => text
        .Replace(EscapeCharacter, EscapeCharacter + EscapeCharacter, StringComparison.Ordinal)
        .Replace("%", EscapeCharacter + "%", StringComparison.Ordinal)
        .Replace("_", EscapeCharacter + "_", StringComparison.Ordinal)
        .Replace("[", EscapeCharacter + "[", StringComparison.Ordinal); // SQL Server reads [..] as a character class
}
