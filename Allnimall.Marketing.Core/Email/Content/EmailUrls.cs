namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// Which link and image addresses an email may carry: http(s), mailto and tel, or an address that starts with a Liquid
/// output (<c>{{ unsubscribe_url }}</c>, <c>{{ store.url }}/sale</c>) whose value the sending code controls. Everything
/// else (<c>javascript:</c>, <c>data:</c>, <c>vbscript:</c>, relative paths) is refused.
/// </summary>
public static class EmailUrls
{
    private static readonly string[] LinkSchemes = ["http", "https", "mailto", "tel"];
    private static readonly string[] ImageSchemes = ["http", "https"];

    public static bool IsSafeLink(string? url) => IsSafe(url, LinkSchemes);

    public static bool IsSafeImage(string? url) => IsSafe(url, ImageSchemes);

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
}
