using System.Diagnostics;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Benchmarks.Campaigns;

/// <summary>
/// Issue 4's benchmark: an email campaign to 100,000 consenting customers of one segment. Measures the launch (the
/// set-based audience snapshot), the full send by the real <see cref="DeliveryDispatcher"/> through the embedded
/// <see cref="OutboxTransport"/>, and the spec's sequential loop on a sample, in the same run and database.
/// </summary>
internal static class CampaignSendBenchmark
{
    private const string Subject = "{{ customer.first_name | default: \"Friend\" }}, treats for your pet";
    private const string Body = "<p>Hi {{ customer.first_name | default: \"friend\" }},</p><p>{{ store.name }} has 20% off dog food in " +
        "{{ customer.city | default: \"your city\" }} this week.</p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var load = Machine.LoadAverage();
        var now = DateTime.UtcNow;
        await using var database = await BenchmarkDatabase.CreateAsync();
        var adminId = await AddAdminAsync(database, now);
        var seed = Stopwatch.StartNew();
        var segment = await SeedAsync(database, options.Customers, adminId, now);
        seed.Stop();
        Console.WriteLine($"campaigns: seeded {options.Customers:N0} customers in one segment in {seed.Elapsed.TotalSeconds:F2} s");

        var clock = TimeProvider.System;
        var renderer = new MessageTemplateRenderer(clock, Options.Create(new MessageTemplateOptions { TimeZoneId = "UTC" }));
        var deliveryOptions = new DeliveryOptions { DispatchBatchSize = options.BatchSize, EmailPerSecond = 0 };

        // Warm-up on a 1-customer segment: EF compiles each query shape once per process; measure steady state.
        var warmSegment = await SeedAsync(database, 1, adminId, now, "warm-up");
        await SendAllAsync(database, await LaunchAsync(database, warmSegment, adminId, clock), deliveryOptions, renderer, clock);

        var campaignId = await EmailCampaignAsync(database, segment, adminId);
        var launch = Stopwatch.StartNew();
        var launched = await new CampaignLauncher(database, clock).LaunchAsync(campaignId);
        launch.Stop();
        if (launched.Queued != options.Customers) throw new InvalidOperationException($"Queued {launched.Queued}, expected {options.Customers}.");
        Console.WriteLine($"campaigns: launch (audience snapshot) of {launched.Queued:N0} deliveries: {launch.Elapsed.TotalSeconds:F3} s");

        var send = Stopwatch.StartNew();
        var (batches, inTransport) = await SendAllAsync(database, campaignId, deliveryOptions, renderer, clock);
        send.Stop();
        await VerifyAsync(database, campaignId, options.Customers);
        var rate = options.Customers / send.Elapsed.TotalSeconds;
        Console.WriteLine($"campaigns: dispatcher sent {options.Customers:N0} in {batches} batches in {send.Elapsed.TotalSeconds:F2} s = {rate:N0}/s " +
            $"({inTransport.TotalSeconds:F2} s of it inside the transport) ");

        var naive = await NaiveLoopAsync(database, segment, adminId, options.NaiveSample, renderer, clock);
        var naiveRate = options.NaiveSample / naive.TotalSeconds;
        Console.WriteLine($"campaigns: naive loop sent {options.NaiveSample:N0} in {naive.TotalSeconds:F2} s = {naiveRate:N0}/s " +
            $"(extrapolated to {options.Customers:N0}: {options.Customers / naiveRate:F0} s)");

