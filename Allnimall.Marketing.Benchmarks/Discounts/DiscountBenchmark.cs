using System.Diagnostics;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Benchmarks.Discounts;

/// <summary>
/// Issue 6's benchmark: store 1,000,000 unique codes; price a 10-line cart against 50 active discounts (the engine,
/// the service as the API calls it, and a naive N+1 service); 200 concurrent redemptions of a code limited to 50.
/// </summary>
internal static class DiscountBenchmark
{
    private static readonly DateTime Now = DateTime.UtcNow;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var load = Machine.LoadAverage();
        var lines = new List<string>();
        var verdicts = new List<string>();
        await using var database = await BenchmarkDatabase.CreateAsync();
        var clock = TimeProvider.System;
        var calculator = new DiscountCalculator(clock, CurrencyOptions.Idr);
        var pricing = new DiscountPricingService(database, calculator, clock);
        var discounts = new DiscountService(database, new DiscountSummaryWriter(CurrencyOptions.Idr),
            new MarginGuardrail(database, new MarginGuardrailOptions(), clock), CurrencyOptions.Idr, clock);
        var codes = new PromoCodeService(database, clock);
        var redemptions = new DiscountRedemptionService(database, pricing, clock);
        var adminId = await SeedAsync(database);

        // 1. Codes.
        var count = quick ? 100_000 : 1_000_000;
        var codeDiscount = (await discounts.CreateAsync(new DiscountForm { Name = "Codes", Value = 10 }, adminId)).Value!;
        await codes.GenerateAsync(codeDiscount.Id, new PromoCodeRequest(1_000, "WARM", 10));
        var stopwatch = Stopwatch.StartNew();
        var generated = await codes.GenerateAsync(codeDiscount.Id, new PromoCodeRequest(count, "XMAS", 10));
        var codeSeconds = stopwatch.Elapsed.TotalSeconds;
        await using (var db = database.CreateDbContext())
        {
            var stored = await db.PromoCodes.CountAsync(p => p.Code.StartsWith("XMAS"));
            lines.Add($"| Generate and store {count:N0} unique codes (prefix + 10 of 32 characters, one transaction) | {stored:N0} stored, {generated.Value!.Collisions} collisions | {codeSeconds:F2} s ({count / codeSeconds:N0} codes/s) |");
        }
        stopwatch.Restart();
        var inMemory = PromoCodeGenerator.Generate(new PromoCodeRequest(count, "XMAS", 10), count).Order(StringComparer.Ordinal).Count();
        lines.Add($"| of which generating {inMemory:N0} codes in memory (CSPRNG, dedup, sort) | | {stopwatch.Elapsed.TotalSeconds:F2} s |");
        verdicts.Add($"- {count:N0} codes under 10 s: {(codeSeconds < 10 ? "met" : "**not met**")} ({codeSeconds:F2} s)");

        // 2. Evaluation: 50 active discounts, a 10-line cart, one thread.
        var (cart, checkout) = await FiftyDiscountsAsync(database, discounts, adminId);
        var rules = await RulesAsync(database, pricing);
        var engine = Rate(() => calculator.Evaluate(cart, rules, new Dictionary<string, PresentedCode>()), quick ? 1.0 : 3.0);
        var service = await RateAsync(() => pricing.EvaluateAsync(checkout), quick ? 1.0 : 3.0);
        var naive = await RateAsync(() => NaiveEvaluateAsync(database, calculator, cart), quick ? 1.0 : 3.0);
        var sample = calculator.Evaluate(cart, rules, new Dictionary<string, PresentedCode>());
        lines.Add($"| Price a 10-line cart against {rules.Count} active discounts: engine only (rules in memory), one thread | {sample.Applied.Count} applied, {CurrencyOptions.Idr.Format(sample.TotalDiscount)} off of {CurrencyOptions.Idr.Format(sample.Subtotal + sample.Shipping)} | {engine:N0} evaluations/s |");
        lines.Add($"| The same through `DiscountPricingService` (what the API does: 6 set queries, then the engine) | | {service:N0} evaluations/s |");
        lines.Add($"| Naive: one query per discount (N+1) and per line, then the engine | | {naive:N0} evaluations/s |");
        verdicts.Add($"- 2,000 evaluations/s on one core: {(engine >= 2_000 ? "met" : "**not met**")} by the engine ({engine:N0}/s); " +
            $"through the database {(service >= 2_000 ? "met" : "not met")} ({service:N0}/s, {service / naive:F0}× the naive service)");

