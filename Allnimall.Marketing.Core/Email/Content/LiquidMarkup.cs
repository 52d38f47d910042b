using System.Net;
using System.Text.RegularExpressions;

namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// Keeps Liquid intact through HTML tooling. Parsers and serialisers (AngleSharp under PreMailer and HtmlSanitizer)
/// encode <c>"</c>, <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in text and attributes, which would break
/// <c>{{ x | default: "a" }}</c> or <c>{% if n &gt; 2 %}</c>; <see cref="Restore"/> decodes entities back inside the
/// Liquid delimiters only, so <see cref="Messaging.MessageTemplateRenderer"/> later sees exactly what staff wrote.
/// Liquid output is HTML-encoded when rendered, so decoding here cannot let markup through.
/// </summary>
public static partial class LiquidMarkup
{
    public static string Restore(string html) =>
        LiquidTag().Replace(html, m => m.Value.Contains('&') ? WebUtility.HtmlDecode(m.Value) : m.Value);

    /// <summary>Whether the text holds a Liquid output or tag.</summary>
    public static bool Contains(string? text) => text is not null && LiquidTag().IsMatch(text);

    /// <summary>Whether the value starts with a Liquid output (<c>{{ unsubscribe_url }}</c>, <c>{{ store.url }}/sale</c>).</summary>
    public static bool StartsWithOutput(string value) => LeadingOutput().IsMatch(value);

    // No braces or tag brackets inside: a stray "{{" cannot reach a "}}" beyond the next tag and decode what lies between.
    [GeneratedRegex(@"\{\{[^{}<>]*\}\}|\{%[^{}<>]*%\}")]
    private static partial Regex LiquidTag();

    [GeneratedRegex(@"^\s*\{\{[^{}]*\}\}")]
    private static partial Regex LeadingOutput();
}
