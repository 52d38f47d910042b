using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Core.Email.Content;

/// <summary>
/// An <see cref="EmailDocument"/> as email-safe HTML: a 600 px table container, inline styles, a media query that
/// stacks columns on phones, a hidden preheader; then PreMailer inlines whatever CSS is left. Staff text is
/// HTML-encoded (a text block's HTML is sanitised instead); Liquid is kept for <see cref="Messaging.MessageTemplateRenderer"/>,
/// which personalises it per recipient. Runs once at save (and for the editor's preview), not per recipient.
/// </summary>
public sealed partial class EmailDocumentRenderer(IDbContextFactory<MarketingDbContext> dbFactory, EmailHtmlSanitizer sanitizer, CurrencyOptions currency)
{
    public const int ContainerWidth = 600;
    private const string FontStack = "Arial, Helvetica, sans-serif";

    /// <summary>
    /// Only what inline styles cannot do: phone widths. <c>!important</c> beats the inline widths PreMailer leaves.
    /// </summary>
    private const string Css = """
        body { margin: 0; padding: 0; }
        img { border: 0; outline: none; text-decoration: none; }
        a { text-decoration: underline; }
        @media only screen and (max-width: 620px) {
          .email-container { width: 100% !important; max-width: 100% !important; }
          .email-column { display: block !important; width: 100% !important; max-width: 100% !important; box-sizing: border-box; }
          .email-fluid { width: 100% !important; max-width: 100% !important; height: auto !important; }
          .email-pad { padding-left: 16px !important; padding-right: 16px !important; }
        }
        """;

    public async Task<string> RenderAsync(EmailDocument document, CancellationToken ct = default) =>
        (await RenderDocumentAsync(document, ct)).Html;

