using System.Text.RegularExpressions;

namespace Allnimall.Marketing.Core.Messaging;

/// <summary>
/// Cheap lexical checks run before Fluid sees a template. Fluid's parser and evaluator recurse per nesting level and
/// per filter/operator, so a hostile template can overflow the stack, which no catch block survives; these limits keep
/// every template well inside what the parser handles.
/// </summary>
internal static partial class TemplateShapeGuard
{
    private static readonly HashSet<string> BlockTags = ["if", "unless", "for", "case", "capture", "tablerow", "ifchanged"];

    public static TemplateError? Check(string template, MessageTemplateOptions limits)
    {
        if (template.Length > limits.MaxTemplateLength)
            return new TemplateError(1, 1, $"The template is longer than {limits.MaxTemplateLength:N0} characters.");

        var depth = 0;
        for (var open = NextTagStart(template, 0); open >= 0; open = NextTagStart(template, open + 2))
        {
            var isBlock = template[open + 1] == '%';
            var close = template.IndexOf(isBlock ? "%}" : "}}", open + 2, StringComparison.Ordinal);
            if (close < 0) return null; // unterminated: the parser reports it with its position
            if (close + 2 - open > limits.MaxTagLength)
                return At(template, open, $"A tag is longer than {limits.MaxTagLength:N0} characters; split it up.");
            if (!isBlock) continue;

            var name = TagName().Match(template, open + 2).Groups[1].Value;
            if (name is "raw" or "comment")
            {
                // Their bodies are not Liquid; skip to the end tag so its content is not counted.
                var end = new Regex(@"\{%-?\s*end" + name + @"\s*-?%\}").Match(template, close + 2);
                if (!end.Success) return null;
                open = end.Index;
                continue;
            }
            if (BlockTags.Contains(name) && ++depth > limits.MaxNesting)
                return At(template, open, $"Blocks are nested more than {limits.MaxNesting} levels deep.");
            if (name.StartsWith("end", StringComparison.Ordinal) && BlockTags.Contains(name[3..])) depth = Math.Max(0, depth - 1);
        }
        return null;
    }

    /// <summary>The 1-based line and column of <paramref name="index"/>.</summary>
    public static TemplateError At(string template, int index, string message)
    {
        var lineStart = index == 0 ? 0 : template.LastIndexOf('\n', index - 1) + 1;
        var line = 1 + template.AsSpan(0, index).Count('\n');
        return new TemplateError(line, index - lineStart + 1, message);
    }

    private static int NextTagStart(string template, int from)
    {
        var i = template.IndexOf('{', from);
        while (i >= 0 && i + 1 < template.Length && template[i + 1] is not ('{' or '%')) i = template.IndexOf('{', i + 1);
        return i >= 0 && i + 1 < template.Length ? i : -1;
    }

    [GeneratedRegex(@"\G-?\s*([a-z_]+)", RegexOptions.CultureInvariant)]
    private static partial Regex TagName();
}
