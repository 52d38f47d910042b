using System.Security.Claims;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Campaigns.Templates;
using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Campaigns;
using Allnimall.Marketing.Web.Components.Pages.Campaigns.EmailBlocks;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using static Allnimall.Marketing.Tests.Components.Segments.EditorSelects;

namespace Allnimall.Marketing.Tests.Components.Campaigns;

/// <summary>The campaign form on the real services and SQLite: templates, type-specific fields, errors in place, audience count, preview, save.</summary>
public sealed class CampaignEditTests : MarketingBunitContext, IAsyncLifetime
{
    private CampaignTestStore store = null!;
    private Guid friends;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        store = await CampaignTestStore.CreateAsync();
        // Two of the three consented to email; the third is in the segment but must not be counted.
        friends = await store.SegmentAsync("Friends", CampaignTestStore.Customer("Budi"), CampaignTestStore.Customer("Ani"),
            CampaignTestStore.Customer("Dodi", email: false));
        await using (var db = store.Database.CreateDbContext())
            await db.CustomerSegments.Where(s => s.Id == friends).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerCount, 3), Ct);
        Services.AddCampaignEditingOver(store.Database, new Dictionary<string, string?> { ["Messaging:Templates:TimeZoneId"] = "UTC" });
        await new CampaignTemplateSeeder(store.Database).SeedAsync(Ct);
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@test");
        auth.SetClaims(new Claim(Permissions.ClaimType, Permissions.CampaignsManage), new Claim(ClaimTypes.NameIdentifier, store.AdminId));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await store.DisposeAsync();
    }

    [Fact]
    public void Choosing_the_welcome_template_prefills_channel_and_content_and_says_which_suggested_segment_is_missing()
    {
        var cut = RenderEditor();

        Assert.Contains("Start from blank", cut.Find("[data-testid=template-card-blank]").TextContent);
        cut.Find("[data-testid=template-card-welcome] [data-testid=use-template]").Click();

        var subject = cut.WaitForElement("#email-subject");
        Assert.Equal("Welcome to {{ store.name }}, {{ customer.first_name | default: \"friend\" }}!", subject.GetAttribute("value"));
        Assert.Equal("Welcome new customers", cut.Find("#campaign-name").GetAttribute("value"));
        // The welcome template is a block design: the editor opens with its blocks, the greeting in the heading.
        Assert.Equal("header", cut.Find("[data-testid=block-0]").GetAttribute("data-type"));
        Assert.Contains("Welcome to the family", cut.Find("[data-testid=block-1]").TextContent);
        Assert.Contains("“New this month” does not exist", cut.Find("[data-testid=template-notice]").TextContent);

        // Back to the picker and start from blank: nothing of the template stays.
        cut.Find("[data-testid=choose-template]").Click();
        cut.WaitForElement("[data-testid=start-blank]").Click();
        Assert.Equal("", cut.WaitForElement("#email-subject").GetAttribute("value") ?? "");
        Assert.Empty(cut.FindAll("[data-testid=template-notice]"));
    }

    [Fact]
    public void Switching_the_type_shows_that_channels_fields_with_a_live_sms_counter()
    {
        var cut = StartBlank();
        Assert.NotNull(cut.Find("#email-subject"));

        TypeRadio(cut, 1).Click();

        cut.WaitForElement("#sms-message");
        Assert.Empty(cut.FindAll("#email-subject"));
        cut.Find("#sms-message").Input(new string('a', 161));
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=sms-counter]").GetAttribute("data-segments")));
        cut.Find("#sms-message").Input("Halo 🐶");
        cut.WaitForAssertion(() => Assert.Contains("UCS-2", cut.Find("[data-testid=sms-counter]").TextContent));

        TypeRadio(cut, 2).Click();
        cut.WaitForElement("#social-content");
        Assert.Equal(4, cut.FindAll("[data-testid=social-platforms] input[type=checkbox]").Count);

        TypeRadio(cut, 3).Click();
        cut.WaitForElement("[data-testid=discount-notice]");
        Assert.Equal("discounts/new", cut.Find("[data-testid=discount-new-link]").GetAttribute("href"));
        Assert.True(cut.Find("[data-testid=save-campaign]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_liquid_error_is_shown_under_the_content_with_line_and_column_and_nothing_is_saved()
    {
        var cut = StartBlankInHtml();
        cut.Find("#campaign-name").Input("Broken");
        cut.Find("#email-subject").Input("Hello");
        cut.Find("#email-content").Input("<p>Hi</p>\n<p>{% if %}</p>");

        cut.Find("[data-testid=save-campaign]").Click();

        cut.WaitForAssertion(() => Assert.Matches("line 2, column \\d+",
            cut.Find(".mud-input-control:has(#email-content)").TextContent));
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(0, await db.Campaigns.CountAsync(Ct));
    }

    [Fact]
    public void Picking_a_segment_shows_how_many_customers_with_email_consent_it_reaches()
    {
        var cut = StartBlank();
        Assert.Contains("Pick a segment", cut.Find("[data-testid=reachable-count]").TextContent);

        Pick(cut, cut.Find(".mud-grid"), "Include segments", "Friends (3)");
        ((FakeTimeProvider)store.Clock).Advance(TimeSpan.FromMilliseconds(CampaignAudiencePicker.CountDebounceMs));

        cut.WaitForAssertion(() => Assert.Equal("2 customers will receive this (consent to email required)",
            Normalize(cut.Find("[data-testid=reachable-count]").TextContent)));
    }

    [Fact]
    public void The_preview_renders_the_email_for_the_first_reachable_customer_in_a_sandboxed_frame()
    {
        var cut = StartBlankInHtml();
        cut.Find("#email-subject").Input("Hi {{ customer.first_name }}");
        cut.Find("#email-content").Input("<p>Hello <b>{{ customer.first_name }}</b> from {{ store.name }}</p><script>alert(1)</script>");
        Pick(cut, cut.Find(".mud-grid"), "Include segments", "Friends (3)");

        store.Clock.Advance(TimeSpan.FromMilliseconds(CampaignMessagePreview.RenderDebounceMs));

        cut.WaitForAssertion(() =>
        {
            var frame = cut.Find("[data-testid=preview-frame]");
            Assert.Equal("", frame.GetAttribute("sandbox"));
            // The preview shows the HTML as it is sent: sanitised.
            Assert.Equal("<p>Hello <b>Ani</b> from Allnimall Pet Store</p>", frame.GetAttribute("srcdoc"));
        });
        Assert.Equal("Subject: Hi Ani", cut.Find("[data-testid=preview-subject]").TextContent.Trim());
        // The HTML lives only inside the frame's srcdoc, never as markup of this page.
        Assert.Empty(cut.FindAll("script"));
    }

    [Fact]
    public async Task Send_test_checks_the_address_then_sends_through_the_outbox()
    {
        var cut = StartBlankInHtml();
        cut.Find("#campaign-name").Input("Test me");
        cut.Find("#email-subject").Input("Hi {{ customer.first_name }}");
        cut.Find("#email-content").Input("<p>Hi</p>");

        cut.Find("#send-test-recipient").Input("nobody");
        cut.Find("[data-testid=send-test]").Click();
        cut.WaitForAssertion(() => Assert.Contains("name@example.com", cut.Find(".mud-input-control:has(#send-test-recipient)").TextContent));
        cut.Find("#send-test-recipient").Input("qa@example.com");
        cut.Find("[data-testid=send-test]").Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-snackbar"), s => s.TextContent.Contains("Test sent to qa@example.com")));
        var message = Assert.Single(await store.OutboxAsync());
        Assert.True(message.IsTest);
        Assert.Equal("[Test] Hi Ani", message.Subject);
    }

    [Fact]
    public async Task Saving_stores_the_campaign_with_times_converted_from_the_store_zone_and_opens_its_page()
    {
        var cut = StartBlankInHtml();
        Assert.Contains("Asia/Jakarta (UTC+07:00)", cut.Find("[data-testid=time-zone]").TextContent);
        cut.Find("#campaign-name").Input("December news");
        cut.Find("#email-subject").Input("News");
        cut.Find("#email-content").Input("<p>News</p>");
        cut.Find("#start-date").Change("2026-12-01T09:30");
        Pick(cut, cut.Find(".mud-grid"), "Include segments", "Friends (3)");

        cut.Find("[data-testid=save-campaign]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches("/campaigns/[0-9a-f-]{36}$", navigation.Uri));
        await using var db = store.Database.CreateDbContext();
        var saved = await db.Campaigns.SingleAsync(Ct);
        Assert.Equal(new DateTime(2026, 12, 1, 2, 30, 0), saved.StartDate);
        Assert.Equal(CampaignAudience.FromJson(saved.TargetAudience).IncludeSegments, [friends]);
        Assert.EndsWith($"/campaigns/{saved.Id}", navigation.Uri);
    }

    [Fact]
    public async Task The_block_editor_previews_at_phone_width_and_saves_the_blocks_with_their_rendered_html()
    {
        var cut = StartBlank();
        cut.Find("#campaign-name").Input("Blocks");
        cut.Find("#email-subject").Input("Hi {{ customer.first_name }}");
        Pick(cut, cut.Find(".mud-grid"), "Include segments", "Friends (3)");

        cut.Find("[data-testid=editor-mode-blocks]").Click();
        cut.WaitForElement("[data-testid=email-block-editor]");
        cut.Find("[data-testid=block-open-1]").Click();
        cut.Find("#block-1-text").Input("Hello {{ customer.first_name }}!");
        // Two debounces in a row: the blocks' HTML first, then the preview's Liquid once that HTML has reached it.
        store.Clock.Advance(TimeSpan.FromMilliseconds(EmailBlockEditor.RenderDebounceMs));
        cut.WaitForAssertion(() => Assert.Contains("Hello {{ customer.first_name }}!", cut.FindComponent<CampaignMessagePreview>().Instance.Draft.Body));
        store.Clock.Advance(TimeSpan.FromMilliseconds(CampaignMessagePreview.RenderDebounceMs));
        cut.WaitForAssertion(() => Assert.Contains("Hello Ani!", cut.Find("[data-testid=preview-frame]").GetAttribute("srcdoc")));
        cut.Find("[data-testid=preview-width-phone]").Click();
        Assert.Contains("width:375px", cut.Find("[data-testid=preview-frame]").GetAttribute("style"));
        cut.Find("[data-testid=preview-width-desktop]").Click();
        Assert.Contains("width:640px", cut.Find("[data-testid=preview-frame]").GetAttribute("style"));

        cut.Find("[data-testid=save-campaign]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches("/campaigns/[0-9a-f-]{36}$", navigation.Uri));
        await using var db = store.Database.CreateDbContext();
        var email = await db.EmailCampaigns.SingleAsync(Ct);
        Assert.Equal(EmailEditorMode.Blocks, email.EditorMode);
        var stored = EmailDocument.FromJson(email.ContentBlocks!);
        Assert.Equal("Hello {{ customer.first_name }}!", ((HeadingBlock)stored.Blocks[1]).Text);
        Assert.Contains("Hello {{ customer.first_name }}!", email.EmailContent);
        Assert.Contains("class=\"email-container\"", email.EmailContent);
    }

    [Fact]
    public void Switching_blocks_to_html_asks_first_and_keeps_the_rendered_html_to_edit()
    {
        var cut = StartBlank();
        cut.Find("[data-testid=editor-mode-blocks]").Click();
        cut.WaitForElement("[data-testid=email-block-editor]");
        store.Clock.Advance(TimeSpan.FromMilliseconds(EmailBlockEditor.RenderDebounceMs));

        cut.Find("[data-testid=editor-mode-html]").Click();
        cut.WaitForElement(".mud-dialog");
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Switch to HTML").Click();

        var content = cut.WaitForElement("#email-content");
        Assert.Contains("email-container", content.GetAttribute("value") ?? content.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=email-block-editor]"));
    }

    [Fact]
    public async Task A_message_showing_promo_code_needs_a_discount_chosen_from_the_code_discounts()
    {
        await using (var db = store.Database.CreateDbContext())
        {
            var discountCampaign = new Campaign { Name = "Welcome back 15%", CampaignType = CampaignType.Discount, Status = CampaignStatus.Active, CreatedBy = store.AdminId };
            var paused = new Campaign { Name = "Paused 5%", CampaignType = CampaignType.Discount, Status = CampaignStatus.Paused, CreatedBy = store.AdminId };
            db.Campaigns.AddRange(discountCampaign, paused);
            db.DiscountCampaigns.AddRange(new Allnimall.Marketing.Core.Discounts.DiscountCampaign { CampaignId = discountCampaign.Id, DiscountValue = 15 },
                new Allnimall.Marketing.Core.Discounts.DiscountCampaign { CampaignId = paused.Id, DiscountValue = 5 });
            await db.SaveChangesAsync(Ct);
        }
        var cut = StartBlankInHtml();
        cut.Find("#campaign-name").Input("Codes for friends");
        cut.Find("#email-subject").Input("A code for you");
        cut.Find("#email-content").Input("<p>Your code: {{ promo_code }}</p>");
        Pick(cut, cut.Find(".mud-grid"), "Include segments", "Friends (3)");

        cut.Find("[data-testid=save-campaign]").Click();

        cut.WaitForAssertion(() => Assert.Contains("choose the discount whose codes it hands out",
            cut.Find(".mud-input-control:has(#promo-discount)").TextContent));
        Open(cut, cut.Find("[data-testid=channel-fields]"), "Promo codes from discount (optional)");
        cut.WaitForAssertion(() => Assert.Equal(["Welcome back 15%"], OpenOptions(cut))); // the paused one is not offered
        cut.FindAll(".mud-popover-open [role=option]").Single().Click();
        cut.Find("[data-testid=save-campaign]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches("/campaigns/[0-9a-f-]{36}$", navigation.Uri));
        await using var check = store.Database.CreateDbContext();
        var saved = await check.Campaigns.SingleAsync(c => c.CampaignType == CampaignType.Email, Ct);
        Assert.Equal(await check.DiscountCampaigns.Where(d => d.DiscountValue == 15).Select(d => (Guid?)d.Id).SingleAsync(Ct), saved.PromoDiscountId);
    }

    [Fact]
    public async Task Editing_shows_stored_times_in_the_store_zone_and_saves_changes()
    {
        var created = await Services.GetRequiredService<CampaignService>().CreateAsync(new CampaignForm
        {
            Name = "Existing", Type = CampaignType.Sms, SmsMessage = "Hi {{ customer.first_name }}", IncludeSegments = [friends],
            StartDate = new DateTime(2026, 12, 1, 2, 30, 0, DateTimeKind.Utc),
        }, store.AdminId, Ct);
        var cut = RenderEditor(created.Value!.Id);

        Assert.Equal("2026-12-01T09:30", cut.WaitForElement("#start-date").GetAttribute("value"));
        Assert.Equal("Hi {{ customer.first_name }}", cut.Find("#sms-message").GetAttribute("value") ?? cut.Find("#sms-message").TextContent);
        cut.Find("#sms-message").Input("Promo for {{ customer.first_name }}");
        cut.Find("[data-testid=save-campaign]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith($"/campaigns/{created.Value.Id}", navigation.Uri));
        var saved = await Services.GetRequiredService<CampaignService>().GetAsync(created.Value.Id, Ct);
        Assert.Equal("Promo for {{ customer.first_name }}", saved!.Sms!.Message);
        Assert.Equal(new DateTime(2026, 12, 1, 2, 30, 0), saved.StartDate);
    }

    [Fact]
    public async Task A_template_id_in_the_address_skips_the_picker_and_prefills_the_form()
    {
        var templates = Services.GetRequiredService<CampaignTemplateService>();
        var flashSale = (await templates.ListAsync(Ct)).Single(t => t.Key == BuiltInCampaignTemplates.FlashSale);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/campaigns/new?template={flashSale.Id}");

        var cut = RenderEditor();

        Assert.Empty(cut.FindAll("[data-testid=template-card-blank]"));
        Assert.Contains("Flash sale", cut.Find("#sms-message").GetAttribute("value") ?? cut.Find("#sms-message").TextContent);
        Assert.Equal("1", cut.Find("[data-testid=sms-counter]").GetAttribute("data-segments"));
    }

    [Fact]
    public async Task Save_as_template_from_the_edit_page_needs_a_name_and_then_offers_the_template_for_new_campaigns()
    {
        var created = await Services.GetRequiredService<CampaignService>().CreateAsync(new CampaignForm
        {
            Name = "Puppy week", Type = CampaignType.Email, EmailSubject = "Puppies!", EmailContent = "<p>Hi</p>", IncludeSegments = [friends],
        }, store.AdminId, Ct);
        var cut = RenderEditor(created.Value!.Id);

        cut.Find("[data-testid=save-as-template]").Click();
        cut.WaitForElement("#template-name").Input("");
        cut.Find("[data-testid=save-template]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Give the template a name.", cut.Find(".mud-input-control:has(#template-name)").TextContent));
        cut.Find("#template-name").Input("Puppy template");
        cut.Find("[data-testid=save-template]").Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-snackbar"), s => s.TextContent.Contains("Saved the template “Puppy template”")));
        var saved = (await Services.GetRequiredService<CampaignTemplateService>().ListAsync(Ct)).Single(t => t.Name == "Puppy template");
        Assert.Equal(["Friends"], saved.IncludeSegmentNames);
        Assert.Equal(store.AdminId, saved.CreatedBy);
    }

    [Fact]
    public async Task Staff_delete_their_own_template_from_the_picker_after_confirming()
    {
        var campaign = await store.EmailCampaignAsync([friends]);
        var mine = (await Services.GetRequiredService<CampaignTemplateService>()
            .SaveFromCampaignAsync(new SaveAsTemplateForm(campaign, "Mine", null), store.AdminId, Ct)).Value!;
        var cut = RenderEditor();
        Assert.Empty(cut.FindAll("[data-testid=template-card-welcome] [data-testid=delete-template]"));

        cut.Find($"[data-testid=template-card-{mine.Id}] [data-testid=delete-template]").Click();
        cut.WaitForElement(".mud-dialog .mud-button-root:contains('Delete')");
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid=template-card-{mine.Id}]")));
        Assert.DoesNotContain(await Services.GetRequiredService<CampaignTemplateService>().ListAsync(Ct), t => t.Id == mine.Id);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static AngleSharp.Dom.IElement TypeRadio(IRenderedComponent<IComponent> cut, int index) =>
        cut.FindAll("[data-testid=campaign-type] input[type=radio]")[index];

    private IRenderedComponent<IComponent> StartBlank()
    {
        var cut = RenderEditor();
        cut.Find("[data-testid=start-blank]").Click();
        cut.WaitForElement("#campaign-name");
        return cut;
    }

    /// <summary>A blank email starts as blocks; these tests type raw HTML, so they switch (and confirm) first.</summary>
    private IRenderedComponent<IComponent> StartBlankInHtml()
    {
        var cut = StartBlank();
        cut.WaitForElement("[data-testid=email-block-editor]");
        cut.Find("[data-testid=editor-mode-html]").Click();
        cut.WaitForElement(".mud-dialog");
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Switch to HTML").Click();
        cut.WaitForElement("#email-content");
        return cut;
    }

    private IRenderedComponent<IComponent> RenderEditor(Guid? id = null)
    {
        var cut = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<CampaignEdit>(3);
            if (id is not null) builder.AddComponentParameter(4, nameof(CampaignEdit.Id), id);
            builder.CloseComponent();
        });
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        return cut;
    }
}
