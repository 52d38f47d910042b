namespace Allnimall.Marketing.Web.Components.Pages.Segments;

/// <summary>
/// Reads customer keys (emails or store ids) from pasted text or a one-column CSV: one per line or separated by commas,
/// semicolons, tabs or spaces; surrounding quotes and a header row ("email", "store_id"…) are dropped.
/// </summary>
public static class MemberKeyParser
{
    public const int MaxKeys = 10_000;

    private static readonly char[] Separators = ['\r', '\n', ',', ';', '\t', ' '];

    private static readonly HashSet<string> HeaderWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "email", "e-mail", "email_address", "id", "store_id", "store id", "external_id", "customer_id", "customer",
    };

    public static IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        return text.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => k.Trim('"', '\'').Trim())
            .Where(k => k.Length is > 0 and <= 256 && !HeaderWords.Contains(k))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxKeys)
            .ToList();
    }
}
