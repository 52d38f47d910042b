using AngleSharp.Html.Parser;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Unit.Tracking;

public sealed class EmailTrackingComposerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private static readonly Guid Delivery = Guid.NewGuid();

    private static List<string> Hrefs(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public void Http_links_become_signed_click_links_and_the_originals_are_kept_in_order()
    {
        var composer = TrackingTestSigner.Composer(_clock);
        var signer = TrackingTestSigner.Signer(_clock);

        var email = composer.Compose(Delivery, """<p><a href="https://toko.example/sale">Sale</a> <a href=" http://toko.example/b ">B</a></p>""");

        Assert.Equal(["https://toko.example/sale", "http://toko.example/b"], email.Links);
        var hrefs = Hrefs(email.Html);
        Assert.All(hrefs, h => Assert.StartsWith("https://mail.toko.example/t/c/", h));
        Assert.Equal([0, 1], hrefs.Select(h => signer.Verify(h[(h.LastIndexOf('/') + 1)..], TrackingTokenKind.Click)!.LinkIndex));
    }

    [Fact]
    public void A_fragment_stays_a_fragment()
    {
        var email = TrackingTestSigner.Composer(_clock).Compose(Delivery, "<p>Hi</p>");

        Assert.StartsWith("<p>Hi</p><img ", email.Html);
    }

    [Fact]
    public void Mailto_tel_anchors_and_relative_links_are_left_alone()
    {
        var email = TrackingTestSigner.Composer(_clock).Compose(Delivery,
            """<a href="mailto:shop@toko.example">m</a><a href="tel:+62812">t</a><a href="#top">a</a><a href="/local">r</a><a href="javascript:alert(1)">j</a><a>none</a>""");

        Assert.Empty(email.Links);
        Assert.Equal(["mailto:shop@toko.example", "tel:+62812", "#top", "/local", "javascript:alert(1)"], Hrefs(email.Html).Take(5));
    }

    [Fact]
    public void An_entity_encoded_url_is_stored_decoded_and_written_back_encoded()
    {
        var email = TrackingTestSigner.Composer(_clock).Compose(Delivery, """<a href="https://toko.example/?a=1&amp;b=2">x</a>""");

        Assert.Equal("https://toko.example/?a=1&b=2", Assert.Single(email.Links));
        Assert.DoesNotContain("?a=1", email.Html);
    }

    [Fact]
    public void An_open_pixel_is_appended_and_the_header_fields_name_the_unsubscribe_urls()
    {
        var email = TrackingTestSigner.Composer(_clock).Compose(Delivery, "<html><body><p>Hi</p></body></html>");

        var pixel = new HtmlParser().ParseDocument(email.Html).Body!.LastElementChild!;
        Assert.Equal("img", pixel.LocalName);
        Assert.StartsWith("https://mail.toko.example/t/o/", pixel.GetAttribute("src"));
        Assert.Equal("1", pixel.GetAttribute("width"));
        Assert.Matches(@"^<https://mail\.toko\.example/u/([A-Za-z0-9_-]+)>, <mailto:unsubscribe\+\1@toko\.example>$", email.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith("<html>", email.Html);
    }

    [Fact]
    public void T17_the_unsubscribe_placeholder_becomes_the_deliverys_unsubscribe_url_and_is_not_click_tracked()
    {
        var email = TrackingTestSigner.Composer(_clock).Compose(Delivery,
            $"""<a href="{MessageModel.UnsubscribeUrlPlaceholder}">Unsubscribe</a> {MessageModel.UnsubscribeUrlPlaceholder}""");

        var href = Assert.Single(Hrefs(email.Html));
        Assert.StartsWith("https://mail.toko.example/u/", href);
        Assert.Contains($"<{href}>", email.Headers["List-Unsubscribe"]);
        Assert.DoesNotContain("unsubscribe.invalid", email.Html);
        Assert.Empty(email.Links);
    }

    [Fact]
    public void A_test_send_keeps_its_links_and_gets_no_pixel()
    {
        const string html = """<p><a href="https://toko.example/sale">Sale</a></p>""";

        var email = TrackingTestSigner.Composer(_clock).Compose(Delivery, html, track: false);

        Assert.Equal(html, email.Html);
        Assert.Empty(email.Links);
        Assert.Contains("List-Unsubscribe", email.Headers.Keys);
    }
}
