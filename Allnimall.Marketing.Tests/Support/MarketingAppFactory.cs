using System.Net;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Support;

/// <summary>
/// The real app on a temp SQLite file, with the demo accounts seeded (and the demo store when asked). With
/// <c>kestrel: true</c> it listens on a loopback port for a real browser.
/// </summary>
public class MarketingAppFactory : WebApplicationFactory<Program>
{
    private readonly string dbPath = Path.Combine(Path.GetTempPath(), $"allnimall-app-{Guid.NewGuid():N}.db");
    private readonly bool seedStore;
    private readonly bool schedules;
    private readonly string environment;
    private readonly IReadOnlyDictionary<string, string> settings;

    /// <param name="settings">Configuration a test needs on top of the defaults below ("Section:Key" → value).</param>
    public MarketingAppFactory(bool kestrel = false, bool seedStore = false, string environment = "Testing", bool schedules = false,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        this.settings = settings ?? new Dictionary<string, string>();
        this.seedStore = seedStore;
        this.schedules = schedules;
        this.environment = environment;
        if (kestrel) UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        // Outside Development, static web assets (MudBlazor, blazor.web.js) are only found through the build manifest.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Marketing", $"Data Source={dbPath}");
        builder.UseSetting("Demo:Accounts", "true");
        builder.UseSetting("Demo:Store", seedStore ? "true" : "false");
        builder.UseSetting("Scheduling:Enabled", schedules ? "true" : "false");
        // The physical address every marketing email must show (the pre-send checklist refuses a launch without one).
        builder.UseSetting("Delivery:StoreAddress", "Jl. Kemang Raya 5, Jakarta 12730");
        // The store's website: the designed templates' buttons link to it (the checklist refuses them without it).
        builder.UseSetting("Delivery:StoreUrl", "https://shop.example.com");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    /// <summary>The loopback address the Kestrel server listens on (kestrel mode only).</summary>
    public string ServerAddress
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
    }

    public HttpClient CreateAnonymousClient() =>
        // https: outside Development the auth cookie is Secure, as it is in production.
        CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
        });

    /// <summary>Signs in through the real login form (antiforgery token and all) as the demo account of <paramref name="role"/>.</summary>
    public async Task<HttpClient> CreateClientAsAsync(string role)
    {
        var email = DemoAccounts.All.Single(a => a.Role == role).Email;
        return await CreateClientSignedInAsync(email, DemoAccounts.Password);
    }

    /// <summary>
    /// A signed-in client that also sends the antiforgery header, as the app's own pages would: what a
    /// cookie-authenticated API call that changes data needs (T32).
    /// </summary>
    public async Task<HttpClient> CreateApiClientAsAsync(string role)
    {
        var client = await CreateClientAsAsync(role);
        client.DefaultRequestHeaders.Add("RequestVerificationToken", await GetAntiforgeryTokenAsync(client, "/"));
        return client;
    }

    public async Task<HttpClient> CreateClientSignedInAsync(string email, string password)
    {
        var client = CreateAnonymousClient();
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var token = await GetAntiforgeryTokenAsync(client, "/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        if (!match.Success) match = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        if (!match.Success) throw new InvalidOperationException($"No antiforgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }
}
