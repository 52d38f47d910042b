using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E.Pages;

public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        // The login form is a plain POST; on a loaded machine the first submit has been seen to go unanswered within
        // the wait, so submit once more before giving up (signing in twice is harmless).
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase),
                    new() { Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (attempt == 1)
            {
                // The answer may have arrived just after the wait: then there is nothing to submit again.
                if (!OnLoginPage()) break;
                // A refused sign-in is a real failure, not something to retry.
                if (await page.GetByText("Invalid login attempt").CountAsync() > 0) throw;
                try
                {
                    await page.GetByLabel("Password").FillAsync(password, new() { Timeout = 5_000 });
                }
                catch (TimeoutException) when (!OnLoginPage())
                {
                    break; // signed in while we were about to submit again
                }
            }
        }
        await BrowserFixture.WaitUntilInteractiveAsync(page);
    }

    private bool OnLoginPage() => page.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase);
}
