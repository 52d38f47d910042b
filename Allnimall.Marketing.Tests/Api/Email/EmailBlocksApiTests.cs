using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Api.Email;

/// <summary>Email campaigns sent to the API as blocks (snake_case JSON with a "type" per block) or as raw HTML.</summary>
public sealed class EmailBlocksApiTests(EmailBlocksApiTests.App app) : IClassFixture<EmailBlocksApiTests.App>
{
    public sealed class App : MarketingAppFactory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_block_campaign_round_trips_and_its_rendered_html_is_stored_for_sending()
    {
        var productId = await AddProductAsync("API Tuna Treats", 25_000m);
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var body = $$$"""
            {
              "name": "Blocks via API", "email_subject": "Hi {{ customer.first_name }}", "email_editor_mode": "blocks",
              "email_blocks": {
                "settings": { "preheader": "Treats inside", "background_color": "#f4f4f5", "content_background_color": "#ffffff",
                              "text_color": "#222222", "accent_color": "#ff6600" },
                "blocks": [
                  { "type": "heading", "text": "Hello {{ customer.first_name | default: \"friend\" }}", "level": 1, "align": "center" },
                  { "align": "left", "type": "text", "html": "<p>New <strong>treats</strong><script>alert(1)</script></p>" },
                  { "type": "product_grid", "products": [ { "product_id": "{{{productId}}}" } ], "columns": 2, "button_label": "Buy" },
                  { "type": "button", "label": "Shop", "url": "{{ store.url }}", "align": "center" },
                  { "type": "image", "src": "https://cdn.example/x.png" },
                  { "type": "footer" }
                ]
              }
            }
            """;

        var created = await client.PostAsync("/api/marketing/email-campaigns", Json(body), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/marketing/campaigns/{id}", Ct);
        var email = read.GetProperty("email");
        Assert.Equal("blocks", email.GetProperty("editor_mode").GetString());
        Assert.Equal("Treats inside", email.GetProperty("preheader").GetString());
        var blocks = email.GetProperty("blocks").GetProperty("blocks");
        Assert.Equal(["heading", "text", "product_grid", "button", "image", "footer"], blocks.EnumerateArray().Select(b => b.GetProperty("type").GetString()).ToArray());
        Assert.Equal(productId.ToString(), blocks[2].GetProperty("products")[0].GetProperty("product_id").GetString());
        var html = email.GetProperty("content").GetString()!;
        Assert.Contains("API Tuna Treats", html);
        Assert.Contains("Rp 25.000", html);
        Assert.Contains("{{ customer.first_name | default: \"friend\" }}", html);
        Assert.Contains("href=\"{{ unsubscribe_url }}\"", html);
        Assert.DoesNotContain("<script", html);

        // Saved again unchanged (as the editor would): still blocks, same HTML.
        var update = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["name"] = "Blocks via API", ["type"] = "email", ["email_subject"] = "Hi", ["email_editor_mode"] = "blocks",
            ["email_blocks"] = email.GetProperty("blocks"), ["version"] = read.GetProperty("version").GetString(),
        });
        var put = await client.PutAsync($"/api/marketing/campaigns/{id}", Json(update), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var again = (await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("email");
        Assert.Equal(html, again.GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_button_without_an_address_is_a_field_error_and_an_image_without_alt_text_is_not()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        const string body = """
            { "name": "Bad button", "email_subject": "S", "email_blocks": { "blocks": [
                { "type": "image", "src": "https://cdn.example/x.png" },
                { "type": "button", "label": "Go", "url": "" },
                { "type": "button", "label": "Go", "url": "javascript:alert(1)" } ] } }
            """;

        var response = await client.PostAsync("/api/marketing/email-campaigns", Json(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["email_blocks.blocks[1].url", "email_blocks.blocks[2].url"], errors.EnumerateObject().Select(p => p.Name).Order().ToArray());
    }

    [Theory]
    [InlineData("""{ "name": "x", "email_subject": "S", "email_blocks": { "blocks": [ { "type": "marquee" } ] } }""")]
    [InlineData("""{ "name": "x", "email_subject": "S", "email_blocks": { "blocks": [ { "type": "heading", "txt": "typo" } ] } }""")]
    [InlineData("""{ "name": "x", "email_subject": "S", "email_blocks": { "blocks": [ { "type": "spacer", "height": "tall" } ] } }""")]
    [InlineData("""{ "name": "x", "email_subject": "S", "email_blocks": { "blocks": [ """)]
    [InlineData("""{ "name": "x", "email_subject": "S", "email_blocks": { "settings": null, "blocks": null } }""")]
    [InlineData("""{ "name": "x", "email_subject": "S", "email_blocks": { "settings": null, "blocks": [ null, { "type": "product_grid", "products": [ null ] }, { "type": "social_links", "links": null }, { "type": "heading", "text": null } ] } }""")]
    [InlineData("""{ "name": "x", "email_subject": "S", "email_blocks": { "settings": { "accent_color": null, "preheader": null }, "blocks": [ { "type": "button", "label": null, "url": null, "background_color": "red;x:y" } ] } }""")]
    public async Task Blocks_that_are_not_blocks_get_a_400_problem_never_a_500(string body)
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);

        var response = await client.PostAsync("/api/marketing/email-campaigns", Json(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Raw_html_is_sanitised_before_it_is_stored_keeping_liquid_and_the_unsubscribe_link()
    {
        var client = await app.CreateApiClientAsAsync(Roles.Marketer);
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = "Raw HTML", ["email_subject"] = "S",
            ["email_content"] = "<table><tr><td style=\"padding:8px\" onclick=\"alert(1)\">Hi {{ customer.first_name }}</td></tr></table>"
                + "<img src=x onerror=alert(1)><a href=\"jav&#x09;ascript:alert(1)\">x</a><iframe src=\"https://evil.example\"></iframe>"
                + "<a href=\"{{ unsubscribe_url }}\">Unsubscribe</a>",
        });

        var created = await client.PostAsync("/api/marketing/email-campaigns", Json(body), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var email = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("email");
        Assert.Equal("html", email.GetProperty("editor_mode").GetString());
        var html = email.GetProperty("content").GetString()!;
        Assert.Contains("<td style=\"padding: 8px\">Hi {{ customer.first_name }}</td>", html);
        Assert.Contains("href=\"{{ unsubscribe_url }}\"", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("onerror", html);
        Assert.DoesNotContain("iframe", html);
        Assert.DoesNotContain("ascript", html);
    }

    private async Task<Guid> AddProductAsync(string name, decimal price)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<MarketingDbContext>>().CreateDbContextAsync(Ct);
        var product = new Product { ExternalId = $"api-{Guid.NewGuid():N}", Sku = $"SKU-{Guid.NewGuid():N}"[..20], Name = name, Price = price };
        db.Products.Add(product);
        await db.SaveChangesAsync(Ct);
        return product.Id;
    }
}
