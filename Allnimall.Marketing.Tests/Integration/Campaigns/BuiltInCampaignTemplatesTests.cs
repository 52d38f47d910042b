using AngleSharp.Html.Parser;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Campaigns.Templates;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>
/// Every built-in template parses, renders for real and for nameless customers, and produces valid HTML; the email ones
/// are block designs rendered by the real <see cref="EmailDocumentRenderer"/> against a SQLite catalog.
/// </summary>
public sealed class BuiltInCampaignTemplatesTests : IAsyncLifetime
{
    private SqliteTestDatabase database = null!;
    private EmailDocumentRenderer blocks = null!;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        blocks = new EmailDocumentRenderer(database, new EmailHtmlSanitizer(), CurrencyOptions.Idr);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

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

    [Fact]
    public void The_email_library_has_the_six_designed_emails_the_email_issue_asks_for_all_editable_as_blocks()
    {
        var designed = BuiltInCampaignTemplates.All().Where(t => t.EmailEditorMode == EmailEditorMode.Blocks).Select(t => t.Key).ToHashSet();

        Assert.Superset(new HashSet<string?>
        {
            BuiltInCampaignTemplates.Newsletter, BuiltInCampaignTemplates.ProductLaunch, BuiltInCampaignTemplates.Sale,
            BuiltInCampaignTemplates.Welcome, BuiltInCampaignTemplates.WinBack, BuiltInCampaignTemplates.BirthdayTreat,
        }, designed);
        Assert.All(BuiltInCampaignTemplates.All().Where(t => t.CampaignType == CampaignType.Email),
            t => Assert.Equal(EmailEditorMode.Blocks, t.EmailEditorMode));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_email_design_has_a_preheader_and_ends_with_the_footer_and_only_product_picks_are_left_to_do(string key)
    {
        var template = BuiltInCampaignTemplates.All().Single(t => t.Key == key);
        if (template.CampaignType != CampaignType.Email) return;

        var document = EmailDocument.FromJson(template.EmailContentBlocks!);
        var errors = EmailDocumentValidator.Validate(document, "EmailBlocks");

        Assert.False(string.IsNullOrWhiteSpace(document.Settings.Preheader));
        Assert.IsType<HeaderBlock>(document.Blocks[0]);
        Assert.IsType<FooterBlock>(document.Blocks[^1]);
        // An empty product grid is the one thing the store must fill in; everything else is ready to send.
        Assert.All(errors, e => Assert.Equal("Pick at least one product.", Assert.Single(e.Value)));
        Assert.Equal(document.Blocks.Count(b => b is ProductGridBlock), errors.Count);
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
            CampaignType.Email => template.Subject is not null && template.EmailContentBlocks is not null,
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
        Assert.Contains(document.QuerySelectorAll("a"), a => a.GetAttribute("href") == MessageModel.UnsubscribeUrlPlaceholder);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Every_email_design_passes_the_pre_send_checklist_without_errors_or_warnings(string key)
    {
        var template = BuiltInCampaignTemplates.All().Single(t => t.Key == key);
        if (template.CampaignType != CampaignType.Email) return;
        var document = EmailDocument.FromJson(template.EmailContentBlocks!);

        var html = await blocks.RenderAsync(document, TestContext.Current.CancellationToken);
        var result = Core.Campaigns.Checklist.EmailChecklist.Check(template.Subject, html, document.Settings.Preheader,
            "Jl. Kemang Raya 5, Jakarta", "https://shop.example.com");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task The_flash_sale_sms_fits_one_gsm7_message_for_a_typical_name()
    {
        var template = BuiltInCampaignTemplates.All().Single(t => t.Key == BuiltInCampaignTemplates.FlashSale);

        var rendered = await RenderAsync(template, new MessageCustomer("Ani"));

        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Count(rendered.Body).Encoding);
        Assert.Equal(1, SmsSegments.Count(rendered.Body).Segments);
    }

    private async Task<RenderedCampaignMessage> RenderAsync(CampaignTemplate template, MessageCustomer customer)
    {
        if (template.CampaignType == CampaignType.Sms)
            return await CampaignRenderer.RenderAsync(new CampaignMessageDraft(CampaignType.Sms, template.Name, null, template.SmsMessage), customer);
        var html = await blocks.RenderAsync(EmailDocument.FromJson(template.EmailContentBlocks!), TestContext.Current.CancellationToken);
        return await CampaignRenderer.RenderAsync(new CampaignMessageDraft(CampaignType.Email, template.Name, template.Subject, html), customer);
    }
}