        var result = new Result(options, seed.Elapsed, launch.Elapsed, send.Elapsed, batches, inTransport, naive, load, Machine.LoadAverage());
        if (options.Write) Console.WriteLine($"Wrote {BenchmarksFile.Write("campaigns", Markdown(result))}");
        return launch.Elapsed.TotalSeconds < 1 && rate >= 5_000 ? 0 : 2;
    }

    internal static async Task<string> AddAdminAsync(BenchmarkDatabase database, DateTime now)
    {
        var adminId = Guid.NewGuid().ToString();
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO AspNetUsers (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, created_at) " +
            "VALUES ({0}, 'bench', 'BENCH', 'bench@x', 'BENCH@X', 1, 0, 0, 0, 0, {1})", adminId, now);
        return adminId;
    }

    /// <summary>Customers with email consent and a static segment holding all of them, written with <see cref="BulkInsert"/>.</summary>
    internal static async Task<Guid> SeedAsync(BenchmarkDatabase database, int count, string adminId, DateTime now, string prefix = "c")
    {
        string[] cities = ["Jakarta", "Surabaya", "Bandung", "Medan", "Denpasar"];
        var customers = Enumerable.Range(0, count).Select(i => new Customer
        {
            ExternalId = $"{prefix}{i:D7}", FirstName = $"Customer{i}", LastName = "Synthetic", Email = $"{prefix}{i}@example.com",
            City = cities[i % cities.Length], Country = "Indonesia", EmailConsent = true, EmailConsentAt = now, IsActive = true,
        }).ToList();
        var segment = new CustomerSegment
        {
            Name = $"Benchmark {prefix}", SegmentType = SegmentType.Static, SegmentCriteria = "{}", CustomerCount = count, CreatedBy = adminId,
        };
        await using var db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await BulkInsert.InsertAsync(db, customers, now, default);
        await BulkInsert.InsertAsync(db, [segment], now, default);
        await BulkInsert.InsertAsync(db, customers.Select(c => new SegmentCustomer { SegmentId = segment.Id, CustomerId = c.Id, AddedAt = now }).ToList(), null, default);
        await transaction.CommitAsync();
        return segment.Id;
    }

    /// <summary>A draft email campaign to <paramref name="segment"/> with the given Liquid subject and body.</summary>
    internal static async Task<Guid> EmailCampaignAsync(BenchmarkDatabase database, Guid segment, string adminId,
        string subject = Subject, string body = Body)
    {
        await using var db = database.CreateDbContext();
        var campaign = new Campaign
        {
            Name = "Benchmark promo", CampaignType = CampaignType.Email, CreatedBy = adminId,
            TargetAudience = new CampaignAudience([segment], []).ToJson(),
        };
        db.Campaigns.Add(campaign);
        db.EmailCampaigns.Add(new EmailCampaign { CampaignId = campaign.Id, Subject = subject, EmailContent = body, SenderName = "Allnimall" });
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    private static async Task<Guid> LaunchAsync(BenchmarkDatabase database, Guid segment, string adminId, TimeProvider clock)
    {
        var campaignId = await EmailCampaignAsync(database, segment, adminId);
        await new CampaignLauncher(database, clock).LaunchAsync(campaignId);
        return campaignId;
    }

    /// <summary>The real dispatcher loop, as DispatchDeliveriesJob runs it: claim a batch, send, record, until nothing is due.</summary>
    private static async Task<(int Batches, TimeSpan InTransport)> SendAllAsync(
        BenchmarkDatabase database, Guid campaignId, DeliveryOptions options, MessageTemplateRenderer renderer, TimeProvider clock)
    {
        var settings = new FixedOptionsMonitor<DeliveryOptions>(options);
        var timed = new TimedTransport(new OutboxTransport(database));
        var dispatcher = new DeliveryDispatcher(database, timed, renderer, settings, new DeliveryPacer(settings, clock), clock);
        var batches = 0;
        while (true)
        {
            var result = await dispatcher.RunOnceAsync(options.DispatchBatchSize);
            if (result.Claimed == 0) return (batches, timed.Elapsed);
            if (result.Sent != result.Claimed) throw new InvalidOperationException($"Batch {batches} of {campaignId}: {result}");
            batches++;
        }
    }

    private static async Task VerifyAsync(BenchmarkDatabase database, Guid campaignId, int expected)
    {
        await using var db = database.CreateDbContext();
        var sent = await db.CampaignDeliveries.CountAsync(d => d.CampaignId == campaignId && d.Status == DeliveryStatus.Sent);
        var outbox = await db.OutboxMessages.CountAsync(m => db.CampaignDeliveries.Any(d => d.Id == m.DeliveryId && d.CampaignId == campaignId));
        var engagement = await db.CustomerEngagement.CountAsync(e => e.CampaignId == campaignId && e.EngagementType == EngagementTypes.EmailSent);
        if (sent != expected || outbox != expected || engagement != expected)
            throw new InvalidOperationException($"Expected {expected} sent, outbox and engagement rows; got {sent}, {outbox}, {engagement}.");
    }

    /// <summary>
    /// The spec's loop: for each customer, render, record the delivery (SaveChanges), await the transport. One
    /// long-lived context, as a request handler would hold it. Run on the first <paramref name="sample"/> customers.
    /// </summary>
    private static async Task<TimeSpan> NaiveLoopAsync(
        BenchmarkDatabase database, Guid segment, string adminId, int sample, MessageTemplateRenderer renderer, TimeProvider clock)
    {
        var campaignId = await EmailCampaignAsync(database, segment, adminId);
        var transport = new OutboxTransport(database);
        await using var db = database.CreateDbContext();
        await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Active));
        var stopwatch = Stopwatch.StartNew();
        var customers = await db.Customers
            .Where(c => c.EmailConsent && db.SegmentCustomers.Any(m => m.SegmentId == segment && m.CustomerId == c.Id))
            .OrderBy(c => c.Id).Take(sample).ToListAsync();
        var store = new MessageStore("Allnimall Pet Store", null, null);
        foreach (var customer in customers)
        {
            var model = new MessageModel(new MessageCustomer(customer.FirstName, customer.LastName, customer.Email, customer.Phone, customer.City),
                store, new MessageCampaign("Benchmark promo"));
            var subject = await renderer.RenderAsync(Subject, model, MessageFormat.Text);
            var body = await renderer.RenderAsync(Body, model, MessageFormat.Html);
            var now = clock.GetUtcNow().UtcDateTime;
            var delivery = new CampaignDelivery
            {
                CampaignId = campaignId, CustomerId = customer.Id, Channel = DeliveryChannel.Email, Status = DeliveryStatus.Sent,
                Attempts = 1, NextAttemptAt = now, CreatedAt = now, SentAt = now,
            };
            db.CampaignDeliveries.Add(delivery);
            db.CustomerEngagement.Add(new CustomerEngagement
            {
                CustomerId = customer.Id, CampaignId = campaignId, EngagementType = EngagementTypes.EmailSent, EngagementDate = now,
            });
            await db.SaveChangesAsync();
            await transport.SendAsync(new OutgoingMessage(delivery.Id, DeliveryChannel.Email, customer.Email!, subject, body));
        }
        return stopwatch.Elapsed;
    }

    private sealed class TimedTransport(IBatchChannelTransport inner) : IBatchChannelTransport
    {
        public async Task<IReadOnlyList<TransportResult>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
        {
            stopwatch.Start();
            try { return await inner.SendBatchAsync(messages, cancellationToken); } finally { stopwatch.Stop(); }
        }

        private readonly Stopwatch stopwatch = new();
        public TimeSpan Elapsed => stopwatch.Elapsed;
        public async Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        {
            stopwatch.Start();
            try { return await inner.SendAsync(message, cancellationToken); } finally { stopwatch.Stop(); }
        }
    }

    private sealed record Result(BenchOptions Options, TimeSpan Seed, TimeSpan Launch, TimeSpan Send, int Batches, TimeSpan InTransport,
        TimeSpan Naive, string Load, string LoadAtEnd);

    private static string Markdown(Result r)
    {
        var rate = r.Options.Customers / r.Send.TotalSeconds;
        var naiveRate = r.Options.NaiveSample / r.Naive.TotalSeconds;
        var args = r.Options.Arguments.Length == 0 ? "" : " " + string.Join(' ', r.Options.Arguments);
        return $"""
            ## campaigns: launch and send an email campaign to {r.Options.Customers:N0} customers through the outbox transport

            Command: `dotnet run -c Release --project Allnimall.Marketing.Benchmarks -- campaigns{args}`

            Machine: {Environment.ProcessorCount} cores ({Machine.CpuModel()}), {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version};
            run on {DateTime.UtcNow:yyyy-MM-dd}. Load average at the start {r.Load}, at the end {r.LoadAtEnd}: the machine is shared with other builds and test runs,
            and the figures move with that load (on this machine a 2× swing between runs is common).
            Store: a fresh SQLite file (WAL, as the app) with {r.Options.Customers:N0} customers with email consent in one static segment,
            seeded with `BulkInsert` in {r.Seed.TotalSeconds:F1} s. The email has a Liquid subject and an HTML body with customer and store fields.
            Rate limit off for the measurement (`Delivery:EmailPerSecond = 0`; in production it is the provider's rate); frequency
            cap on (default 3 per 7 days; every customer is below it) and the send-time consent check on. Warm-up: one 1-customer campaign first.

            | Step | What runs | Result | Time |
            |---|---|---:|---:|
            | Launch (audience snapshot) | `CampaignLauncher.LaunchAsync`: conditional UPDATE of the campaign + one `INSERT … SELECT` of the recipients, one transaction | {r.Options.Customers:N0} deliveries queued | {r.Launch.TotalSeconds:F3} s |
            | Full send | `DeliveryDispatcher.RunOnceAsync({r.Options.BatchSize})` until nothing is due ({r.Batches:N0} batches): claim UPDATE, send-time suppression and frequency-cap UPDATEs, Liquid render (parsed templates cached), hand-over UPDATE, `OutboxTransport.SendBatchAsync` per batch, one UPDATE per outcome kind + engagement rows per batch | **{rate:N0} deliveries/s** | {r.Send.TotalSeconds:F2} s, of which {r.InTransport.TotalSeconds:F2} s inside `OutboxTransport.SendBatchAsync` |
            | Spec's sequential loop (sample) | `foreach customer: render; SaveChanges (delivery + engagement); await transport.SendAsync` (its own SaveChanges) on one long-lived context, first {r.Options.NaiveSample:N0} customers | {naiveRate:N0} deliveries/s | {r.Naive.TotalSeconds:F2} s (extrapolated to {r.Options.Customers:N0}: {r.Options.Customers / naiveRate:F0} s) |

            Against the issue's targets:
            - snapshot of {r.Options.Customers:N0} under 1 s: {(r.Launch.TotalSeconds < 1 ? "met" : "**not met**")} ({r.Launch.TotalSeconds:F3} s)
            - at least 5,000 deliveries/s through the outbox transport: {(rate >= 5_000 ? "met" : "**not met**")} ({rate:N0}/s; {1_000_000 / rate:F0} µs per delivery, transport included)
            - dispatcher vs the spec's loop: {rate / naiveRate:F1}× (the loop's rate is from its {r.Options.NaiveSample:N0}-customer sample; it slows as its context tracks more rows)

            How the send reaches that rate: an unpaced channel hands a whole batch to a batch-capable transport (`IBatchChannelTransport`;
            the outbox stores it in one transaction) — with one SQLite commit per message, the outbox alone costs ~200–370 µs per
            message here (measured at 2,000–2,900/s for the whole send before this change). Each row still becomes `sending` right
            before its hand-over (one UPDATE per batch), outcomes are one UPDATE per outcome kind with per-row values as `CASE`,
            the claim reads the (status, next_attempt_at) index without sorting the queue, and parsed templates are cached.
            Outcome UPDATEs go in chunks of 100 rows: Microsoft.Data.Sqlite binds each named parameter through a linear search of
            the statement's names, so 500-row statements (1,500 parameters) cost ~5× more per row.
            Paced channels (a rate limit set) hand over one message at a time, where the rate, not the pipeline, is the limit.

            The launch is one `INSERT … SELECT` writing 100,000 rows and their six index entries, then one commit. Run by hand in
            the `sqlite3` shell on this benchmark's file (load ~5), the same statement took 0.55 s and its commit 0.20 s; inside
            the app it adds the campaign UPDATE, the launchability checks and the EF/ADO.NET connection, and on this shared
            machine it has measured 0.57–2.4 s depending on load, so whether one run meets the 1 s target depends on the load
            at the time (no quiet machine was available). (Tried on a replica of the statement: computing the version 7 id's time part once per launch, −0.15 to −0.25 s, kept; a partial
            claim-token index and dropping the NOT EXISTS re-launch guard, no measurable gain.)

            Every run checks that all {r.Options.Customers:N0} deliveries ended `sent` with one outbox message and one `email_sent` engagement row each.
            """;
    }

    private sealed record BenchOptions(int Customers, int NaiveSample, int BatchSize, bool Write, string[] Arguments)
    {
        public static BenchOptions Parse(string[] args)
        {
            int Int(string name, int fallback)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
            }
            return new(Int("--customers", 100_000), Int("--naive", 5_000), Int("--batch", 500), !args.Contains("--no-write"),
                args.Where(a => a != "--no-write").ToArray());
        }
    }
}
