using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Benchmarks.Identity;

/// <summary>
/// T33: forgot-password must not tell, by its response time, whether an address has an account. Runs the real app in
/// process (temp SQLite file), alternates requests for an existing and an unknown address, and compares the medians.
/// </summary>
internal static partial class ForgotPasswordTimingBenchmark
{
    private const string Known = "known.customer.of.the.team@store.test";
    private const string Unknown = "nobody.at.all@store.test";

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Contains("--quick") ? 40 : 200;
        var load = Machine.LoadAverage();
        await using var app = new App();
        await CreateUserAsync(app);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var token = await AntiforgeryTokenAsync(client);

        for (var i = 0; i < 20; i++) await TimeAsync(client, token, i % 2 == 0 ? Known : Unknown); // warm-up
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            known.Add(await TimeAsync(client, token, Known));
            unknown.Add(await TimeAsync(client, token, Unknown));
        }
        var (medianKnown, medianUnknown) = (Median(known), Median(unknown));
        var difference = Math.Abs(medianKnown - medianUnknown);
        var bound = Math.Max(2.0, 0.1 * Math.Max(medianKnown, medianUnknown));
        Console.WriteLine($"median existing {medianKnown:F2} ms, unknown {medianUnknown:F2} ms, difference {difference:F2} ms (bound {bound:F2} ms)");
        if (args.Contains("--no-write")) return difference <= bound ? 0 : 1;
        Console.WriteLine($"Wrote {BenchmarksFile.Write("forgot-password", $$"""
            ## forgot-password: response time for an existing vs an unknown address (T33)

            Command: `dotnet run -c Release --project Allnimall.Marketing.Benchmarks -- forgot-password`

            Machine: {{Environment.ProcessorCount}} cores, {{Machine.CpuModel()}}, .NET {{Environment.Version}}; run on {{DateTime.UtcNow:yyyy-MM-dd}},
            load average {{load}} at the start. The app runs in process (TestServer, temp SQLite file); {{rounds}} alternating
            POSTs of the forgot-password form per address after 20 warm-up requests; times are the server round trip.

            | Address | Median | 90th percentile |
            |---|---:|---:|
            | existing account | {{medianKnown:F2}} ms | {{Percentile(known, 0.9):F2}} ms |
            | unknown address | {{medianUnknown:F2}} ms | {{Percentile(unknown, 0.9):F2}} ms |

            Difference of medians: **{{difference:F2}} ms** (bound: the larger of 2 ms and 10% of the slower median, {{bound:F2}} ms —
            {{(difference <= bound ? "within" : "**outside**")}}). Both paths look the user up and generate a reset token; only the
            existing address is then handed to the (here no-op) email sender, which must stay a queue hand-off when real
            email arrives so that this holds.
            """)}");
        return difference <= bound ? 0 : 1;
    }

    private static async Task<double> TimeAsync(HttpClient client, string token, string email)
    {
        var stopwatch = Stopwatch.StartNew();
        var response = await client.PostAsync("/Account/ForgotPassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "forgot-password", ["Input.Email"] = email,
        }));
        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Forgot-password answered {(int)response.StatusCode} for {email}");
        return elapsed;
    }

    private static async Task CreateUserAsync(App app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var result = await users.CreateAsync(new ApplicationUser { UserName = Known, Email = Known, EmailConfirmed = true },
            "Benchmark-Password-2026!");
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/Account/ForgotPassword");
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token");
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    // Any public type of the Web assembly names its entry point; Program is ambiguous here (this project has one too).
    private sealed class App : WebApplicationFactory<Allnimall.Marketing.Web.Components.App>
    {
        private readonly string dbPath = Path.Combine(Path.GetTempPath(), $"allnimall-bench-{Guid.NewGuid():N}.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Marketing", $"Data Source={dbPath}");
            builder.UseSetting("Demo:Accounts", "false");
            builder.UseSetting("Demo:Store", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
    }
}
