using System.Text.RegularExpressions;

namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// Which link and image addresses an email may carry: http(s), mailto and tel, or an address that starts with a Liquid
/// output (<c>{{ unsubscribe_url }}</c>, <c>{{ store.url }}/sale</c>) whose value the sending code controls. Everything
/// else (<c>javascript:</c>, <c>data:</c>, <c>vbscript:</c>, relative paths) is refused. <see cref="IsSafeLink"/> is what the
/// editor and renderer let through; <see cref="IsWellFormedLink"/> is the pre-send checklist's stricter "a reader can follow it".
/// </summary>
public static partial class EmailUrls
{
    private static readonly string[] LinkSchemes = ["http", "https", "mailto", "tel"];
    private static readonly string[] ImageSchemes = ["http", "https"];

    public static bool IsSafeLink(string? url) => IsSafe(url, LinkSchemes);

    public static bool IsSafeImage(string? url) => IsSafe(url, ImageSchemes);

    /// <summary>
    /// A safe link that also works: Liquid balanced, no spaces in a URL, a mailto: with an address, a tel: with a number.
    /// A merge field inside the address (<c>https://shop.example/?c={{ customer.id }}</c>) stands in for its value.
    /// </summary>
    public static bool IsWellFormedLink(string? href)
    {
        if (string.IsNullOrWhiteSpace(href)) return false;
        var value = href.Trim();
        if (value.StartsWith("{{", StringComparison.Ordinal) || value.StartsWith("{%", StringComparison.Ordinal)) return LiquidBalanced(value);
        var candidate = LiquidOutput().Replace(value, "liquid");
        if (candidate.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            return candidate.Length > 7 && (candidate.Contains('@', StringComparison.Ordinal) || value.Contains("{{", StringComparison.Ordinal));
        if (candidate.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) return TelNumber().IsMatch(candidate[4..]);
        return IsSafeLink(candidate) && !candidate.Contains(' ', StringComparison.Ordinal);
    }

    private static bool IsSafe(string? url, string[] schemes)
    {
        if (string.IsNullOrWhiteSpace(url)) return false;
        var value = url.Trim();
        if (LiquidMarkup.StartsWithOutput(value)) return true;
        // Control characters and whitespace inside a scheme ("jav\tascript:") are what browsers strip: refuse them outright.
        if (value.Any(c => char.IsControl(c))) return false;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
            && (uri.Scheme is "mailto" or "tel" || !string.IsNullOrEmpty(uri.Host));
    }

    private static bool LiquidBalanced(string text) =>
        text.Split("{{").Length == text.Split("}}").Length && text.Split("{%").Length == text.Split("%}").Length;

    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex LiquidOutput();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-.]{3,}$")]
    private static partial Regex TelNumber();
}
