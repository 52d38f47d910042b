using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Tests.E2E.Pages;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E;

/// <summary>The text block's WYSIWYG editor in a real browser: the toolbar formats the selected word and the preview shows it.</summary>
[Trait("Category", "E2E")]
public sealed partial class RichTextEditorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Marketer_selects_a_word_in_the_text_block_makes_it_bold_and_the_preview_shows_it_strong()
    {
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(DemoAccounts.All.Single(a => a.Role == Roles.Marketer).Email, DemoAccounts.Password);
        var form = new CampaignFormPage(page);
        await form.OpenNewAsync();
        await page.GetByTestId("start-blank").ClickAsync();

        // A blank email starts as header, heading, text, button, footer: the text is block 2.
        await page.GetByTestId("block-open-2").ClickAsync();
        var rich = page.GetByTestId("block-2-rich");
        // The script has filled the editor once the starter text shows.
        await Assertions.Expect(rich).ToHaveTextAsync("Write your message here.", new() { Timeout = 15_000 });
        await rich.EvaluateAsync("""
            element => {
                const text = element.querySelector("p").firstChild;
                const at = text.data.indexOf("message");
                element.focus();
                const range = document.createRange();
                range.setStart(text, at);
                range.setEnd(text, at + "message".length);
                const selection = document.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
            }
            """);
        await page.GetByTestId("block-2-bold").ClickAsync();

        // The browser writes <b> or <strong>; the server's sanitiser makes it <strong> in the email.
        await Assertions.Expect(rich.Locator("b, strong")).ToHaveTextAsync("message");
        await Assertions.Expect(form.PreviewFrame).ToHaveAttributeAsync("srcdoc", StrongMessage(), new() { Timeout = 15_000 });
        await Assertions.Expect(page.FrameLocator("[data-testid=preview-frame]").Locator("strong")).ToHaveTextAsync("message");

        // The HTML view shows what the editor holds.
        await page.GetByTestId("block-2-html-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("block-2-html")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#block-2-html")).ToHaveValueAsync(BoldMessage());
    }

    [GeneratedRegex(@"<strong[^>]*>message</strong>")]
    private static partial Regex StrongMessage();

    [GeneratedRegex(@"<(b|strong)>message</(b|strong)>")]
    private static partial Regex BoldMessage();
}
