using AngleSharp.Html.Parser;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Campaigns.Templates;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Unit.Campaigns;

/// <summary>Every built-in template parses, renders for real and for nameless customers, and produces valid HTML.</summary>
public sealed class BuiltInCampaignTemplatesTests
{
    private static readonly MessageTemplateRenderer Renderer =
        new(new FakeTimeProvider(), Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" }));

    private static readonly CampaignMessageRenderer CampaignRenderer =
        new(Renderer, new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<DeliveryOptions>(new DeliveryOptions { StoreName = "Allnimall Pet Store", StoreUrl = "https://shop.example.com" }));

    public static TheoryData<string> Keys() => new(BuiltInCampaignTemplates.All().Select(t => t.Key!));

    [Fact]
    public void There_are_the_six_pet_store_templates_the_issue_asks_for_each_with_a_unique_key()
    {
        var keys = BuiltInCampaignTemplates.All().Select(t => t.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Superset(new HashSet<string?>
        {
            BuiltInCampaignTemplates.Welcome, BuiltInCampaignTemplates.WinBack, BuiltInCampaignTemplates.ProductLaunch,
            BuiltInCampaignTemplates.FlashSale, BuiltInCampaignTemplates.BirthdayTreat, BuiltInCampaignTemplates.RestockReminder,
        }, keys.ToHashSet());
        Assert.All(BuiltInCampaignTemplates.All(), t => Assert.True(t.IsBuiltin && t.Name.Length > 0 && t.Description is { Length: > 0 }));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_template_text_parses(string key)
    {
        var template = BuiltInCampaignTemplates.All().Single(t => t.Key == key);
        foreach (var text in new[] { template.Subject, template.EmailContent, template.SmsMessage }.OfType<string>())
            Assert.Empty(Renderer.Validate(text));
        Assert.True(template.CampaignType switch
        {
            CampaignType.Email => template.Subject is not null && template.EmailContent is not null,
            CampaignType.Sms => template.SmsMessage is not null,
            CampaignType.Social => template.SocialContent is not null && template.SocialPlatforms.Count > 0,
            _ => false,
        });
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Every_template_renders_with_the_customers_name_or_friend_and_the_store(string key)
    {
        var template = BuiltInCampaignTemplates.All().Single(t => t.Key == key);
        if (template.CampaignType == CampaignType.Social) return; // a post has no merge fields: nothing to render per customer

        var named = await RenderAsync(template, new MessageCustomer("Ani", "Lestari", "ani@example.com"));
        var nameless = await RenderAsync(template, new MessageCustomer(null));

        Assert.True(named.Succeeded, named.Error);
        Assert.True(nameless.Succeeded, nameless.Error);
        Assert.Contains("Ani", (named.Subject ?? "") + named.Body);
        Assert.Contains("friend", (nameless.Subject ?? "") + nameless.Body);
        Assert.DoesNotContain("{{", named.Body);
        Assert.DoesNotContain("{%", named.Body);
        if (template.CampaignType == CampaignType.Email) Assert.Contains("Allnimall Pet Store", named.Body);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Every_email_is_a_valid_html_document(string key)
    {
        var template = BuiltInCampaignTemplates.All().Single(t => t.Key == key);
        if (template.CampaignType != CampaignType.Email) return;

        var rendered = await RenderAsync(template, new MessageCustomer("Ani", "Lestari"));

        // Strict mode throws on any HTML parse error (unclosed or misnested elements, bad attributes).
        var document = new HtmlParser(new HtmlParserOptions { IsStrictMode = true }).ParseDocument(rendered.Body);
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("https://shop.example.com", document.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_flash_sale_sms_fits_one_gsm7_message_for_a_typical_name()
    {
        var template = BuiltInCampaignTemplates.All().Single(t => t.Key == BuiltInCampaignTemplates.FlashSale);

        var rendered = await RenderAsync(template, new MessageCustomer("Ani"));

        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Count(rendered.Body).Encoding);
        Assert.Equal(1, SmsSegments.Count(rendered.Body).Segments);
    }

    private static Task<RenderedCampaignMessage> RenderAsync(CampaignTemplate template, MessageCustomer customer) =>
        CampaignRenderer.RenderAsync(template.CampaignType == CampaignType.Sms
            ? new CampaignMessageDraft(CampaignType.Sms, template.Name, null, template.SmsMessage)
            : new CampaignMessageDraft(CampaignType.Email, template.Name, template.Subject, template.EmailContent), customer);
}