    /// <summary>The HTML and the picked products the catalog no longer has (left out of the grid).</summary>
    public async Task<EmailRenderResult> RenderDocumentAsync(EmailDocument document, CancellationToken ct = default)
    {
        var products = await LoadProductsAsync(document, ct);
        var missing = document.Blocks.OfType<ProductGridBlock>().SelectMany(g => g.Products).Select(p => p.ProductId)
            .Where(id => !products.ContainsKey(id)).Distinct().ToList();
        var settings = document.Settings;
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"x-apple-disable-message-reformatting\"><title></title><style>").Append(Css).Append("</style></head>");
        var background = Colour(settings.BackgroundColor, "#f4f4f5");
        html.Append(CultureInfo.InvariantCulture, $"<body style=\"margin:0;padding:0;background-color:{background};\">");
        if (!string.IsNullOrWhiteSpace(settings.Preheader))
            html.Append("<div style=\"display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;\">")
                .Append(Encode(settings.Preheader)).Append("</div>");
        html.Append(CultureInfo.InvariantCulture, $"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background-color:{background};\"><tr><td align=\"center\" style=\"padding:24px 0;\">");
        html.Append(CultureInfo.InvariantCulture, $"<table role=\"presentation\" class=\"email-container\" width=\"{ContainerWidth}\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"width:{ContainerWidth}px;max-width:{ContainerWidth}px;background-color:{Colour(settings.ContentBackgroundColor, "#ffffff")};font-family:{FontStack};color:{Colour(settings.TextColor, "#1f2937")};\">");
        foreach (var block in document.Blocks)
        {
            html.Append("<tr><td class=\"email-pad\" style=\"padding:").Append(Padding(block)).Append(";\">");
            RenderBlock(html, block, settings, products);
            html.Append("</td></tr>");
        }
        html.Append("</table></td></tr></table></body></html>");
        var inlined = PreMailer.Net.PreMailer.MoveCssInline(html.ToString(), removeStyleElements: false, stripIdAndClassAttributes: false, removeComments: true);
        return new EmailRenderResult(LiquidMarkup.Restore(inlined.Html), missing);
    }

    private static string Padding(EmailBlock block) => block switch
    {
        SpacerBlock or DividerBlock => "0 32px",
        FooterBlock => "24px 32px 32px",
        HeaderBlock => "24px 32px 8px",
        _ => "12px 32px",
    };

    private void RenderBlock(StringBuilder html, EmailBlock block, EmailDocumentSettings settings, IReadOnlyDictionary<Guid, CatalogProduct> products)
    {
        var accent = Colour(settings.AccentColor, "#2563eb");
        switch (block)
        {
            case HeaderBlock header: RenderHeader(html, header, accent); break;
            case HeadingBlock heading:
                var size = heading.Level <= 1 ? 28 : 22;
                var tag = heading.Level <= 1 ? "h1" : "h2";
                html.Append(CultureInfo.InvariantCulture, $"<{tag} style=\"margin:0;font-size:{size}px;line-height:1.25;font-weight:bold;text-align:{Align(heading.Align)};\">")
                    .Append(Encode(heading.Text)).Append(CultureInfo.InvariantCulture, $"</{tag}>");
                break;
            case TextBlock text:
                html.Append(CultureInfo.InvariantCulture, $"<div style=\"font-size:16px;line-height:1.5;text-align:{Align(text.Align)};\">")
                    .Append(StyleLinks(sanitizer.SanitizeRichTextEncoded(text.Html), accent)).Append("</div>");
                break;
            case ImageBlock image: RenderImage(html, image); break;
            case ButtonBlock button: RenderButton(html, button, accent); break;
            case DividerBlock divider:
                html.Append(CultureInfo.InvariantCulture, $"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td style=\"padding:12px 0;\"><div style=\"border-top:1px solid {Colour(divider.Color, "#e5e7eb")};font-size:1px;line-height:1px;\">&nbsp;</div></td></tr></table>");
                break;
            case SpacerBlock spacer:
                var height = Math.Clamp(spacer.Height, 0, SpacerBlock.MaxHeight);
                html.Append(CultureInfo.InvariantCulture, $"<div style=\"height:{height}px;line-height:{height}px;font-size:1px;\">&nbsp;</div>");
                break;
            case ProductGridBlock grid: RenderProducts(html, grid, accent, products); break;
            case CouponBlock coupon: RenderCoupon(html, coupon, accent); break;
            case SocialLinksBlock social: RenderSocial(html, social, accent); break;
            case FooterBlock footer: RenderFooter(html, footer, accent); break;
        }
    }

    private static void RenderHeader(StringBuilder html, HeaderBlock header, string accent)
    {
        var link = SafeLink(header.LinkUrl);
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\">");
        if (link is not null) html.Append("<a href=\"").Append(Encode(link)).Append(CultureInfo.InvariantCulture, $"\" style=\"color:{accent};text-decoration:none;\">");
        if (EmailUrls.IsSafeImage(header.LogoUrl))
        {
            var width = Math.Clamp(header.LogoWidth, 40, ContainerWidth - 64);
            html.Append("<img src=\"").Append(Encode(header.LogoUrl!.Trim())).Append("\" alt=\"").Append(Encode(header.LogoAlt ?? ""))
                .Append(CultureInfo.InvariantCulture, $"\" width=\"{width}\" class=\"email-fluid\" style=\"display:block;width:{width}px;max-width:100%;height:auto;margin:0 auto;\">");
        }
        else if (!string.IsNullOrWhiteSpace(header.StoreName))
        {
            html.Append("<span style=\"font-size:22px;font-weight:bold;\">").Append(Encode(header.StoreName)).Append("</span>");
        }
        if (link is not null) html.Append("</a>");
        html.Append("</td></tr></table>");
    }

    private static void RenderImage(StringBuilder html, ImageBlock image)
    {
        if (!EmailUrls.IsSafeImage(image.Src)) return;
        var width = Math.Clamp(image.Width ?? ContainerWidth - 64, 20, ContainerWidth - 64);
        var link = SafeLink(image.LinkUrl);
        html.Append("<div style=\"text-align:center;\">");
        if (link is not null) html.Append("<a href=\"").Append(Encode(link)).Append("\">");
        html.Append("<img src=\"").Append(Encode(image.Src.Trim())).Append("\" alt=\"").Append(Encode(image.Alt ?? ""))
            .Append(CultureInfo.InvariantCulture, $"\" width=\"{width}\" class=\"email-fluid\" style=\"display:block;width:{width}px;max-width:100%;height:auto;margin:0 auto;border:0;\">");
        if (link is not null) html.Append("</a>");
        html.Append("</div>");
    }

    private static void RenderButton(StringBuilder html, ButtonBlock button, string accent)
    {
        var link = SafeLink(button.Url) ?? "#";
        var background = Colour(button.BackgroundColor, accent);
        var colour = Colour(button.TextColor, "#ffffff");
        html.Append(CultureInfo.InvariantCulture, $"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"{Align(button.Align)}\">")
            .Append(CultureInfo.InvariantCulture, $"<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\" bgcolor=\"{background}\" style=\"border-radius:6px;background-color:{background};\">")
            .Append("<a href=\"").Append(Encode(link))
            .Append(CultureInfo.InvariantCulture, $"\" style=\"display:inline-block;padding:12px 28px;font-family:{FontStack};font-size:16px;font-weight:bold;color:{colour};text-decoration:none;border-radius:6px;\">")
            .Append(Encode(button.Label)).Append("</a></td></tr></table></td></tr></table>");
    }

    private void RenderProducts(StringBuilder html, ProductGridBlock grid, string accent, IReadOnlyDictionary<Guid, CatalogProduct> products)
    {
        var items = grid.Products.Where(p => products.ContainsKey(p.ProductId)).ToList();
        if (items.Count == 0) return;
        var columns = Math.Clamp(grid.Columns, 2, 3);
        var percent = 100 / columns;
        var cellWidth = (ContainerWidth - 64) / columns;
        html.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">");
        foreach (var row in items.Chunk(columns))
        {
            html.Append("<tr>");
            foreach (var item in row)
            {
                var product = products[item.ProductId];
                var link = SafeLink(item.Url) ?? $"{{{{ store.url }}}}/products/{Uri.EscapeDataString(product.ExternalId)}";
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"email-column\" width=\"{percent}%\" valign=\"top\" style=\"width:{percent}%;padding:8px;text-align:center;\">");
                if (EmailUrls.IsSafeImage(item.ImageUrl))
                    html.Append("<a href=\"").Append(Encode(link)).Append("\"><img src=\"").Append(Encode(item.ImageUrl!.Trim())).Append("\" alt=\"")
                        .Append(Encode(product.Name)).Append(CultureInfo.InvariantCulture, $"\" width=\"{cellWidth - 16}\" class=\"email-fluid\" style=\"display:block;width:100%;max-width:{cellWidth - 16}px;height:auto;margin:0 auto 8px;border:0;\"></a>");
                html.Append("<div style=\"font-size:15px;font-weight:bold;line-height:1.3;margin:0 0 4px;\">").Append(Encode(product.Name)).Append("</div>")
                    .Append("<div style=\"font-size:15px;line-height:1.3;margin:0 0 8px;\">").Append(Encode(currency.Format(product.Price))).Append("</div>");
                if (!string.IsNullOrWhiteSpace(grid.ButtonLabel))
                    html.Append("<a href=\"").Append(Encode(link)).Append(CultureInfo.InvariantCulture, $"\" style=\"color:{accent};font-size:14px;font-weight:bold;\">")
                        .Append(Encode(grid.ButtonLabel)).Append("</a>");
                html.Append("</td>");
            }
            // A short last row keeps its cells at the same width as the rows above.
            for (var i = row.Length; i < columns; i++)
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"email-column\" width=\"{percent}%\" style=\"width:{percent}%;\">&nbsp;</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
    }

    private static void RenderCoupon(StringBuilder html, CouponBlock coupon, string accent)
    {
        html.Append(CultureInfo.InvariantCulture, $"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\" style=\"border:2px dashed {accent};border-radius:8px;padding:16px;\">");
        if (!string.IsNullOrWhiteSpace(coupon.Title))
            html.Append("<div style=\"font-size:15px;margin:0 0 6px;\">").Append(Encode(coupon.Title)).Append("</div>");
        html.Append(CultureInfo.InvariantCulture, $"<div style=\"font-family:'Courier New', Courier, monospace;font-size:26px;font-weight:bold;letter-spacing:2px;color:{accent};\">")
            .Append(Encode(coupon.Code)).Append("</div>");
        if (!string.IsNullOrWhiteSpace(coupon.Note))
            html.Append("<div style=\"font-size:13px;margin:8px 0 0;color:#6b7280;\">").Append(Encode(coupon.Note)).Append("</div>");
        html.Append("</td></tr></table>");
    }

    private static void RenderSocial(StringBuilder html, SocialLinksBlock social, string accent)
    {
        var links = social.Links.Where(l => SafeLink(l.Url) is not null && !string.IsNullOrWhiteSpace(l.Platform)).ToList();
        if (links.Count == 0) return;
        html.Append("<div style=\"text-align:center;font-size:14px;\">");
        for (var i = 0; i < links.Count; i++)
        {
            if (i > 0) html.Append("<span style=\"color:#9ca3af;\"> &middot; </span>");
            html.Append("<a href=\"").Append(Encode(links[i].Url.Trim())).Append(CultureInfo.InvariantCulture, $"\" style=\"color:{accent};font-weight:bold;text-decoration:none;\">")
                .Append(Encode(links[i].Platform)).Append("</a>");
        }
        html.Append("</div>");
    }

    private static void RenderFooter(StringBuilder html, FooterBlock footer, string accent)
    {
        html.Append("<div style=\"font-size:12px;line-height:1.5;color:#6b7280;text-align:center;\">");
        if (!string.IsNullOrWhiteSpace(footer.StoreName)) html.Append("<div style=\"font-weight:bold;\">").Append(Encode(footer.StoreName)).Append("</div>");
        if (!string.IsNullOrWhiteSpace(footer.Address)) html.Append("<div>").Append(Encode(footer.Address)).Append("</div>");
        if (!string.IsNullOrWhiteSpace(footer.Note)) html.Append("<div style=\"margin-top:8px;\">").Append(Encode(footer.Note)).Append("</div>");
        // Both links open the preference page: a GET on the unsubscribe link never unsubscribes by itself.
        html.Append(CultureInfo.InvariantCulture, $"<div style=\"margin-top:8px;\"><a href=\"{{{{ unsubscribe_url }}}}\" style=\"color:{accent};\">")
            .Append(Encode(Default(footer.UnsubscribeText, "Unsubscribe"))).Append("</a>")
            .Append(" &middot; ")
            .Append(CultureInfo.InvariantCulture, $"<a href=\"{{{{ unsubscribe_url }}}}\" style=\"color:{accent};\">")
            .Append(Encode(Default(footer.PreferencesText, "Email preferences"))).Append("</a></div></div>");
    }

    /// <summary>All products of all grids in one query; products no longer in the catalog are left out.</summary>
    private async Task<IReadOnlyDictionary<Guid, CatalogProduct>> LoadProductsAsync(EmailDocument document, CancellationToken ct)
    {
        var ids = document.Blocks.OfType<ProductGridBlock>().SelectMany(g => g.Products).Select(p => p.ProductId).Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, CatalogProduct>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new CatalogProduct(p.Id, p.Name, p.Price, p.ExternalId))
            .ToDictionaryAsync(p => p.Id, ct);
    }

    /// <summary>Links in rich text take the accent colour (mail clients otherwise pick their own blue).</summary>
    private static string StyleLinks(string html, string accent) =>
        AnchorOpen().Replace(html, m => $"<a{m.Groups[1].Value} style=\"color:{accent};\">");

    private static string? SafeLink(string? url) => EmailUrls.IsSafeLink(url) ? url!.Trim() : null;

    private static string Default(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    /// <summary>Staff text as HTML text or attribute value; braces stay, so Liquid is still Liquid after <see cref="LiquidMarkup.Restore"/>.</summary>
    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Align(TextAlign align) => align switch { TextAlign.Center => "center", TextAlign.Right => "right", _ => "left" };

    /// <summary>Only #rgb / #rrggbb reach a style attribute: anything else could close the declaration.</summary>
    public static string Colour(string? value, string fallback) =>
        value is not null && HexColour().IsMatch(value.Trim()) ? value.Trim() : fallback;

    public static bool IsColour(string? value) => value is not null && HexColour().IsMatch(value.Trim());

    [GeneratedRegex("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex HexColour();

    [GeneratedRegex(@"<a((?:\s+href=""[^""]*"")?(?:\s+title=""[^""]*"")?)>")]
    private static partial Regex AnchorOpen();

    private sealed record CatalogProduct(Guid Id, string Name, decimal Price, string ExternalId);
}
