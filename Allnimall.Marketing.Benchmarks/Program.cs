using Allnimall.Marketing.Benchmarks;

// Usage: dotnet run -c Release --project Allnimall.Marketing.Benchmarks -- <benchmark> [options]
// Each benchmark prints its figures and writes its own section of BENCHMARKS.md at the repository root.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["ingest"] = IngestBenchmark.RunAsync,
    ["segments"] = Allnimall.Marketing.Benchmarks.Segments.SegmentRefreshBenchmark.RunAsync,
    ["discounts"] = Allnimall.Marketing.Benchmarks.Discounts.DiscountBenchmark.RunAsync,
    ["campaigns"] = Allnimall.Marketing.Benchmarks.Campaigns.CampaignSendBenchmark.RunAsync,
    ["email"] = Allnimall.Marketing.Benchmarks.Email.EmailBenchmark.RunAsync,
    ["forgot-password"] = Allnimall.Marketing.Benchmarks.Identity.ForgotPasswordTimingBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.WriteLine("Usage: dotnet run -c Release --project Allnimall.Marketing.Benchmarks -- <benchmark> [options]");
    Console.WriteLine($"Benchmarks: {string.Join(", ", benchmarks.Keys)}");
    Console.WriteLine("  ingest [--orders N] [--naive-rows N] [--naive-seconds S] [--no-write]");
    Console.WriteLine("  forgot-password [--quick] [--no-write]   (T33: response time, existing vs unknown address)");
    Console.WriteLine("  discounts [--quick] [--no-write]   (1,000,000 codes, 10-line cart x 50 discounts, 200 concurrent redemptions; --quick: 100,000 codes)");
    Console.WriteLine("  campaigns [--customers N] [--naive N] [--batch N] [--no-write]   (launch + full send through the outbox, vs the spec's loop)");
    Console.WriteLine("  email [--messages N] [--naive N] [--pool N] [--batch N] [--seconds S] [--no-tracking] [--no-write]   (SMTP on loopback: new connection per message vs raw MailKit vs the pipeline; tracking endpoints under wrk)");
    Console.WriteLine("  segments [--quick] [--no-write]   (--quick: 20,000 and 100,000 customers instead of 100,000 and 1,000,000)");
    return args.Length == 0 ? 0 : 1;
}
return await run(args[1..]);
