using AngleSharp.Css.Dom;
using AngleSharp.Dom;
using Ganss.Xss;

namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// The two HTML sanitisers of email content (HtmlSanitizer, an allow list): <see cref="SanitizeEmail"/> for raw-HTML
/// mode (whole documents with table layout, inline styles and a <c>&lt;style&gt;</c> in the head; no script, event
/// handlers, frames, objects, forms, SVG/MathML or unsafe URLs) and <see cref="SanitizeRichText"/> for a text block
/// (p, strong, em, a, ul/ol/li, br only; what browser editors write instead, b, i and div, is mapped to them). Liquid survives both (see <see cref="LiquidMarkup"/>). Thread-safe: the
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
    /// <see cref="SanitizeRichText"/> with Liquid still entity-encoded, for markup that is parsed again: the renderer
    /// restores Liquid once, at the very end, and the text block's editor puts it into a contenteditable element, where a
    /// decoded <c>{{ "&lt;img onerror=…&gt;" }}</c> would be markup.
    /// </summary>
    public string SanitizeRichTextEncoded(string html) => string.IsNullOrWhiteSpace(html) ? "" : _richText.Sanitize(html);

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
            // b, i and div are what contenteditable and execCommand produce in some browsers: MapEditorMarkup renames them.
            AllowedTags = new HashSet<string>(["p", "strong", "b", "em", "i", "div", "a", "ul", "ol", "li", "br"], StringComparer.OrdinalIgnoreCase),
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
        sanitizer.PostProcessDom += MapEditorMarkup;
        return sanitizer;
    }

    /// <summary>
    /// Browser editors write <c>&lt;b&gt;</c>, <c>&lt;i&gt;</c> and <c>&lt;div&gt;</c> lines where the rich-text subset has
    /// strong, em and p. Mapped here, on the server, so whatever client sent the HTML the stored and sent markup is the
    /// subset. A div that holds blocks, or sits inside a paragraph or list item, is unwrapped instead (p cannot nest);
    /// empty paragraphs go (a blank line an editor writes is <c>&lt;p&gt;&lt;br&gt;&lt;/p&gt;</c>, which stays).
    /// </summary>
    private static void MapEditorMarkup(object? sender, PostProcessDomEventArgs e)
    {
        if (e.Document.Body is not { } body) return;
        // Innermost first, so a div's own divs are already paragraphs when it is looked at.
        foreach (var element in body.QuerySelectorAll("b, i, div, p").Reverse().ToList())
        {
            switch (element.LocalName)
            {
                case "b": Rename(e.Document, element, "strong"); break;
                case "i": Rename(e.Document, element, "em"); break;
                case "div" when element.QuerySelector("p, ul, ol, li") is not null || element.Closest("p, li") is not null:
                    Unwrap(e.Document, element);
                    break;
                case "div": Rename(e.Document, element, "p"); break;
                // A list made inside a paragraph leaves empty ones around it (<p><ul>…</ul></p> parses so).
                case "p" when !element.HasChildNodes: element.Parent!.RemoveChild(element); break;
            }
        }
    }

    private static void Rename(IDocument document, IElement element, string tag)
    {
        var replacement = document.CreateElement(tag);
        if (element.GetAttribute("title") is { } title) replacement.SetAttribute("title", title);
        while (element.FirstChild is { } child) replacement.AppendChild(child);
        element.Parent!.ReplaceChild(replacement, element);
    }

    /// <summary>Keeps a div's content in its place; a line break after it keeps the next line apart.</summary>
    private static void Unwrap(IDocument document, IElement element)
    {
        var parent = element.Parent!;
        while (element.FirstChild is { } child) parent.InsertBefore(child, element);
        if (element.NextSibling is not null && element.Closest("p, li") is not null) parent.InsertBefore(document.CreateElement("br"), element);
        parent.RemoveChild(element);
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
