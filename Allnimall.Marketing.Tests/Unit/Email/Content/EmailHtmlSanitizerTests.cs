using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Core.Messaging;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Unit.Email.Content;

/// <summary>
/// T35 for email HTML: raw-HTML mode and rich-text blocks go through HtmlSanitizer; an OWASP-style payload corpus leaves
/// no script, handler, scripting URL, frame, form or foreign content (SVG/MathML) behind, while table layout, inline
/// styles, a head &lt;style&gt; and Liquid (also in href) survive.
/// </summary>
public sealed class EmailHtmlSanitizerTests
{
    private readonly EmailHtmlSanitizer sanitizer = new();

    public static TheoryData<string> Payloads() =>
    [
        "<script>window.__xss=1</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=\"window.__xss=1\">",
        "<img src=\"https://ok.example/a.png\" onload=alert(1)>",
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "<svg><style>@import 'javascript:alert(1)';</style><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"https://evil.example\"><input name=p><button formaction=\"javascript:alert(1)\">go</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<div style=\"background-image:url('javascript:alert(1)')\">x</div>",
        "<template shadowrootmode=\"open\"><script>alert(1)</script></template>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<!--[if gte mso 9]><script>alert(1)</script><![endif]-->",
        "<body onload=alert(1)><p>x</p></body>",
        "<details open ontoggle=alert(1)>",
        "<a href=\"https://ok.example\" onclick=\"alert(1)\" onmouseover=alert(1)>x</a>",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<style>@import url(javascript:alert(1));</style>",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Raw_html_mode_removes_every_scripting_vector(string payload)
    {
        var clean = sanitizer.SanitizeEmail($"<p>Hello</p>{payload}<p>Bye</p>");

        AssertInert(clean);
        Assert.Contains("Hello", clean);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Raw_html_mode_removes_every_scripting_vector_inside_a_whole_document(string payload)
    {
        var clean = sanitizer.SanitizeEmail($"<!DOCTYPE html><html><head><style>p {{ color: red; }}</style></head><body><p>Hello</p>{payload}</body></html>");

        AssertInert(clean);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Rich_text_removes_every_scripting_vector(string payload)
    {
        var clean = sanitizer.SanitizeRichText($"<p>Hello</p>{payload}");

        AssertInert(clean);
    }

    [Fact]
    public void Raw_html_keeps_table_layout_inline_styles_head_style_and_media_queries()
    {
        const string html = """
            <!DOCTYPE html><html><head><style>.col { width: 50%; } @media only screen and (max-width: 620px) { .col { display: block !important; } }</style></head>
            <body style="margin:0"><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff">
            <tr><td class="col" align="center" valign="top" style="padding:12px;color:#333333;font-family:Arial">Hi</td></tr></table></body></html>
            """;

        var clean = sanitizer.SanitizeEmail(html);

        var doc = new HtmlParser().ParseDocument(clean);
        var table = doc.QuerySelector("table")!;
        Assert.Equal("600", table.GetAttribute("width"));
        Assert.Equal("0", table.GetAttribute("cellpadding"));
        Assert.Equal("#ffffff", table.GetAttribute("bgcolor"));
        var cell = doc.QuerySelector("td")!;
        Assert.Equal("top", cell.GetAttribute("valign"));
        Assert.Contains("padding", cell.GetAttribute("style"));
        var style = doc.QuerySelector("head style")?.TextContent ?? "";
        Assert.Contains("@media", style);
        Assert.Contains("max-width", style);
    }

    [Fact]
    public void Liquid_survives_in_text_and_in_href()
    {
        const string html = """
            <p>Hi {{ customer.first_name | default: "friend" }}, {% if customer.city != "" %}from {{ customer.city }}{% endif %} &amp; welcome</p>
            <a href="{{ unsubscribe_url }}">Unsubscribe</a> <a href="{{ store.url }}/sale?code={{ promo_code }}&amp;x=1">Sale</a>
            <p>{% if 3 > 2 %}more{% endif %}</p>
            """;

        var clean = sanitizer.SanitizeEmail(html);

        Assert.Contains("{{ customer.first_name | default: \"friend\" }}", clean);
        Assert.Contains("{% if customer.city != \"\" %}", clean);
        Assert.Contains("{% if 3 > 2 %}", clean);
        Assert.Contains("href=\"{{ unsubscribe_url }}\"", clean);
        Assert.Contains("{{ store.url }}/sale?code={{ promo_code }}", clean);
        Assert.Contains("&amp; welcome", clean); // text outside Liquid stays encoded
    }

    [Fact]
    public void A_stray_opening_brace_pair_does_not_decode_the_markup_that_follows()
    {
        var clean = sanitizer.SanitizeEmail("<p>{{ oops</p><p>&lt;script&gt;alert(1)&lt;/script&gt; }}</p>");

        Assert.DoesNotContain("<script", clean);
        Assert.Contains("&lt;script&gt;", clean);
    }

    [Fact]
    public void Rich_text_keeps_only_the_allowed_tags()
    {
        var clean = sanitizer.SanitizeRichText("""<p>A <strong>b</strong> <em>c</em> <a href="https://x.example/" style="color:red" class="k">d</a><br></p><ul><li>e</li></ul><ol><li>f</li></ol><h1>g</h1><table><tr><td>h</td></tr></table><span style="color:red">i</span>""");

        var doc = new HtmlParser().ParseDocument(clean);
        var tags = doc.Body!.QuerySelectorAll("*").Select(e => e.LocalName).Distinct().Order().ToList();
        Assert.Equal(["a", "br", "em", "li", "ol", "p", "strong", "ul"], tags);
        Assert.Null(doc.QuerySelector("a")!.GetAttribute("style"));
        Assert.Null(doc.QuerySelector("a")!.GetAttribute("class"));
        Assert.Contains("g", doc.Body.TextContent); // the text of a removed tag stays
    }

    [Fact]
    public void Rich_text_maps_what_browser_editors_write_to_the_allowed_tags()
    {
        // Chromium's execCommand writes b and i, Enter and paste write div lines; Liquid typed as text stays.
        var clean = sanitizer.SanitizeRichText("""Hi {{ customer.first_name | default: "there" }}<div><b>Big</b> and <i title="t">slanted</i></div><div><br></div><div>Last</div>""");

        Assert.Equal("""Hi {{ customer.first_name | default: "there" }}<p><strong>Big</strong> and <em title="t">slanted</em></p><p><br></p><p>Last</p>""", clean);
    }

    [Fact]
    public void Rich_text_unwraps_a_div_that_holds_blocks_or_sits_in_a_list_item_and_drops_empty_paragraphs()
    {
        var clean = sanitizer.SanitizeRichText("<div><p>One</p><div>Two</div></div><ul><li><div>Three</div><div>Four</div></li></ul><p><ol><li>Five</li></ol></p>");

        // Chromium's list inside a paragraph parses as an empty paragraph, the list, and another empty one: both go.
        Assert.Equal("<p>One</p><p>Two</p><ul><li>Three<br>Four</li></ul><ol><li>Five</li></ol>", clean);
    }

    [Fact]
    public async Task Liquid_that_outputs_markup_is_encoded_when_personalised()
    {
        // Entities inside Liquid are decoded back for Liquid; what Liquid then outputs is HTML-encoded.
        var clean = sanitizer.SanitizeEmail("<p>{{ \"&lt;script&gt;alert(1)&lt;/script&gt;\" }}</p><p>{{ customer.first_name }}</p>");
        Assert.Contains("{{ \"<script>alert(1)</script>\" }}", clean);
        var liquid = new MessageTemplateRenderer(new FakeTimeProvider(), Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" }));

        var sent = await liquid.RenderAsync(clean,
            new MessageModel(new MessageCustomer("<img src=x onerror=alert(1)>"), new MessageStore("Shop"), new MessageCampaign("c")),
            MessageFormat.Html, TestContext.Current.CancellationToken);

        AssertInert(sent);
        Assert.Contains("&lt;script&gt;", sent);
    }

    /// <summary>No element, attribute or URL that can run script, parsed the way a browser would.</summary>
    private static void AssertInert(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        string[] forbidden = ["script", "iframe", "object", "embed", "form", "input", "button", "svg", "math", "template", "meta", "base", "link", "frame", "noscript"];
        foreach (var element in doc.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, forbidden);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"handler {attribute.Name} kept in: {html}");
                Assert.NotEqual("srcdoc", attribute.Name);
                Assert.NotEqual("formaction", attribute.Name);
                var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                Assert.DoesNotContain("javascript:", value);
                Assert.DoesNotContain("vbscript:", value);
                Assert.DoesNotContain("expression(", value);
                if (attribute.Name is "href" or "src" or "background" or "action") Assert.False(value.StartsWith("data:"), $"data URL kept in: {html}");
            }
        }
        foreach (var style in doc.QuerySelectorAll("style"))
        {
            Assert.DoesNotContain("javascript:", style.TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", style.TextContent, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain("<!--", html);
    }
}
