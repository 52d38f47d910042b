using System.Diagnostics;
using System.Security.Cryptography;
using Allnimall.Marketing.Benchmarks.Campaigns;
using Allnimall.Marketing.Core;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Tracking;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Allnimall.Marketing.Benchmarks.Email;

/// <summary>
/// Issue 5's benchmark: 10,000 personalised emails of one campaign to an SMTP server on loopback (<see cref="SmtpSink"/>),
/// (a) the spec's way, one new MailKit connection per message (a sample, extrapolated), (b) raw MailKit over as many
/// reused connections as the pipeline's pool, one prebuilt message, (c) the real pipeline: campaign launched in SQLite,
/// <see cref="DeliveryDispatcher"/> with the SMTP transport, tracking and DKIM, bookkeeping included. Then the tracking
/// endpoints under wrk (<see cref="TrackingLoad"/>) against the same database.
/// </summary>
internal static class EmailBenchmark
{
    private const string Subject = "{{ customer.first_name | default: \"Friend\" }}, treats for your pet in {{ customer.city | default: \"your city\" }}";
    private const string Body = "<h1>Hi {{ customer.first_name | default: \"friend\" }},</h1>" +
        "<p>{{ store.name }} has 20% off dog food in {{ customer.city | default: \"your city\" }} this week.</p>" +
        "<p><a href=\"https://shop.allnimall.test/dog-food?utm_source=email\">Shop dog food</a> · " +
        "<a href=\"https://shop.allnimall.test/stores/{{ customer.city | downcase }}\">Your nearest store</a></p>" +
        "<p>See you soon, the {{ store.name }} team</p><p>{{ store.address }} · <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>";
    /// <summary>The body as (c) renders it for one customer, without tracking: (b) sends it unchanged every time.</summary>
    private const string RawBody = "<h1>Hi Customer1,</h1><p>Allnimall Pet Store has 20% off dog food in Jakarta this week.</p>" +
        "<p><a href=\"https://shop.allnimall.test/dog-food?utm_source=email\">Shop dog food</a> · " +
        "<a href=\"https://shop.allnimall.test/stores/jakarta\">Your nearest store</a></p>" +
        "<p>See you soon, the Allnimall Pet Store team</p><p>Jl. Kemang Raya 5, Jakarta 12730 · <a href=\"https://shop.allnimall.test/u/unsubscribe\">Unsubscribe</a></p>";
    private const string From = "news@allnimall.test";
    private const int LinksPerEmail = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = EmailBenchOptions.Parse(args);
        var load = Machine.LoadAverage();
        var now = DateTime.UtcNow;
        await using var sink = new SmtpSink();
        await using var database = await BenchmarkDatabase.CreateAsync();
        var adminId = await CampaignSendBenchmark.AddAdminAsync(database, now);
        var segment = await CampaignSendBenchmark.SeedAsync(database, options.Messages, adminId, now);
        var warmSegment = await CampaignSendBenchmark.SeedAsync(database, options.WarmUp, adminId, now, "warm");
        Console.WriteLine($"email: seeded {options.Messages:N0} customers; SMTP sink on 127.0.0.1:{sink.Port}");

        var signingSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var trackingPort = TrackingLoad.FreePort();
        var configuration = PipelineConfiguration(database, sink.Port, options, signingSecret, trackingPort);
        var services = new ServiceCollection()
            .AddLogging(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration);
        services.AddMarketingCore(configuration, Path.GetTempPath());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var renderer = provider.GetRequiredService<MessageTemplateRenderer>();

        // Warm-up of every path (JIT, EF query compilation, DKIM key, MailKit), then the measurements in the same run.
        await NaiveAsync(database, renderer, sink.Port, 20);
        await RawAsync(sink.Port, options.PoolSize, 200);
        await PipelineAsync(provider, database, warmSegment, adminId, options.BatchSize);

