using Allnimall.Marketing.Core.Email.Content;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Allnimall.Marketing.Core.Campaigns.Checklist;

/// <summary>
/// The pre-send checklist of an email campaign, over the subject, the stored HTML (Liquid included, as the editor saves
/// it), the preheader and the store's configured physical address. Errors block a launch; warnings do not.
/// <list type="bullet">
/// <item><c>subject</c>: error when empty or longer than <see cref="SubjectHardLimit"/> (RFC 5322's recommended line
/// length; clients cut it off anyway); warning above <see cref="SubjectSoftLimit"/> (cut off on phones), in capitals
/// or with "!!"/"$$". Length counts a merge field (<c>{{ … }}</c>) as <see cref="MergeFieldLength"/> characters and a tag (<c>{% … %}</c>) as none.</item>
/// <item><c>preheader</c>: warning when there is none (the given one, else a <c>data-preheader</c> or <c>.preheader</c>
/// element, else the first hidden element's text).</item>
/// <item><c>unsubscribe</c>: error without a link to <c>{{ unsubscribe_url }}</c>.</item>
/// <item><c>physical_address</c>: error unless the content shows <c>{{ store.address }}</c> and one is configured, or
/// shows the configured address as text.</item>
/// <item><c>links</c>: error for a link that is not an absolute http(s), mailto: or tel: URL, or Liquid.</item>
/// <item><c>image_alt</c>: warning for images without alt text.</item>
/// </list>
/// </summary>
public static partial class EmailChecklist
{
    public const int SubjectSoftLimit = 60;
    public const int SubjectHardLimit = 78;
    public const int MergeFieldLength = 8;

    public const string Subject = "subject";
    public const string Preheader = "preheader";
    public const string Unsubscribe = "unsubscribe";
    public const string PhysicalAddress = "physical_address";
    public const string Links = "links";
    public const string ImageAlt = "image_alt";

    /// <param name="storeAddress">The configured physical address (<c>{{ store.address }}</c>); null or blank: not set.</param>
    /// <param name="storeUrl">The configured store website (<c>{{ store.url }}</c>); null or blank: not set.</param>
    public static EmailChecklistResult Check(string? subject, string? html, string? preheader, string? storeAddress, string? storeUrl)
    {
        var document = new HtmlParser().ParseDocument(html ?? "");
        return new(
        [
            CheckSubject(subject),
            CheckPreheader(preheader, document),
            CheckUnsubscribe(document),
            CheckPhysicalAddress(html ?? "", document, storeAddress),
            CheckLinks(document, storeUrl),
            CheckImages(document),
        ]);
    }

    /// <summary>The preheader the content carries (see the class summary), or null.</summary>
    public static string? FindPreheader(IDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var marked = document.QuerySelector("[data-preheader], .preheader")
            ?? document.Body?.Descendants<IElement>().FirstOrDefault(e => HiddenStyle().IsMatch(e.GetAttribute("style") ?? ""));
        var text = marked?.TextContent.Trim();
        return string.IsNullOrWhiteSpace(text) ? null : Collapse(text);
    }

    private static ChecklistItem CheckSubject(string? subject)
    {
        if (string.IsNullOrWhiteSpace(subject)) return new(Subject, ChecklistSeverity.Error, "Add a subject.");
        // Tags ({% if %}) print nothing themselves; what they wrap is counted as written.
        var length = LiquidOutput().Replace(LiquidTag().Replace(subject.Trim(), ""), new string('x', MergeFieldLength)).Length;
        if (length > SubjectHardLimit)
            return new(Subject, ChecklistSeverity.Error, $"The subject is about {length} characters; keep it to {SubjectHardLimit} at most (ideally {SubjectSoftLimit}).");
        if (length > SubjectSoftLimit)
            return new(Subject, ChecklistSeverity.Warning, $"The subject is about {length} characters; phones show about {SubjectSoftLimit}.");
        var letters = LiquidOutput().Replace(subject, "").Where(char.IsLetter).ToList();
        if (letters.Count >= 10 && letters.Count(char.IsUpper) >= letters.Count * 0.7)
            return new(Subject, ChecklistSeverity.Warning, "The subject is mostly capitals, which spam filters and readers dislike.");
        if (subject.Contains("!!", StringComparison.Ordinal) || subject.Contains("$$", StringComparison.Ordinal))
            return new(Subject, ChecklistSeverity.Warning, "Repeated \"!!\" or \"$$\" in a subject looks like spam to filters.");
        return new(Subject, ChecklistSeverity.Passed, $"Subject present ({length} characters).");
    }

