using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Allnimall.Marketing.Core.Email;

/// <summary>
/// The plain-text alternative of an HTML email, from the parsed DOM (AngleSharp): block elements become line breaks,
/// links keep their address ("text (url)"), scripts, styles and hidden elements (the preheader) are dropped, runs of
/// blank lines collapse.
/// </summary>
public static class HtmlToText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "hr", "section", "article", "header", "footer",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "template" };

    // A parser is costly to create (it sets up a browsing context) and not meant for two threads at once: one per thread.
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser());

    public static string Convert(string html)
    {
        var document = Parser.Value!.ParseDocument(html ?? "");
        var text = new StringBuilder();
        Append(document.Body ?? (INode)document, text);
        return Tidy(text.ToString());
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(WhitespaceToSpace(t.Data));
                    break;
                case IElement e when Skipped.Contains(e.LocalName) || IsHidden(e):
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    if (block) text.Append('\n');
                    if (e.LocalName.Equals("li", StringComparison.OrdinalIgnoreCase)) text.Append("- ");
                    Append(e, text);
                    AppendLinkTarget(e, text);
                    if (block) text.Append('\n');
                    break;
            }
        }
    }

    /// <summary>Hidden from readers (the preheader an inbox shows after the subject): not part of the text either.</summary>
    private static bool IsHidden(IElement e) =>
        e.GetAttribute("style") is { } style && style.Replace(" ", "", StringComparison.Ordinal).Contains("display:none", StringComparison.OrdinalIgnoreCase);

    private static void AppendLinkTarget(IElement e, StringBuilder text)
    {
        if (!e.LocalName.Equals("a", StringComparison.OrdinalIgnoreCase)) return;
        var href = e.GetAttribute("href");
        if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#') || href.Trim() == e.TextContent.Trim()) return;
        text.Append(" (").Append(href.Trim()).Append(')');
    }

    private static string WhitespaceToSpace(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!space) builder.Append(' ');
                space = true;
            }
            else
            {
                builder.Append(c);
                space = false;
            }
        }
        return builder.ToString();
    }

    private static string Tidy(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank++;
                continue;
            }
            if (result.Length > 0) result.Append(blank > 0 ? "\n\n" : "\n");
            result.Append(line);
            blank = 0;
        }
        return result.ToString();
    }
}