        var cpu = Cpu();
        var naive = await NaiveAsync(database, renderer, sink.Port, options.NaiveSample);
        var naiveCpu = Cpu() - cpu;
        Console.WriteLine($"email: (a) spec's way, new connection per message: {options.NaiveSample:N0} in {naive.TotalSeconds:F2} s = {options.NaiveSample / naive.TotalSeconds:N0}/s, CPU {naiveCpu.TotalMicroseconds / options.NaiveSample:N0} µs/message");
        cpu = Cpu();
        var raw = await RawAsync(sink.Port, options.PoolSize, options.Messages);
        var rawCpu = Cpu() - cpu;
        Console.WriteLine($"email: (b) raw MailKit over {options.PoolSize} reused connections: {options.Messages:N0} in {raw.TotalSeconds:F2} s = {options.Messages / raw.TotalSeconds:N0}/s, CPU {rawCpu.TotalMicroseconds / options.Messages:N0} µs/message");
        var before = sink.Messages;
        var signedBefore = sink.SignedMessages;
        cpu = Cpu();
        var (campaignId, pipeline, batches) = await PipelineAsync(provider, database, segment, adminId, options.BatchSize);
        var pipelineCpu = Cpu() - cpu;
        if (sink.Messages - before != options.Messages || sink.SignedMessages - signedBefore != (options.Dkim ? options.Messages : 0))
            throw new InvalidOperationException($"The sink got {sink.Messages - before} messages ({sink.SignedMessages - signedBefore} DKIM-signed), expected {options.Messages}.");
        await VerifyAsync(database, campaignId, options.Messages);
        Console.WriteLine($"email: (c) pipeline: {options.Messages:N0} in {pipeline.TotalSeconds:F2} s ({batches} batches) = {options.Messages / pipeline.TotalSeconds:N0}/s, CPU {pipelineCpu.TotalMicroseconds / options.Messages:N0} µs/message");
        var loadAfterSend = Machine.LoadAverage();

        TrackingLoad.Result? tracking = null;
        if (!options.SkipTracking && TrackingLoad.FindWrk() is null)
            Console.WriteLine("email: wrk is not installed, so the tracking endpoints are not measured. Install it (Debian/Ubuntu: " +
                "sudo apt-get install -y wrk) and run again, or pass --no-tracking.");
        else if (!options.SkipTracking)
        {
            tracking = await TrackingLoad.RunAsync(database, campaignId, signingSecret, trackingPort, options.TrackingSeconds);
            Console.WriteLine($"email: tracking: {tracking.RequestsPerSecond:N0} req/s, p99 {tracking.P99Ms:F1} ms, stored {tracking.Stored:N0} of {tracking.Expected:N0}, caught up in {tracking.CatchUp.TotalMilliseconds:F0} ms, app CPU {tracking.AppCpuMicrosPerRequest:F0} µs/request");
        }