    private static ChecklistItem CheckPreheader(string? preheader, IDocument document)
    {
        var text = string.IsNullOrWhiteSpace(preheader) ? FindPreheader(document) : preheader.Trim();
        return text is null
            ? new(Preheader, ChecklistSeverity.Warning, "No preheader: inboxes will show the first words of the email instead.")
            : new(Preheader, ChecklistSeverity.Passed, $"Preheader: \"{Shorten(text, 80)}\"");
    }

    private static ChecklistItem CheckUnsubscribe(IDocument document) =>
        document.QuerySelectorAll("a[href]").Any(a => UnsubscribeUrl().IsMatch(a.GetAttribute("href")!))
            ? new(Unsubscribe, ChecklistSeverity.Passed, "Unsubscribe link present.")
            : new(Unsubscribe, ChecklistSeverity.Error, "Add an unsubscribe link: <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a>.");

    private static ChecklistItem CheckPhysicalAddress(string html, IDocument document, string? storeAddress)
    {
        var configured = string.IsNullOrWhiteSpace(storeAddress) ? null : Collapse(storeAddress);
        if (StoreAddress().IsMatch(html))
            return configured is null
                ? new(PhysicalAddress, ChecklistSeverity.Error, "The email shows {{ store.address }}, but no physical address is set: add it in Settings → Email.")
                : new(PhysicalAddress, ChecklistSeverity.Passed, $"Physical address: {configured}");
        if (configured is not null && Collapse(document.Body?.TextContent ?? "").Contains(configured, StringComparison.OrdinalIgnoreCase))
            return new(PhysicalAddress, ChecklistSeverity.Passed, $"Physical address: {configured}");
        return new(PhysicalAddress, ChecklistSeverity.Error, "Show the store's physical address (the law requires it): add {{ store.address }} to the footer.");
    }

    private static ChecklistItem CheckLinks(IDocument document, string? storeUrl)
    {
        var hrefs = document.QuerySelectorAll("a[href], area[href]").Select(a => a.GetAttribute("href")!.Trim()).ToList();
        var bad = hrefs.Where(href => !EmailUrls.IsWellFormedLink(href)).Distinct().ToList();
        if (bad.Count > 0)
            return new(Links, ChecklistSeverity.Error, $"Fix {(bad.Count == 1 ? "this link" : $"these {bad.Count} links")}: {string.Join(", ", bad.Take(5).Select(h => h.Length == 0 ? "(empty)" : Shorten(h, 60)))}.");
        // {{ store.url }} with no website set renders as an empty address: a button that leads nowhere.
        if (string.IsNullOrWhiteSpace(storeUrl) && hrefs.Any(href => StoreUrlWithoutDefault().IsMatch(href)))
            return new(Links, ChecklistSeverity.Error, "Links use {{ store.url }}, but the store's website is not set: add it in Settings → Email.");
        return new(Links, ChecklistSeverity.Passed, "Every link is a valid address.");
    }

    private static ChecklistItem CheckImages(IDocument document)
    {
        var images = document.QuerySelectorAll("img").ToList();
        var missing = images.Count(i => string.IsNullOrWhiteSpace(i.GetAttribute("alt")));
        return missing == 0
            ? new(ImageAlt, ChecklistSeverity.Passed, images.Count == 0 ? "No images." : "Every image has alt text.")
            : new(ImageAlt, ChecklistSeverity.Warning, $"{missing} of {images.Count} images have no alt text (shown when images are blocked, read by screen readers).");
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex LiquidOutput();

    [GeneratedRegex(@"\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex LiquidTag();

    [GeneratedRegex(@"\{\{-?\s*unsubscribe_url\s*(\|[^}]*)?-?\}\}")]
    private static partial Regex UnsubscribeUrl();

    [GeneratedRegex(@"\{\{-?\s*store\.address\s*(\|[^}]*)?-?\}\}")]
    private static partial Regex StoreAddress();

    [GeneratedRegex(@"^\{\{-?\s*store\.url\s*(?!\|\s*default)(\|[^}]*)?-?\}\}")]
    private static partial Regex StoreUrlWithoutDefault();

    [GeneratedRegex(@"display\s*:\s*none", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenStyle();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
