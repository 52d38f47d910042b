using Allnimall.Marketing.Tests.Support;
using Microsoft.Playwright;

namespace Allnimall.Marketing.Tests.E2E;

/// <summary>
/// The real app on a loopback port and Debian's Chromium driven by Playwright (Playwright cannot download its own
/// browser here; scripts/test.sh installs the chromium package).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public BrowserFixture() : this(schedules: false) { }

    /// <param name="schedules">Run the app's background jobs (Coravel), as in production: for whole flows that wait on them.</param>
    /// <param name="settings">Configuration the flow needs on top of the test defaults.</param>
    protected BrowserFixture(bool schedules, IReadOnlyDictionary<string, string>? settings = null) =>
        App = new(kestrel: true, schedules: schedules, settings: settings);

    public MarketingAppFactory App { get; }
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/test.sh, which installs Debian's chromium.");
        BaseUrl = App.ServerAddress.TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling out on this closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    /// <param name="userAgent">Null: headless Chromium's own, which the tracking endpoints rightly take for a machine.</param>
    public async Task<IPage> NewPageAsync(string? userAgent = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, UserAgent = userAgent });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Waits until the prerendered page has its circuit: clicks and keystrokes before that are lost (the layout
    /// marks itself <c>data-interactive="true"</c> once it renders interactively).
    /// </summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}