        // 3. Contention.
        var limited = (await discounts.CreateAsync(new DiscountForm { Name = "Fifty", Value = 10, UsageLimit = 50, SharedCode = "FIFTY", Combinable = true }, adminId)).Value!;
        stopwatch.Restart();
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => redemptions.RedeemAsync(
            new RedeemRequest($"BENCH-{i}", checkout with { CustomerId = $"C-{i}", Codes = ["FIFTY"] })))));
        var contention = stopwatch.Elapsed.TotalSeconds;
        await using (var db = database.CreateDbContext())
        {
            var usage = await db.DiscountCampaigns.Where(d => d.Id == limited.Id).Select(d => d.UsageCount).SingleAsync();
            var succeeded = results.Count(r => r.Succeeded);
            lines.Add($"| 200 concurrent redemptions of a code limited to 50 (200 orders, 200 customers) | {succeeded} succeeded, {results.Count(r => !r.Succeeded)} refused, usage_count {usage} | {contention:F2} s ({200 / contention:N0} attempts/s) |");
            verdicts.Add($"- exactly 50 of 200 succeed: {(succeeded == 50 && usage == 50 ? "met" : "**not met**")} ({succeeded}; usage_count {usage})");
        }

        foreach (var line in lines.Concat(verdicts)) Console.WriteLine(line);
        if (args.Contains("--no-write")) return 0;
        Console.WriteLine($"Wrote {BenchmarksFile.Write("discounts", Markdown(quick, lines, verdicts, load))}");
        return 0;
    }

    private static string Markdown(bool quick, List<string> lines, List<string> verdicts, string load) => $$"""
        ## discounts: unique codes, cart pricing, redemption under contention

        Command: `dotnet run -c Release --project Allnimall.Marketing.Benchmarks -- discounts{{(quick ? " --quick" : "")}}`

        Machine: {{Environment.ProcessorCount}} cores ({{Machine.CpuModel()}}), {{System.Runtime.InteropServices.RuntimeInformation.OSDescription}},
        .NET {{Environment.Version}}; run on {{DateTime.UtcNow:yyyy-MM-dd}}. Load average at the start: {{load}} (shared machine).
        Database: a fresh SQLite file (WAL). Codes are written by `PromoCodeService.GenerateAsync` (in-memory dedup, then
        `BulkInsert` in chunks of 50,000 under savepoints against the unique index). The cart has 10 lines over 10
        categories; the 50 discounts mix percentage, fixed, buy X get Y and free shipping, category scopes, minimums,
        caps and combinable/non-combinable. Redemptions run `DiscountRedemptionService.RedeemAsync` concurrently, each
        with its own connection; limits are conditional UPDATEs.

        | Work | Result | Time / rate |
        |---|---|---:|
        {{string.Join("\n", lines)}}

        Against the issue's targets:
        {{string.Join("\n", verdicts)}}
        """;

    private static double Rate(Func<PricingResult> evaluate, double seconds)
    {
        for (var i = 0; i < 200; i++) evaluate();
        var stopwatch = Stopwatch.StartNew();
        var n = 0;
        while (stopwatch.Elapsed.TotalSeconds < seconds) { evaluate(); n++; }
        return n / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<double> RateAsync(Func<Task<PricingResult>> evaluate, double seconds)
    {
        for (var i = 0; i < 20; i++) await evaluate();
        var stopwatch = Stopwatch.StartNew();
        var n = 0;
        while (stopwatch.Elapsed.TotalSeconds < seconds) { await evaluate(); n++; }
        return n / stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<string> SeedAsync(BenchmarkDatabase database)
    {
        await using var db = database.CreateDbContext();
        var admin = new ApplicationUser { UserName = "bench@x", Email = "bench@x" };
        db.Users.Add(admin);
        for (var c = 0; c < 10; c++)
        {
            var category = new ProductCategory { ExternalId = $"cat-{c}", Name = $"Category {c}" };
            db.ProductCategories.Add(category);
            for (var p = 0; p < 10; p++)
                db.Products.Add(new Product { ExternalId = $"P-{c}-{p}", Sku = $"S{c}{p}", Name = $"Product {c}-{p}", Price = 10_000 * (p + 1), CategoryId = category.Id });
        }
        await db.SaveChangesAsync();
        return admin.Id;
    }

    private static async Task<(PricingCart Cart, CheckoutCart Checkout)> FiftyDiscountsAsync(BenchmarkDatabase database, DiscountService discounts, string adminId)
    {
        await using var db = database.CreateDbContext();
        var categories = await db.ProductCategories.OrderBy(c => c.ExternalId).Select(c => c.Id).ToListAsync();
        for (var i = 0; i < 50; i++)
        {
            var form = new DiscountForm
            {
                Name = $"Automatic {i}", Method = DiscountMethod.Automatic, Combinable = i % 3 != 0, Priority = i % 5,
                Type = (i % 4) switch { 0 => DiscountType.Percentage, 1 => DiscountType.FixedAmount, 2 => DiscountType.Bogo, _ => DiscountType.FreeShipping },
                Value = i % 4 == 0 ? 5 + i % 20 : 5_000 + 1_000 * i, BuyQuantity = 2, GetQuantity = 1,
                IncludedCategoryIds = i % 2 == 0 ? [categories[i % 10], categories[(i + 3) % 10]] : [],
                ExcludedCategoryIds = i % 7 == 0 ? [categories[(i + 5) % 10]] : [],
                MinimumPurchase = i % 5 == 0 ? 100_000 : null, MaximumDiscount = i % 6 == 0 ? 75_000 : null,
                StartsAt = Now.AddDays(-1), EndsAt = Now.AddDays(30),
            };
            var saved = await discounts.CreateAsync(form, adminId);
            if (!saved.Succeeded) throw new InvalidOperationException(string.Join("; ", saved.Errors.Select(e => $"{e.Key}: {e.Value[0]}")));
        }
        var products = await db.Products.OrderBy(p => p.ExternalId).Select(p => new { p.Id, p.ExternalId, p.CategoryId, p.Price }).ToListAsync();
        var picked = Enumerable.Range(0, 10).Select(i => products[i * 10 + i % 10]).ToList();
        var cart = new PricingCart(PricingCustomer.Guest,
            picked.Select((p, i) => new PricingLine(p.ExternalId, p.Id, [p.CategoryId!.Value], 1 + i % 3, p.Price)).ToList(), 25_000, []);
        var checkout = new CheckoutCart(null, picked.Select((p, i) => new CheckoutLine(p.ExternalId, null, 1 + i % 3, p.Price)).ToList(), 25_000, []);
        return (cart, checkout);
    }

    private static async Task<List<DiscountRule>> RulesAsync(BenchmarkDatabase database, DiscountPricingService pricing)
    {
        await using var db = database.CreateDbContext();
        return await pricing.DiscountsAsync(db, [], default);
    }

    /// <summary>The usual first version: list the active discount ids, then read each discount, its campaign and each product on its own.</summary>
    private static async Task<PricingResult> NaiveEvaluateAsync(BenchmarkDatabase database, DiscountCalculator calculator, PricingCart cart)
    {
        await using var db = database.CreateDbContext();
        var ids = await db.DiscountCampaigns.Where(d => d.IsActive && d.Method == DiscountMethod.Automatic).Select(d => d.Id).ToListAsync();
        var rules = new List<DiscountRule>();
        foreach (var id in ids)
        {
            var discount = await db.DiscountCampaigns.AsNoTracking().SingleAsync(d => d.Id == id);
            var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == discount.CampaignId);
            rules.Add(DiscountRule.From(discount, campaign.Name, campaign.StartDate, campaign.EndDate));
        }
        var lines = new List<PricingLine>();
        foreach (var line in cart.Lines)
        {
            var product = await db.Products.AsNoTracking().SingleAsync(p => p.ExternalId == line.ProductKey);
            lines.Add(line with { ProductId = product.Id, CategoryIds = [product.CategoryId!.Value] });
        }
        return calculator.Evaluate(cart with { Lines = lines }, rules, new Dictionary<string, PresentedCode>());
    }
}
