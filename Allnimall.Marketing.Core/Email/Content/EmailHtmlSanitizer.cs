using AngleSharp.Css.Dom;
using Ganss.Xss;

namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// The two HTML sanitisers of email content (HtmlSanitizer, an allow list): <see cref="SanitizeEmail"/> for raw-HTML
/// mode (whole documents with table layout, inline styles and a <c>&lt;style&gt;</c> in the head; no script, event
/// handlers, frames, objects, forms, SVG/MathML or unsafe URLs) and <see cref="SanitizeRichText"/> for a text block
/// (p, strong, em, a, ul/ol/li, br only). Liquid survives both (see <see cref="LiquidMarkup"/>). Thread-safe: the
/// configured sanitisers are only read.
/// </summary>
public sealed class EmailHtmlSanitizer
{
    private static readonly string[] ForbiddenTags =
    [
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button", "select", "textarea",
        "option", "optgroup", "fieldset", "legend", "label", "datalist", "output", "svg", "math", "template", "meta", "link", "base",
        "noscript", "xmp", "plaintext", "noembed", "noframes", "portal", "dialog", "audio", "video", "source", "track",
    ];

    private static readonly string[] DocumentTags = ["html", "head", "body", "style", "title", "center", "font"];

    private static readonly string[] LayoutAttributes =
    [
        "align", "valign", "bgcolor", "background", "border", "cellpadding", "cellspacing", "width", "height", "role", "class", "id",
        "style", "lang", "dir", "target", "color", "face", "size",
    ];

    private readonly HtmlSanitizer _email = CreateEmailSanitizer();
    private readonly HtmlSanitizer _richText = CreateRichTextSanitizer();

    /// <summary>Raw-HTML mode: a whole document (when it has one) or a fragment, sanitised; Liquid kept.</summary>
    public string SanitizeEmail(string html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var isDocument = html.Contains("<html", StringComparison.OrdinalIgnoreCase) || html.Contains("<body", StringComparison.OrdinalIgnoreCase)
            || html.Contains("<!doctype", StringComparison.OrdinalIgnoreCase);
        var clean = isDocument ? _email.SanitizeDocument(html) : _email.Sanitize(html);
        return LiquidMarkup.Restore(clean);
    }

    /// <summary>A text block's rich text: the limited tag set, links with safe URLs only; Liquid kept.</summary>
    public string SanitizeRichText(string html) => LiquidMarkup.Restore(SanitizeRichTextEncoded(html));

    /// <summary>
    /// <see cref="SanitizeRichText"/> with Liquid still entity-encoded, for markup that is parsed again (the renderer
    /// restores Liquid once, at the very end).
    /// </summary>
    internal string SanitizeRichTextEncoded(string html) => string.IsNullOrWhiteSpace(html) ? "" : _richText.Sanitize(html);

    private static HtmlSanitizer CreateEmailSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        foreach (var tag in DocumentTags) sanitizer.AllowedTags.Add(tag);
        foreach (var tag in ForbiddenTags) sanitizer.AllowedTags.Remove(tag);
        foreach (var attribute in LayoutAttributes) sanitizer.AllowedAttributes.Add(attribute);
        sanitizer.AllowedAttributes.Remove("formaction");
        sanitizer.AllowedAtRules.Add(CssRuleType.Media);
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" }) sanitizer.AllowedSchemes.Add(scheme);
        sanitizer.UriAttributes.Add("background");
        sanitizer.FilterUrl += AllowLiquidUrl;
        return sanitizer;
    }

    private static HtmlSanitizer CreateRichTextSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "strong", "b", "em", "i", "a", "ul", "ol", "li", "br"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "title"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "tel"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        })
        {
            // Pasted text keeps its words when its markup is not allowed (a heading becomes its text).
            KeepChildNodes = true,
        };
        sanitizer.FilterUrl += AllowLiquidUrl;
        return sanitizer;
    }

    /// <summary>
    /// <c>href="{{ unsubscribe_url }}"</c> is no URL until it is rendered; the sanitiser would drop it. A value that
    /// starts with a Liquid output is kept (the sending code decides what it renders to, HTML-encoded).
    /// </summary>
    private static void AllowLiquidUrl(object? sender, FilterUrlEventArgs e)
    {
        if (e.SanitizedUrl is null && LiquidMarkup.StartsWithOutput(e.OriginalUrl) && !e.OriginalUrl.Any(char.IsControl))
            e.SanitizedUrl = e.OriginalUrl;
    }
}
