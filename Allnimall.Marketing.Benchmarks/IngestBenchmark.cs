using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Allnimall.Marketing.Core.Store.Ingest;

namespace Allnimall.Marketing.Benchmarks;

/// <summary>
/// Orders through the batch path (the real <see cref="StoreIngestService"/>, 5,000 rows per call) against one
/// SaveChanges per row, each on its own fresh SQLite file with the same customers and products. The per-row paths
/// are measured on a bounded sample (the first rows, up to a row or time limit) because at their speed 100,000 rows
/// would take about half an hour.
/// </summary>
internal static class IngestBenchmark
{
    private const int Customers = 20_000;
    private const int Products = 500;
    private const int BatchSize = StoreIngestService.MaxBatchSize;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var now = DateTime.UtcNow;
        var loadAtStart = Machine.LoadAverage();
        var data = new StoreDataGenerator(Customers, Products, now);
        var orders = data.Orders(options.Orders);
        var items = orders.Sum(o => o.Items!.Count);
        Console.WriteLine($"Generated {orders.Count:N0} orders ({items:N0} items), {Customers:N0} customers, {Products:N0} products.");

        var batch = await MeasureBatchAsync(data, orders);
        Print("batch (StoreIngestService, 5,000 rows per call)", batch);
        var naive = await MeasurePerRowAsync(data, orders, options, async (db, keepGoing) =>
        {
            await using var context = db.CreateDbContext();
            return await NaiveOrderIngest.RunAsync(context, orders, keepGoing);
        });
        Print("per-row SaveChanges (naive loop, one context)", naive);
        var serviceOfOne = await MeasurePerRowAsync(data, orders, options, (db, keepGoing) =>
            IngestOneByOneAsync(new StoreIngestService(db, TimeProvider.System), orders, keepGoing));
        Print("per-row SaveChanges (StoreIngestService, 1 row per call)", serviceOfOne);

        var ratio = batch.RowsPerSecond / naive.RowsPerSecond;
        Console.WriteLine($"Batch vs naive per-row: {ratio:N0}x (target >= 50x)");
        if (options.Write)
            Console.WriteLine($"Wrote {BenchmarksFile.Write("ingest", Markdown(options, orders.Count, items, batch, naive, serviceOfOne, ratio, loadAtStart))}");
        return ratio >= 50 ? 0 : 2;
    }

    private static async Task<Measurement> MeasureBatchAsync(StoreDataGenerator data, List<OrderIngestRow> orders)
    {
        await using var db = await SeededDatabaseAsync(data);
        var ingest = new StoreIngestService(db, TimeProvider.System);
        var clock = Stopwatch.StartNew();
        foreach (var chunk in orders.Chunk(BatchSize))
        {
            var result = await ingest.IngestOrdersAsync(chunk, CancellationToken.None);
            if (result.Rejected > 0) throw new InvalidOperationException($"Rejected: {result.Errors[0]}");
        }
        return new Measurement(orders.Count, clock.Elapsed);
    }

    private static async Task<Measurement> MeasurePerRowAsync(
        StoreDataGenerator data, List<OrderIngestRow> orders, Options options,
        Func<BenchmarkDatabase, Func<int, bool>, Task<int>> run)
    {
        await using var db = await SeededDatabaseAsync(data);
        var clock = Stopwatch.StartNew();
        var done = await run(db, n => n < options.NaiveRows && clock.Elapsed < options.NaiveTime);
        return new Measurement(done, clock.Elapsed);
    }

    private static async Task<int> IngestOneByOneAsync(StoreIngestService ingest, List<OrderIngestRow> orders, Func<int, bool> keepGoing)
    {
        var done = 0;
        while (done < orders.Count && keepGoing(done))
            await ingest.IngestOrdersAsync([orders[done++]], CancellationToken.None);
        return done;
    }

    /// <summary>Customers and products go in through the batch path too, before the clock starts.</summary>
    private static async Task<BenchmarkDatabase> SeededDatabaseAsync(StoreDataGenerator data)
    {
        var db = await BenchmarkDatabase.CreateAsync();
        var ingest = new StoreIngestService(db, TimeProvider.System);
        foreach (var chunk in data.Customers().Chunk(BatchSize)) await ingest.IngestCustomersAsync(chunk, ConsentSources.StoreApi);
        await ingest.IngestProductsAsync(data.Products());
        return db;
    }

    private static void Print(string path, Measurement m) =>
        Console.WriteLine($"{path,-58} {m.Rows,9:N0} rows in {m.Elapsed.TotalSeconds,7:N1} s = {m.RowsPerSecond,9:N0} rows/s");

    private static string Markdown(
        Options options, int orders, int items, Measurement batch, Measurement naive, Measurement one, double ratio, string loadAtStart)
    {
        var bound = $"the first orders, stopping at {options.NaiveRows:N0} rows or {options.NaiveTime.TotalSeconds:N0} s, whichever comes first";
        return $"""
            ## ingest: {orders:N0} orders, batch upsert vs one SaveChanges per row

            Command: `dotnet run -c Release --project Allnimall.Marketing.Benchmarks -- ingest{options.CommandSuffix}`

            Machine: {Environment.ProcessorCount} cores ({Machine.CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; run on {DateTime.UtcNow:yyyy-MM-dd}.
            Store: a fresh SQLite file in the temp folder per path (WAL, as the app), seeded with {Customers:N0} customers and {Products:N0} products.
            Orders have 1–4 items ({items:N0} items in all); every path inserts the same orders in the same order.

            | Path | Orders | Time | Orders/s |
            |---|---:|---:|---:|
            | Batch: `StoreIngestService.IngestOrdersAsync`, {BatchSize:N0} rows per call (validation, lookups per 500 ids, new rows through one prepared INSERT per table, one transaction per batch) | {batch.Rows:N0} | {batch.Elapsed.TotalSeconds:N1} s | {batch.RowsPerSecond:N0} |
            | Naive: one long-lived context, per order lookups of order, customer and products, then `SaveChanges` | {naive.Rows:N0} | {naive.Elapsed.TotalSeconds:N1} s | {naive.RowsPerSecond:N1} |
            | For reference: `StoreIngestService` called with 1 row per call | {one.Rows:N0} | {one.Elapsed.TotalSeconds:N1} s | {one.RowsPerSecond:N1} |

            The per-row paths run on {bound}; their rate is rows ÷ elapsed time of that sample.
            Each naive row costs a commit plus change detection over everything tracked so far, so the loop slows as it
            goes and a longer sample would give it a lower rate. The machine was shared with other builds (load average
            {loadAtStart} at the start), so repeated runs vary by some tens of percent.

            **Batch vs naive per-row: {ratio:N0}×** (target ≥ 50×).
            """;
    }


    private sealed record Measurement(int Rows, TimeSpan Elapsed)
    {
        public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
    }

    private sealed record Options(int Orders, int NaiveRows, TimeSpan NaiveTime, bool Write, string CommandSuffix)
    {
        public static Options Parse(string[] args)
        {
            int Int(string name, int fallback) =>
                Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
            var suffix = string.Join("", args.Select(a => " " + a));
            return new Options(Int("--orders", 100_000), Int("--naive-rows", 2_000),
                TimeSpan.FromSeconds(Int("--naive-seconds", 60)), !args.Contains("--no-write"), suffix);
        }
    }
}
