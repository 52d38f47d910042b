using System.Data.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Integration.Email.Content;

/// <summary>The block document rendered to email HTML against a real SQLite catalog, then personalised as a send does.</summary>
public sealed class EmailDocumentRendererTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private SqliteTestDatabase database = null!;
    private readonly CommandCounter counter = new();
    private EmailDocumentRenderer renderer = null!;
    private readonly MessageTemplateRenderer liquid = new(new FakeTimeProvider(), Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" }));

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        renderer = new EmailDocumentRenderer(new CountingFactory(database, counter), new EmailHtmlSanitizer(), CurrencyOptions.Idr);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Every_block_type_renders_inside_a_600px_table_layout_with_a_phone_media_query()
    {
        var product = await AddProductAsync("Salmon Kibble 2kg", 185_000m, "SK-2");
        var document = new EmailDocument
        {
            Settings = new() { Preheader = "Fresh deals inside", AccentColor = "#ff6600" },
            Blocks =
            [
                new HeaderBlock { LogoUrl = "https://cdn.example/logo.png", LogoAlt = "Logo" },
                new HeadingBlock { Text = "Big sale", Level = 1 },
                new TextBlock { Html = "<p>Read <strong>this</strong> <a href=\"https://shop.example/a\">link</a></p><ul><li>one</li></ul>" },
                new ImageBlock { Src = "https://cdn.example/dog.jpg", Alt = "A dog", LinkUrl = "https://shop.example/dogs", Width = 400 },
                new ButtonBlock { Label = "Shop now", Url = "https://shop.example/sale" },
                new DividerBlock(),
                new SpacerBlock { Height = 40 },
                new ProductGridBlock { Products = [new ProductGridItem { ProductId = product, ImageUrl = "https://cdn.example/sk.jpg" }] },
                new CouponBlock(),
                new SocialLinksBlock { Links = [new SocialLink { Platform = "Instagram", Url = "https://instagram.com/shop" }] },
                new FooterBlock(),
            ],
        };

        var html = await renderer.RenderAsync(document, Ct);

        var doc = new HtmlParser().ParseDocument(html);
        var container = doc.QuerySelector("table.email-container")!;
        Assert.Equal("600", container.GetAttribute("width"));
        Assert.Contains("max-width:600px", container.GetAttribute("style")!.Replace(" ", ""));
        Assert.Equal(document.Blocks.Count, container.QuerySelectorAll(":scope > tbody > tr").Length);
        Assert.Contains("@media only screen and (max-width: 620px)", doc.QuerySelector("head style")!.TextContent);
        var preheader = doc.Body!.FirstElementChild!;
        Assert.Equal("Fresh deals inside", preheader.TextContent);
        Assert.Contains("display:none", preheader.GetAttribute("style")!.Replace(" ", ""));
        Assert.Equal("https://cdn.example/logo.png", doc.QuerySelector("img[alt=Logo]")!.GetAttribute("src"));
        Assert.Equal("Big sale", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("this", doc.QuerySelector("strong")!.TextContent);
        Assert.Equal("https://shop.example/dogs", doc.QuerySelector("img[alt='A dog']")!.ParentElement!.GetAttribute("href"));
        var button = doc.QuerySelectorAll("a").Single(a => a.TextContent == "Shop now");
        Assert.Equal("https://shop.example/sale", button.GetAttribute("href"));
        Assert.Contains("#ff6600", button.ParentElement!.GetAttribute("style"));
        Assert.Contains("height:40px", html.Replace(" ", ""));
        Assert.Contains("Salmon Kibble 2kg", doc.QuerySelector("td.email-column")!.TextContent);
        Assert.Contains("Rp 185.000", doc.QuerySelector("td.email-column")!.TextContent);
        Assert.Contains("{{ promo_code }}", html);
        Assert.Equal("https://instagram.com/shop", doc.QuerySelectorAll("a").Single(a => a.TextContent == "Instagram").GetAttribute("href"));
        Assert.Equal(2, doc.QuerySelectorAll("a[href='{{ unsubscribe_url }}']").Length);
        Assert.Contains("{{ store.address }}", html);
    }

    [Fact]
    public async Task Premailer_inlines_the_remaining_css_into_style_attributes()
    {
        var html = await renderer.RenderAsync(new EmailDocument { Blocks = [new ImageBlock { Src = "https://cdn.example/a.png", Alt = "a" }] }, Ct);

        // "img { border: 0; outline: none }" from the head is now on the image itself.
        var image = new HtmlParser().ParseDocument(html).QuerySelector("img")!;
        Assert.Contains("outline", image.GetAttribute("style"));
    }

    [Fact]
    public async Task Liquid_in_text_and_links_survives_rendering_and_inlining_and_is_personalised_later()
    {
        var document = new EmailDocument
        {
            Settings = new() { Preheader = "For {{ customer.first_name }}" },
            Blocks =
            [
                new HeadingBlock { Text = "Hi {{ customer.first_name | default: \"friend\" }} & co" },
                new TextBlock { Html = "<p>{% if customer.city == \"Bandung\" %}Hello Bandung{% endif %} {% if 3 > 2 %}yes{% endif %}</p>" },
                new ButtonBlock { Label = "Shop {{ store.name }}", Url = "{{ store.url }}/sale?code={{ promo_code }}&src=email" },
                new FooterBlock(),
            ],
        };

        var html = await renderer.RenderAsync(document, Ct);

        Assert.Contains("{{ customer.first_name | default: \"friend\" }} &amp; co", html);
        Assert.Contains("{% if customer.city == \"Bandung\" %}", html);
        Assert.Contains("{% if 3 > 2 %}", html);
        Assert.Contains("href=\"{{ store.url }}/sale?code={{ promo_code }}&amp;src=email\"", html);
        Assert.Contains("href=\"{{ unsubscribe_url }}\"", html);
        Assert.Empty(liquid.Validate(html));

        var sent = await liquid.RenderAsync(html, new MessageModel(new MessageCustomer("Ani", City: "Bandung"),
            new MessageStore("Pet Shop", "https://pets.example", "Jl. Merdeka 1"), new MessageCampaign("Sale"), "CODE-42",
            "https://app.example/u/abc"), MessageFormat.Html, Ct);
        Assert.Contains("Hi Ani &amp; co", sent);
        Assert.Contains("Hello Bandung", sent);
        Assert.Contains("href=\"https://pets.example/sale?code=CODE-42&amp;src=email\"", sent);
        Assert.Contains("href=\"https://app.example/u/abc\"", sent);
        Assert.Contains("Jl. Merdeka 1", sent);
        Assert.Contains("For Ani", sent);
    }

    [Fact]
    public async Task Staff_text_is_encoded_and_unsafe_urls_and_colours_never_reach_the_html()
    {
        var document = new EmailDocument
        {
            Settings = new() { AccentColor = "red;background:url(javascript:alert(1))" },
            Blocks =
            [
                new HeadingBlock { Text = "<script>alert(1)</script> \"quoted\"" },
                new ButtonBlock { Label = "<b>x</b>", Url = "javascript:alert(1)" },
                new ImageBlock { Src = "data:image/png;base64,AAAA", Alt = "\" onerror=\"alert(1)" },
                new ImageBlock { Src = "https://cdn.example/a.png", Alt = "\" onerror=\"alert(1)" },
                new TextBlock { Html = "<p onclick=\"alert(1)\">ok<script>alert(2)</script><img src=x onerror=alert(3)></p>" },
                new CouponBlock { Code = "<i>CODE</i>" },
            ],
        };

        var html = await renderer.RenderAsync(document, Ct);

        var doc = new HtmlParser().ParseDocument(html);
        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Equal("<script>alert(1)</script> \"quoted\"", doc.QuerySelector("h1")!.TextContent);
        Assert.Empty(doc.QuerySelectorAll("b, i"));
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:image", html);
        Assert.Single(doc.QuerySelectorAll("img"));
        Assert.Equal("\" onerror=\"alert(1)", doc.QuerySelector("img")!.GetAttribute("alt"));
        Assert.All(doc.QuerySelectorAll("*"), e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Contains("#2563eb", html); // the default accent instead of the injected one
    }

    [Fact]
    public async Task Product_grids_read_all_their_products_with_one_query_and_stack_on_phones()
    {
        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++) ids.Add(await AddProductAsync($"Toy {i}", 10_000m * i, $"T-{i}"));
        var document = new EmailDocument
        {
            Blocks =
            [
                new ProductGridBlock { Columns = 3, Products = ids.Take(3).Select(id => new ProductGridItem { ProductId = id }).ToList() },
                new ProductGridBlock { Columns = 2, Products = ids.Skip(3).Select(id => new ProductGridItem { ProductId = id, Url = "https://shop.example/p" }).ToList() },
            ],
        };
        counter.Reset();

        var result = await renderer.RenderDocumentAsync(document, Ct);

        Assert.Equal(1, counter.ProductQueries);
        Assert.Empty(result.MissingProductIds);
        var cells = new HtmlParser().ParseDocument(result.Html).QuerySelectorAll("td.email-column").Where(c => c.TextContent.Contains("Toy")).ToList();
        Assert.Equal(5, cells.Count);
        Assert.Contains("Rp 50.000", cells[4].TextContent);
        Assert.Contains("{{ store.url }}/products/T-1", result.Html);
        Assert.Contains("href=\"https://shop.example/p\"", result.Html);
    }

    [Fact]
    public async Task A_product_no_longer_in_the_catalog_is_reported_and_left_out()
    {
        var kept = await AddProductAsync("Kept", 1000m, "K");
        var gone = Guid.CreateVersion7();

        var result = await renderer.RenderDocumentAsync(new EmailDocument
        {
            Blocks = [new ProductGridBlock { Products = [new() { ProductId = kept }, new() { ProductId = gone }] }],
        }, Ct);

        Assert.Equal([gone], result.MissingProductIds);
        Assert.Contains("Kept", result.Html);
    }

    [Fact]
    public void The_document_round_trips_through_json_with_a_type_discriminator()
    {
        var document = new EmailDocument
        {
            Settings = new() { Preheader = "p", AccentColor = "#123456" },
            Blocks = [new HeadingBlock { Text = "H", Align = TextAlign.Center }, new SpacerBlock { Height = 12 }, new SocialLinksBlock { Links = [new() { Platform = "X", Url = "https://x.example" }] }],
        };

        var json = document.ToJson();
        var back = EmailDocument.FromJson(json);

        Assert.Contains("\"type\":\"heading\"", json);
        Assert.Contains("\"align\":\"center\"", json);
        Assert.Equal("H", Assert.IsType<HeadingBlock>(back.Blocks[0]).Text);
        Assert.Equal(12, Assert.IsType<SpacerBlock>(back.Blocks[1]).Height);
        Assert.Equal("https://x.example", Assert.IsType<SocialLinksBlock>(back.Blocks[2]).Links.Single().Url);
        Assert.Equal("#123456", back.Settings.AccentColor);
        Assert.Throws<System.Text.Json.JsonException>(() => EmailDocument.FromJson("{\"blocks\":[{\"type\":\"marquee\"}]}"));
    }

    [Fact]
    public void A_button_without_an_address_is_an_error_and_an_image_without_alt_text_is_not()
    {
        var errors = EmailDocumentValidator.Validate(new EmailDocument
        {
            Blocks =
            [
                new ImageBlock { Src = "https://cdn.example/a.png" },
                new ButtonBlock { Label = "Go", Url = "" },
                new ButtonBlock { Label = "Go", Url = "javascript:alert(1)" },
                new ButtonBlock { Label = "Go", Url = "{{ store.url }}/x" },
                new SpacerBlock { Height = 999 },
            ],
        }, "EmailBlocks");

        Assert.Equal(["EmailBlocks.Blocks[1].Url", "EmailBlocks.Blocks[2].Url", "EmailBlocks.Blocks[4].Height"], errors.Keys.Order().ToArray());
    }

    private async Task<Guid> AddProductAsync(string name, decimal price, string externalId)
    {
        await using var db = database.CreateDbContext();
        var product = new Product { ExternalId = externalId, Sku = externalId, Name = name, Price = price };
        db.Products.Add(product);
        await db.SaveChangesAsync(Ct);
        return product.Id;
    }

    private sealed class CountingFactory(SqliteTestDatabase database, IInterceptor interceptor) : IDbContextFactory<MarketingDbContext>
    {
        public MarketingDbContext CreateDbContext() =>
            new SqliteMarketingDbContext(new DbContextOptionsBuilder<MarketingDbContext>(database.Options).AddInterceptors(interceptor).Options);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int productQueries;
        public int ProductQueries => Volatile.Read(ref productQueries);
        public void Reset() => Volatile.Write(ref productQueries, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("\"products\"", StringComparison.Ordinal)) Interlocked.Increment(ref productQueries);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
