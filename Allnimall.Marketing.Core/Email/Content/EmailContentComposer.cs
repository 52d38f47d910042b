using System.Text.Json;
using Allnimall.Marketing.Core.Messaging;

namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// Turns what the editor or the API sends into what is stored and sent: blocks are rendered to HTML once (not per
/// recipient), raw HTML is sanitised. The dispatcher then only personalises the stored HTML. Field errors use the
/// campaign form's names (<c>EmailContent</c>, <c>EmailBlocks.Blocks[2].Products</c>).
/// </summary>
public sealed partial class EmailContentComposer(EmailDocumentRenderer renderer, EmailHtmlSanitizer sanitizer, MessageTemplateRenderer liquid)
{
    public const int MaxHtmlLength = 200_000;
    private const string BlocksField = "EmailBlocks";
    private const string HtmlField = "EmailContent";

    public async Task<ComposedEmail> ComposeAsync(EmailEditorMode mode, string? html, EmailDocument? document, CancellationToken ct = default)
    {
        if (mode == EmailEditorMode.Blocks)
        {
            if (document is null) return ComposedEmail.Invalid(new() { [BlocksField] = ["Add the email's blocks."] });
            var rendered = await renderer.RenderDocumentAsync(document, ct);
            var errors = new Dictionary<string, string[]>();
            for (var i = 0; i < document.Blocks.Count; i++)
                if (document.Blocks[i] is ProductGridBlock grid && grid.Products.Any(p => rendered.MissingProductIds.Contains(p.ProductId)))
                    errors[$"{BlocksField}.Blocks[{i}].Products"] = ["A picked product is no longer in the catalog. Remove it or pick another."];
            Check(rendered.Html, BlocksField, errors);
            return errors.Count > 0
                ? ComposedEmail.Invalid(errors)
                : new ComposedEmail(rendered.Html, mode, document.ToJson(), Blank(document.Settings.Preheader), errors);
        }
        var clean = sanitizer.SanitizeEmail(html ?? "");
        var htmlErrors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(HtmlToText.Convert(clean)) && !clean.Contains("<img", StringComparison.OrdinalIgnoreCase))
            htmlErrors[HtmlField] = ["Nothing is left of the content once unsafe HTML (scripts, event handlers, frames, forms) is removed."];
        else Check(clean, HtmlField, htmlErrors);
        return htmlErrors.Count > 0 ? ComposedEmail.Invalid(htmlErrors) : new ComposedEmail(clean, EmailEditorMode.Html, null, null, htmlErrors);
    }

    /// <summary>The stored document, or null when there is none or it no longer reads (a newer or damaged format).</summary>
    public static EmailDocument? ReadDocument(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return EmailDocument.FromJson(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Check(string html, string field, Dictionary<string, string[]> errors)
    {
        if (html.Length > MaxHtmlLength) errors[field] = [$"The email's HTML is limited to {MaxHtmlLength:N0} characters."];
        // Liquid's raw filter and raw tag skip HTML encoding: markup could come back after the sanitiser has run.
        else if (RawOutput().IsMatch(html)) errors[field] = ["Liquid's raw filter and raw tag are not allowed in email HTML: merge fields are always HTML-encoded."];
        else if (liquid.Validate(html) is { Count: > 0 } problems) errors[field] = problems.Select(p => p.ToString()).ToArray();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{[^}]*\|\s*raw\b|\{%-?\s*raw\b")]
    private static partial System.Text.RegularExpressions.Regex RawOutput();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
