using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Benchmarks.Email;

/// <summary>
/// The tracking endpoints under wrk (2 threads, 50 connections): the real app on a loopback Kestrel port, Production
/// environment, on the database the pipeline just sent from; a Lua script rotates the signed open and click tokens of
/// every delivery. Afterwards: the events stored, and how long the recorder took to catch up once the load stopped.
/// </summary>
internal static class TrackingLoad
{
    internal sealed record Result(long Requests, double Seconds, long StatusErrors, long SocketErrors, double P50Ms, double P90Ms,
        double P99Ms, double MaxMs, long Expected, long Stored, long Dropped, TimeSpan CatchUp, int Tokens, string WrkVersion, TimeSpan AppCpu)
    {
        public double RequestsPerSecond => Requests / Seconds;

        /// <summary>CPU time of the app's process (Kestrel, endpoints, recorder) per answered request.</summary>
        public double AppCpuMicrosPerRequest => AppCpu.TotalMicroseconds / Math.Max(1, Requests);

        // wrk does not count answers that arrive after its last second, whose events are stored too: at least as many.
        public bool AllStored => Stored >= Expected && Dropped == 0 && StatusErrors == 0 && SocketErrors == 0;
        public bool MeetsTarget => RequestsPerSecond >= 10_000 && P99Ms < 50 && AllStored && CatchUp <= TimeSpan.FromSeconds(1);
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static async Task<Result> RunAsync(BenchmarkDatabase database, Guid campaignId, string signingSecret, int port, int seconds)
    {
        var wrk = FindWrk() ?? throw new InvalidOperationException(
            "wrk is not installed. Install it (Debian/Ubuntu: sudo apt-get install -y wrk) and run the benchmark again, or pass --no-tracking.");
        var paths = await TokenPathsAsync(database, campaignId, signingSecret);
        var script = Path.Combine(Path.GetTempPath(), $"allnimall-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, LuaScript(paths));
        await using var app = new TrackingApp(database.ConnectionString, signingSecret, port);
        try
        {
            app.UseKestrel(port);
            app.StartServer();
            await WarmUpAsync(port, paths);
            var baseline = await StoredAsync(database, campaignId);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var output = await RunWrkAsync(wrk, $"-t2 -c50 -d{seconds}s --timeout 5s -s {script} http://127.0.0.1:{port}");
            var stopped = Stopwatch.StartNew();
            var appCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var (requests, micros, statusErrors, socketErrors, p50, p90, p99, max) = ParseResult(output);
            var expected = requests - statusErrors;
            long stored;
            // Catch-up: until every answered request's event is a row (or 30 s, which would be reported as such).
            while ((stored = await StoredAsync(database, campaignId) - baseline) < expected && stopped.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(10);
            var catchUp = stopped.Elapsed;
            var dropped = app.Services.GetRequiredService<TrackingRecorder>().Dropped;
            return new Result(requests, micros / 1e6, statusErrors, socketErrors, p50 / 1e3, p90 / 1e3, p99 / 1e3, max / 1e3,
                expected, stored, dropped, catchUp, paths.Count, await WrkVersionAsync(wrk), appCpu);
        }
        finally
        {
            File.Delete(script);
        }
    }

    public static string? FindWrk() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "wrk")).FirstOrDefault(File.Exists);

    /// <summary>An open and a click (first link) token per delivery of the campaign, signed as the composer signs them.</summary>
    private static async Task<List<string>> TokenPathsAsync(BenchmarkDatabase database, Guid campaignId, string signingSecret)
    {
        var options = Options.Create(new EmailTrackingOptions { SigningKeys = [new TrackingSigningKey { Id = 1, Secret = signingSecret }] });
        var signer = new TrackingTokenSigner(options, TimeProvider.System, NullLogger<TrackingTokenSigner>.Instance);
        await using var db = database.CreateDbContext();
        var ids = await db.CampaignDeliveries.Where(d => d.CampaignId == campaignId && d.Status == DeliveryStatus.Sent).Select(d => d.Id).ToListAsync();
        return ids.SelectMany(id => new[]
        {
            $"/t/o/{signer.Sign(id, TrackingTokenKind.Open)}",
            $"/t/c/{signer.Sign(id, TrackingTokenKind.Click, 0)}",
        }).ToList();
    }

    /// <summary>
    /// Each thread walks the token list from its own starting point, so a token is requested a few times in the run,
    /// far below the per-token rate limit (60 a minute). done() prints the figures in one line for the benchmark to parse.
    /// </summary>
    private static string LuaScript(List<string> paths)
    {
        var lua = new StringBuilder("local paths = {\n");
        foreach (var path in paths) lua.Append("  \"").Append(path).Append("\",\n");
        lua.Append("""
            }
            local threads = 0
            function setup(thread)
              thread:set("start", threads * math.floor(#paths / 2))
              threads = threads + 1
            end
            local counter = 0
            function init(args)
              counter = start or 0
            end
            function request()
              counter = counter + 1
              return wrk.format("GET", paths[(counter % #paths) + 1])
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT %d %d %d %d %d %d %d %d\n", summary.requests, summary.duration, e.status,
                e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
            end
            """);
        return lua.ToString();
    }

    private static async Task WarmUpAsync(int port, List<string> paths)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        // A handful of requests compile the endpoints; their events are counted in the baseline, not in the run.
        foreach (var path in paths.Take(20))
        {
            using var response = await client.GetAsync(path);
            if ((int)response.StatusCode is not (200 or 302)) throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        }
        await Task.Delay(500);
    }

    private static async Task<long> StoredAsync(BenchmarkDatabase database, Guid campaignId)
    {
        await using var db = database.CreateDbContext();
        return await db.CustomerEngagement.LongCountAsync(e => e.CampaignId == campaignId
            && (e.EngagementType == EngagementTypes.EmailOpen || e.EngagementType == EngagementTypes.EmailClick));
    }

    private static async Task<string> RunWrkAsync(string wrk, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(wrk, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.Write(await stdout);
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    private static async Task<string> WrkVersionAsync(string wrk)
    {
        using var process = Process.Start(new ProcessStartInfo(wrk, "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text.Split('\n')[0].Split('[')[0].Trim();
    }

    private static (long Requests, long Micros, long Status, long Socket, double P50, double P90, double P99, double Max) ParseResult(string output)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk printed no RESULT line.");
        var n = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return ((long)n[0], (long)n[1], (long)n[2], (long)n[3], n[4], n[5], n[6], n[7]);
    }

    /// <summary>The real Web app on Kestrel, Production environment, background schedules off (nothing else writes meanwhile).</summary>
    private sealed class TrackingApp(string connectionString, string signingSecret, int port) : WebApplicationFactory<Allnimall.Marketing.Web.Components.App>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Marketing", connectionString);
            builder.UseSetting("Demo:Accounts", "false");
            builder.UseSetting("Demo:Store", "false");
            builder.UseSetting("Scheduling:Enabled", "false");
            builder.UseSetting("Email:Tracking:BaseUrl", $"http://127.0.0.1:{port}");
            builder.UseSetting("Email:Tracking:SigningKeys:0:Id", "1");
            builder.UseSetting("Email:Tracking:SigningKeys:0:Secret", signingSecret);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
