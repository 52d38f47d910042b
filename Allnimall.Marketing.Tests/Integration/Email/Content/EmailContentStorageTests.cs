using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Campaigns.Templates;
using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Integration.Campaigns;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Integration.Email.Content;

/// <summary>Block and raw-HTML content through the campaign service, templates and the dispatcher, on SQLite.</summary>
public sealed class EmailContentStorageTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private CampaignTestStore store = null!;
    private ServiceProvider services = null!;

    public async ValueTask InitializeAsync()
    {
        store = await CampaignTestStore.CreateAsync();
        services = store.Database.CampaignEditingServices(new Dictionary<string, string?> { ["Messaging:Templates:TimeZoneId"] = "UTC" });
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await store.DisposeAsync();
    }

    private CampaignForm BlocksForm(params EmailBlock[] blocks) => new()
    {
        Name = "Blocks", EmailSubject = "Hi", EmailEditorMode = EmailEditorMode.Blocks,
        EmailBlocks = new EmailDocument { Settings = new() { Preheader = "  Inside: treats  " }, Blocks = [.. blocks] },
    };

    [Fact]
    public async Task A_block_campaign_stores_its_document_preheader_and_rendered_html_and_a_duplicate_keeps_the_blocks()
    {
        var campaigns = services.GetRequiredService<CampaignService>();

        var created = await campaigns.CreateAsync(BlocksForm(new HeadingBlock { Text = "Sale" }, new FooterBlock()), store.AdminId, Ct);

        Assert.True(created.Succeeded, string.Join(" ", created.Errors.SelectMany(e => e.Value)));
        await using (var db = store.Database.CreateDbContext())
        {
            var row = await db.EmailCampaigns.SingleAsync(Ct);
            Assert.Equal((EmailEditorMode?)EmailEditorMode.Blocks, row.EditorMode);
            Assert.Equal("Inside: treats", row.Preheader);
            Assert.Contains("Sale", row.EmailContent);
            Assert.Equal("Sale", ((HeadingBlock)EmailDocument.FromJson(row.ContentBlocks!).Blocks[0]).Text);
        }
        var copy = await campaigns.DuplicateAsync(created.Value!.Id, store.AdminId, Ct);
        Assert.Equal(EmailEditorMode.Blocks, copy.Value!.Email!.EditorMode);
        Assert.Equal("Sale", ((HeadingBlock)copy.Value.Email.Blocks!.Blocks[0]).Text);
    }

    [Fact]
    public async Task A_picked_product_that_left_the_catalog_and_liquids_raw_filter_are_field_errors_and_nothing_is_saved()
    {
        var campaigns = services.GetRequiredService<CampaignService>();

        var gone = await campaigns.CreateAsync(BlocksForm(new ProductGridBlock { Products = [new() { ProductId = Guid.CreateVersion7() }] }), store.AdminId, Ct);
        var raw = await campaigns.CreateAsync(new CampaignForm
        {
            Name = "Raw", EmailSubject = "S", EmailContent = "<p>{{ customer.first_name | raw }}</p>",
        }, store.AdminId, Ct);
        var rawTag = await campaigns.CreateAsync(new CampaignForm
        {
            Name = "Raw tag", EmailSubject = "S", EmailContent = "<p>{% raw %}{{ &lt;script&gt;alert(1)&lt;/script&gt; }}{% endraw %}</p>",
        }, store.AdminId, Ct);
        var stripped = await campaigns.CreateAsync(new CampaignForm { Name = "Nothing left", EmailSubject = "S", EmailContent = "<script>alert(1)</script>" }, store.AdminId, Ct);

        Assert.Equal(["EmailBlocks.Blocks[0].Products"], gone.Errors.Keys);
        Assert.Contains("raw filter", raw.Errors[nameof(CampaignForm.EmailContent)].Single());
        Assert.Contains("raw tag", rawTag.Errors[nameof(CampaignForm.EmailContent)].Single());
        Assert.Contains("Nothing is left", stripped.Errors[nameof(CampaignForm.EmailContent)].Single());
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(0, await db.Campaigns.CountAsync(Ct));
    }

    [Fact]
    public async Task A_template_saved_from_a_block_campaign_prefills_the_blocks()
    {
        var campaigns = services.GetRequiredService<CampaignService>();
        var created = await campaigns.CreateAsync(BlocksForm(new HeadingBlock { Text = "From a template" }), store.AdminId, Ct);
        var templates = services.GetRequiredService<CampaignTemplateService>();

        var template = await templates.SaveFromCampaignAsync(new SaveAsTemplateForm(created.Value!.Id, "Block template", null), store.AdminId, Ct);
        var prefill = await templates.PrefillAsync(template.Value!.Id, Ct);

        Assert.Equal(EmailEditorMode.Blocks, prefill!.Form.EmailEditorMode);
        Assert.Equal("From a template", ((HeadingBlock)prefill.Form.EmailBlocks!.Blocks[0]).Text);
        Assert.NotSame(template.Value.EmailBlocks, prefill.Form.EmailBlocks);
    }

    [Fact]
    public async Task Raw_html_written_past_the_service_is_sanitised_again_when_it_is_sent()
    {
        var segment = await store.SegmentAsync("All", CampaignTestStore.Customer("Ani"));
        var campaignId = await store.EmailCampaignAsync([segment], body: "<p onclick=\"alert(1)\">Hi {{ customer.first_name }}</p><script>alert(1)</script>");
        await using (var db = store.Database.CreateDbContext())
            await db.EmailCampaigns.ExecuteUpdateAsync(s => s.SetProperty(e => e.EditorMode, EmailEditorMode.Html), Ct);
        await store.Launcher().LaunchAsync(campaignId, Ct);
        var dispatcher = new DeliveryDispatcher(store.Database, new OutboxTransport(store.Database, store.Clock),
            new MessageTemplateRenderer(store.Clock, Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" })),
            new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<DeliveryOptions>(store.Options), store.Pacer(), store.Clock, new EmailHtmlSanitizer());

        await dispatcher.RunOnceAsync(10, Ct);

        Assert.Equal("<p>Hi Ani</p>", Assert.Single(await store.OutboxAsync()).Body);
    }
}