        var result = new Result(options, naive, raw, pipeline, batches, new(naiveCpu, rawCpu, pipelineCpu), tracking, load, loadAfterSend, Machine.LoadAverage());
        if (options.Write) Console.WriteLine($"Wrote {BenchmarksFile.Write("email", EmailBenchmarkReport.Markdown(result))}");
        return result.PipelineMeetsTarget && (tracking?.MeetsTarget ?? true) ? 0 : 2;
    }

    private static IConfiguration PipelineConfiguration(BenchmarkDatabase database, int smtpPort, EmailBenchOptions options, string signingSecret, int trackingPort)
    {
        using var rsa = RSA.Create(2048);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Marketing"] = database.ConnectionString,
            ["Email:Transport"] = "Smtp",
            ["Email:From"] = From,
            ["Email:FromName"] = "Allnimall",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Tls"] = "None",
            ["Email:Smtp:PoolSize"] = options.PoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The relay's rate set above what this machine can send: the figure is the pipeline's own limit.
            ["Email:Smtp:MessagesPerSecond"] = "1000000",
            ["Email:Smtp:LocalDomain"] = "bench.allnimall.test",
            ["Email:Tracking:BaseUrl"] = $"http://127.0.0.1:{trackingPort}",
            ["Email:Tracking:SigningKeys:0:Id"] = "1",
            ["Email:Tracking:SigningKeys:0:Secret"] = signingSecret,
            ["Delivery:DispatchBatchSize"] = options.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery:StoreName"] = "Allnimall Pet Store",
            // The pre-send checklist refuses a launch without the store's physical address.
            ["Delivery:StoreAddress"] = "Jl. Kemang Raya 5, Jakarta 12730",
        };
        if (options.Dkim)
        {
            settings["Email:Dkim:Domain"] = "allnimall.test";
            settings["Email:Dkim:Selector"] = "bench";
            settings["Email:Dkim:PrivateKeyPem"] = rsa.ExportRSAPrivateKeyPem();
        }
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>(a) The spec's send: per customer, render, build the message, open a connection, send, quit.</summary>
    private static async Task<TimeSpan> NaiveAsync(BenchmarkDatabase database, MessageTemplateRenderer renderer, int port, int sample)
    {
        await using var db = database.CreateDbContext();
        var stopwatch = Stopwatch.StartNew();
        var customers = await db.Customers.AsNoTracking().Where(c => c.ExternalId.StartsWith("c")).OrderBy(c => c.Id).Take(sample)
            .Select(c => new MessageCustomer(c.FirstName, c.LastName, c.Email, c.Phone, c.City, c.Region, c.Country)).ToListAsync();
        var store = new MessageStore("Allnimall Pet Store", null, null);
        foreach (var customer in customers)
        {
            var model = new MessageModel(customer, store, new MessageCampaign("Benchmark promo"));
            var html = await renderer.RenderAsync(Body, model, MessageFormat.Html);
            var message = Message(await renderer.RenderAsync(Subject, model, MessageFormat.Text), html, customer.Email!);
            using var client = new SmtpClient { LocalDomain = "bench.allnimall.test" };
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }
        return stopwatch.Elapsed;
    }

    /// <summary>(b) The machine's limit: <paramref name="connections"/> connected clients sending one prebuilt message.</summary>
    private static async Task<TimeSpan> RawAsync(int port, int connections, int count)
    {
        var next = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            // One message per connection: a MimeMessage's content streams are not safe to write from two threads at once.
            var message = Message("Customer1, treats for your pet in Jakarta", RawBody, "c1@example.com");
            using var client = new SmtpClient { LocalDomain = "bench.allnimall.test" };
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
            while (Interlocked.Increment(ref next) <= count) await client.SendAsync(message);
            await client.DisconnectAsync(true);
        })));
        return stopwatch.Elapsed;
    }

    private static MimeMessage Message(string subject, string html, string to)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(new MailboxAddress("Allnimall", From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder { HtmlBody = html, TextBody = HtmlToText.Convert(html) }.ToMessageBody();
        return message;
    }

    /// <summary>(c) Launch, then the dispatcher loop as DispatchDeliveriesJob runs it, until nothing is due.</summary>
    private static async Task<(Guid CampaignId, TimeSpan Elapsed, int Batches)> PipelineAsync(
        ServiceProvider provider, BenchmarkDatabase database, Guid segment, string adminId, int batchSize)
    {
        var campaignId = await CampaignSendBenchmark.EmailCampaignAsync(database, segment, adminId, Subject, Body);
        await using var scope = provider.CreateAsyncScope();
        var launched = await scope.ServiceProvider.GetRequiredService<CampaignLauncher>().LaunchAsync(campaignId);
        if (launched.Outcome != LaunchOutcome.Launched) throw new InvalidOperationException($"Launch: {launched}");
        var dispatcher = scope.ServiceProvider.GetRequiredService<DeliveryDispatcher>();
        var batches = 0;
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var result = await dispatcher.RunOnceAsync(batchSize);
            if (result.Claimed == 0) return (campaignId, stopwatch.Elapsed, batches);
            if (result.Sent != result.Claimed) throw new InvalidOperationException($"Batch {batches}: {result}");
            batches++;
        }
    }

    /// <summary>Every delivery sent with its provider id, an email_sent engagement row and its stored links.</summary>
    private static async Task VerifyAsync(BenchmarkDatabase database, Guid campaignId, int expected)
    {
        await using var db = database.CreateDbContext();
        var deliveries = db.CampaignDeliveries.Where(d => d.CampaignId == campaignId);
        var sent = await deliveries.CountAsync(d => d.Status == DeliveryStatus.Sent && d.ProviderMessageId != null);
        var engagement = await db.CustomerEngagement.CountAsync(e => e.CampaignId == campaignId && e.EngagementType == EngagementTypes.EmailSent);
        var links = await db.EmailLinks.CountAsync(l => deliveries.Any(d => d.Id == l.DeliveryId));
        if (sent != expected || engagement != expected || links != expected * LinksPerEmail)
            throw new InvalidOperationException($"Expected {expected} sent deliveries and engagement rows and {expected * LinksPerEmail} links; got {sent}, {engagement}, {links}.");
    }

    /// <summary>This process's CPU time (all threads; the in-process sink included) spent in each path.</summary>
    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    internal sealed record CpuTimes(TimeSpan Naive, TimeSpan Raw, TimeSpan Pipeline);

    internal sealed record Result(EmailBenchOptions Options, TimeSpan Naive, TimeSpan Raw, TimeSpan Pipeline, int Batches, CpuTimes Cpu,
        TrackingLoad.Result? Tracking, string Load, string LoadAfterSend, string LoadAtEnd)
    {
        public double NaiveRate => Options.NaiveSample / Naive.TotalSeconds;
        public double RawRate => Options.Messages / Raw.TotalSeconds;
        public double PipelineRate => Options.Messages / Pipeline.TotalSeconds;
        public bool PipelineMeetsTarget => PipelineRate >= 1_000 && PipelineRate >= 0.7 * RawRate;
    }
}
