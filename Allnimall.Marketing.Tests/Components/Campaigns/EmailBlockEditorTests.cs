using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Campaigns.EmailBlocks;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace Allnimall.Marketing.Tests.Components.Campaigns;

/// <summary>The block editor on the real renderer and SQLite: add, edit, reorder, duplicate and remove blocks; the HTML follows.</summary>
public sealed class EmailBlockEditorTests : MarketingBunitContext, IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private SqliteTestDatabase database = null!;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly List<string> rendered = [];
    private readonly List<string> changes = [];
    private EmailDocument document = null!;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync(clock);
        Services.AddLogging();
        Services.AddSingleton<IDbContextFactory<MarketingDbContext>>(database);
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddEmailContent();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await database.DisposeAsync();
    }

    [Fact]
    public void Adding_a_block_puts_it_above_the_footer_opens_it_and_the_html_follows_after_the_debounce()
    {
        var cut = RenderEditor(new EmailDocument { Blocks = [new HeadingBlock { Text = "First" }, new FooterBlock()] });
        cut.WaitForAssertion(() => Assert.Contains("First", Latest()));

        cut.Find("[data-testid=block-add-button]").Click();

        Assert.Equal(["heading", "button", "footer"], Types(cut));
        Assert.IsType<ButtonBlock>(document.Blocks[1]);
        Assert.NotEmpty(cut.FindAll("[data-testid=block-editor-1]"));
        Assert.Contains("EmailBlocks.Blocks", changes);
        clock.Advance(TimeSpan.FromMilliseconds(EmailBlockEditor.RenderDebounceMs));
        cut.WaitForAssertion(() => Assert.Contains("Shop now", Latest()));
    }

    [Fact]
    public void Editing_a_heading_updates_the_rendered_html()
    {
        var cut = RenderEditor(new EmailDocument { Blocks = [new HeadingBlock { Text = "Before" }] });
        cut.WaitForAssertion(() => Assert.Contains("Before", Latest()));

        cut.Find("[data-testid=block-open-0]").Click();
        cut.Find("#block-0-text").Input("After {{ customer.first_name }}");
        clock.Advance(TimeSpan.FromMilliseconds(EmailBlockEditor.RenderDebounceMs));

        cut.WaitForAssertion(() => Assert.Contains("After {{ customer.first_name }}", Latest()));
        Assert.Equal("After {{ customer.first_name }}", ((HeadingBlock)document.Blocks[0]).Text);
        Assert.Contains("EmailBlocks.Blocks[0].Text", changes);
    }

    [Fact]
    public void Moving_and_duplicating_reorder_the_blocks_and_the_html()
    {
        var cut = RenderEditor(new EmailDocument { Blocks = [new HeadingBlock { Text = "Alpha" }, new HeadingBlock { Text = "Beta" }] });
        cut.WaitForAssertion(() => Assert.Contains("Alpha", Latest()));
        Assert.True(cut.Find("[data-testid=block-move-up-0]").HasAttribute("disabled"));

        cut.Find("[data-testid=block-move-up-1]").Click();
        Assert.Equal(["Beta", "Alpha"], document.Blocks.Cast<HeadingBlock>().Select(b => b.Text));
        clock.Advance(TimeSpan.FromMilliseconds(EmailBlockEditor.RenderDebounceMs));
        cut.WaitForAssertion(() => Assert.True(Latest().IndexOf("Beta", StringComparison.Ordinal) < Latest().IndexOf("Alpha", StringComparison.Ordinal)));

        cut.Find("[data-testid=block-duplicate-1]").Click();
        Assert.Equal(["Beta", "Alpha", "Alpha"], document.Blocks.Cast<HeadingBlock>().Select(b => b.Text));
        Assert.NotSame(document.Blocks[1], document.Blocks[2]);
    }

    [Fact]
    public void Removing_a_block_asks_first_and_keeps_it_when_cancelled()
    {
        var cut = RenderEditor(new EmailDocument { Blocks = [new HeadingBlock { Text = "Keep" }, new SpacerBlock()] });

        cut.Find("[data-testid=block-remove-0]").Click();
        cut.WaitForElement(".mud-dialog");
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Keep it").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.Equal(2, document.Blocks.Count);

        cut.Find("[data-testid=block-remove-0]").Click();
        cut.WaitForElement(".mud-dialog");
        cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Remove").Click();

        cut.WaitForAssertion(() => Assert.Equal(["spacer"], Types(cut)));
        Assert.IsType<SpacerBlock>(Assert.Single(document.Blocks));
    }

    [Fact]
    public async Task The_product_picker_searches_the_catalog_and_the_grid_shows_the_picked_product()
    {
        await using (var db = database.CreateDbContext())
        {
            db.Products.AddRange(new Product { ExternalId = "P1", Sku = "CAT-1", Name = "Catnip Mouse", Price = 15_000m },
                new Product { ExternalId = "P2", Sku = "DOG-1", Name = "Dog Bone", Price = 20_000m });
            await db.SaveChangesAsync(Ct);
        }
        var cut = RenderEditor(new EmailDocument { Blocks = [new ProductGridBlock()] });
        cut.Find("[data-testid=block-open-0]").Click();

        // The picker's search is the catalog's (server-side); choosing a match adds it to the grid.
        var matches = await Services.GetRequiredService<DiscountCatalogService>().SearchProductsAsync("catnip", Ct);
        var picker = cut.FindComponents<MudAutocomplete<ProductOption>>().Single();
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(Assert.Single(matches)));

        cut.WaitForAssertion(() => Assert.Contains("Catnip Mouse", cut.Find("[data-testid=block-0-product-0]").TextContent));
        Assert.Single(((ProductGridBlock)document.Blocks[0]).Products);
        clock.Advance(TimeSpan.FromMilliseconds(EmailBlockEditor.RenderDebounceMs));
        cut.WaitForAssertion(() => Assert.Contains("Rp 15.000", Latest()));
    }

    [Fact]
    public void Errors_reported_for_a_block_are_shown_in_that_block()
    {
        var errors = new Dictionary<string, string[]> { ["EmailBlocks.Blocks[1].Url"] = ["Enter the link's address."] };
        var cut = RenderEditor(new EmailDocument { Blocks = [new HeadingBlock { Text = "H" }, new ButtonBlock { Label = "Go" }] }, errors);

        Assert.Contains("border-color", cut.Find("[data-testid=block-1]").GetAttribute("style") ?? "");
        cut.Find("[data-testid=block-open-1]").Click();

        Assert.Contains("Enter the link's address.", cut.Find("[data-testid=block-editor-1]").TextContent);
    }

    private string Latest() => rendered.Count == 0 ? "" : rendered[^1];

    private static List<string?> Types(IRenderedComponent<IComponent> cut) =>
        cut.FindAll("[data-testid^=block-][data-type]").Select(e => e.GetAttribute("data-type")).ToList();

    private IRenderedComponent<IComponent> RenderEditor(EmailDocument doc, Dictionary<string, string[]>? errors = null)
    {
        document = doc;
        return Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<EmailBlockEditor>(2);
            builder.AddComponentParameter(3, nameof(EmailBlockEditor.Document), doc);
            builder.AddComponentParameter(4, nameof(EmailBlockEditor.HtmlChanged), EventCallback.Factory.Create<string>(this, html => rendered.Add(html)));
            builder.AddComponentParameter(5, nameof(EmailBlockEditor.DocumentChanged), EventCallback.Factory.Create<string>(this, field => changes.Add(field)));
            if (errors is not null) builder.AddComponentParameter(6, nameof(EmailBlockEditor.Errors), errors);
            builder.CloseComponent();
        });
    }
}
