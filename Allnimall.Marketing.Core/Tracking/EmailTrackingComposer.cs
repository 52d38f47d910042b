using AngleSharp;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// Makes a rendered email trackable for one delivery: the unsubscribe placeholder becomes the delivery's signed
/// unsubscribe URL, every http(s) link becomes a signed click URL (the original kept in <see cref="TrackedEmail.Links"/>),
/// a 1×1 open pixel is appended, and the List-Unsubscribe header fields are produced. The HTML is parsed (AngleSharp),
/// so entity-encoded URLs are stored decoded and written back encoded; mailto:, tel:, anchors and relative links stay.
/// </summary>
public sealed class EmailTrackingComposer(TrackingTokenSigner signer, IOptions<EmailTrackingOptions> options)
{
    public const string ListUnsubscribe = "List-Unsubscribe";
    public const string ListUnsubscribePost = "List-Unsubscribe-Post";
    internal const int MaxUrlLength = 2048;
    /// <summary>Links past this many in one email are left as written (untracked).</summary>
    internal const int MaxTrackedLinks = 500;
    // One parser per thread: a batch's emails are composed in parallel (BatchTrackingTransport).
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser());
    private readonly EmailTrackingOptions _options = options.Value;

    private string BaseUrl => _options.BaseUrl.TrimEnd('/');

    /// <summary>
    /// <paramref name="track"/> false (a test send): only the unsubscribe URL and header fields; links stay as written
    /// and no pixel is added.
    /// </summary>
    public TrackedEmail Compose(Guid deliveryId, string html, bool track = true)
    {
        var unsubscribeToken = signer.Sign(deliveryId, TrackingTokenKind.Unsubscribe);
        var unsubscribeUrl = $"{BaseUrl}/u/{unsubscribeToken}";
        // The placeholder and the URL are plain URL characters, so a text replace cannot break the markup.
        html = html.Replace(MessageModel.UnsubscribeUrlPlaceholder, unsubscribeUrl, StringComparison.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [ListUnsubscribe] = string.IsNullOrWhiteSpace(_options.UnsubscribeMailDomain)
                ? $"<{unsubscribeUrl}>"
                : $"<{unsubscribeUrl}>, <mailto:unsubscribe+{unsubscribeToken}@{_options.UnsubscribeMailDomain}>",
            [ListUnsubscribePost] = "List-Unsubscribe=One-Click",
        };
        if (!track) return new TrackedEmail(html, [], headers);

        var isDocument = html.Contains("<html", StringComparison.OrdinalIgnoreCase);
        var document = Parser.Value!.ParseDocument(html);
        var links = new List<string>();
        foreach (var anchor in document.QuerySelectorAll("a[href]").OfType<IHtmlAnchorElement>())
        {
            var href = anchor.GetAttribute("href")!.Trim();
            if (links.Count >= MaxTrackedLinks || !IsTrackable(href) || href.StartsWith($"{BaseUrl}/u/", StringComparison.OrdinalIgnoreCase)) continue;
            anchor.SetAttribute("href", $"{BaseUrl}/t/c/{signer.Sign(deliveryId, TrackingTokenKind.Click, links.Count)}");
            links.Add(href);
        }
        var pixel = document.CreateElement("img");
        pixel.SetAttribute("src", $"{BaseUrl}/t/o/{signer.Sign(deliveryId, TrackingTokenKind.Open)}");
        pixel.SetAttribute("width", "1");
        pixel.SetAttribute("height", "1");
        pixel.SetAttribute("alt", "");
        pixel.SetAttribute("style", "display:block;border:0;width:1px;height:1px;");
        document.Body!.AppendChild(pixel);

        var output = isDocument ? document.ToHtml() : document.Body.InnerHtml;
        return new TrackedEmail(output, links, headers);
    }

    /// <summary>Absolute http(s) URLs of a sane length without control characters; anything else is left alone.</summary>
    internal static bool IsTrackable(string href) =>
        href.Length <= MaxUrlLength
        && Uri.TryCreate(href, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !href.Any(char.IsControl);
}
