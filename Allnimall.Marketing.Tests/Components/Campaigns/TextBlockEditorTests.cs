using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Web.Components.Pages.Campaigns.EmailBlocks;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Components.Campaigns;

/// <summary>
/// The text block's WYSIWYG editor, .NET side (bUnit runs no script; the browser side is in E2E/RichTextEditorTests):
/// the script's reports update the block, the editor's content is only replaced when the value changed elsewhere, and
/// what is put there is sanitised.
/// </summary>
public sealed class TextBlockEditorTests : MarketingBunitContext
{
    private readonly List<string> changes = [];
    private readonly BunitJSModuleInterop module;

    public TextBlockEditorTests()
    {
        Services.AddLogging();
        Services.AddSingleton<EmailHtmlSanitizer>();
        module = JSInterop.SetupModule(TextBlockEditor.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public async Task What_the_script_reports_updates_the_block_and_raises_the_change_without_resetting_the_editor()
    {
        var block = new TextBlock { Html = "<p>Hi</p>" };
        var cut = RenderEditor(block);
        Assert.Equal("<p>Hi</p>", Assert.Single(module.Invocations["init"]).Arguments[3]);

        await cut.InvokeAsync(() => cut.Instance.HtmlChangedAsync("<p><b>Hi</b> {{ customer.first_name }}</p>"));

        Assert.Equal("<p><b>Hi</b> {{ customer.first_name }}</p>", block.Html);
        Assert.Equal(["Html"], changes);
        // The caret stays where it is: what came from the editor is never put back into it.
        cut.Render();
        Assert.Empty(module.Invocations["setHtml"]);
    }

    [Fact]
    public void The_html_toggle_shows_the_textarea_and_an_edit_there_goes_back_to_the_editor_sanitised()
    {
        var block = new TextBlock { Html = "<p>Hi</p>" };
        var cut = RenderEditor(block);
        Assert.Empty(cut.FindAll("#block-0-html"));

        cut.Find("[data-testid=block-0-html-toggle]").Click();

        Assert.Contains("display:none", cut.Find("[data-testid=block-0-rich]").GetAttribute("style"));
        Assert.True(cut.Find("[data-testid=block-0-bold]").HasAttribute("disabled"));
        cut.Find("#block-0-html").Input("<p>New <img src=x onerror=alert(1)></p>");
        Assert.Equal("<p>New <img src=x onerror=alert(1)></p>", block.Html);
        Assert.Contains("Html", changes);
        Assert.Empty(module.Invocations["setHtml"]); // not while the editor is hidden

        cut.Find("[data-testid=block-0-html-toggle]").Click();

        Assert.Empty(cut.FindAll("#block-0-html"));
        Assert.DoesNotContain("display:none", cut.Find("[data-testid=block-0-rich]").GetAttribute("style"));
        Assert.Equal("<p>New </p>", Assert.Single(module.Invocations["setHtml"]).Arguments[1]);
    }

    [Fact]
    public void Another_block_in_its_place_is_pushed_to_the_editor_with_liquid_kept_as_text()
    {
        var cut = RenderEditor(new TextBlock { Html = "<p>First</p>" });

        // As the editor stores typed Liquid: its markup characters entity-encoded (restored only when the email renders).
        const string html = "<p>Second {{ \"&lt;img src=x onerror=alert(1)&gt;\" }}</p>";
        cut.Render(p => p.Add(e => e.Block, new TextBlock { Html = html }));

        var pushed = (string?)Assert.Single(module.Invocations["setHtml"]).Arguments[1];
        Assert.Equal(html, pushed); // not decoded inside the braces, where innerHTML would make it an element
    }

    [Fact]
    public void The_toolbar_names_its_commands_for_the_script_and_a_link_needs_a_safe_address()
    {
        var cut = RenderEditor(new TextBlock { Html = "<p>Hi</p>" });

        // Formatting runs in the browser, in the click (no round trip for a keystroke to overtake): the buttons name it.
        Assert.Equal(["bold", "italic", "insertUnorderedList", "insertOrderedList", "clear"],
            cut.FindAll("[role=toolbar] [data-command]").Select(b => b.GetAttribute("data-command")));
        Assert.Empty(module.Invocations["command"]);

        cut.Find("[data-testid=block-0-link]").Click();
        cut.Find("#block-0-link-url").Input("javascript:alert(1)");
        cut.Find("[data-testid=block-0-link-add]").Click();
        Assert.Contains("Enter a web address", cut.Find("[data-testid=block-0-link-form]").TextContent);
        Assert.Empty(module.Invocations["command"]);

        cut.Find("#block-0-link-url").Input("{{ store.url }}/sale");
        cut.Find("[data-testid=block-0-link-add]").Click();

        var link = Assert.Single(module.Invocations["command"]);
        Assert.Equal(["createLink", "{{ store.url }}/sale"], link.Arguments.Skip(1));
        Assert.Empty(cut.FindAll("[data-testid=block-0-link-form]"));
    }

    [Fact]
    public async Task Disposing_removes_the_editors_listeners()
    {
        var cut = RenderEditor(new TextBlock { Html = "<p>Hi</p>" });

        await cut.Instance.DisposeAsync();

        Assert.Single(module.Invocations["dispose"]);
    }

    private IRenderedComponent<TextBlockEditor> RenderEditor(TextBlock block) =>
        Render<TextBlockEditor>(p => p
            .Add(e => e.Block, block)
            .Add(e => e.Index, 0)
            .Add(e => e.Changed, EventCallback.Factory.Create<string>(this, field => changes.Add(field))));
}
