using System.Runtime.InteropServices;

namespace Allnimall.Marketing.Benchmarks.Email;

/// <summary>The "email" section of BENCHMARKS.md.</summary>
internal static class EmailBenchmarkReport
{
    public static string Markdown(EmailBenchmark.Result r)
    {
        var o = r.Options;
        var args = r.Options.Arguments.Length == 0 ? "" : " " + string.Join(' ', r.Options.Arguments);
        var share = r.PipelineRate / r.RawRate;
        return $"""
            ## email: {o.Messages:N0} personalised emails over SMTP on loopback, and the tracking endpoints under load

            Command: `dotnet run -c Release --project Allnimall.Marketing.Benchmarks -- email{args}`
            (the tracking part needs `wrk`: `sudo apt-get install -y wrk` on Debian/Ubuntu; `--no-tracking` skips it).

            Machine: {Environment.ProcessorCount} cores ({Machine.CpuModel()}), {RuntimeInformation.OSDescription}, .NET {Environment.Version};
            run on {DateTime.UtcNow:yyyy-MM-dd}. Load average at the start {r.Load}, after the sends {r.LoadAfterSend}, at the end {r.LoadAtEnd}:
            the machine is shared with other builds and test runs, so repeated runs vary by some tens of percent.
            SMTP server: `SmtpSink` in the benchmark process on 127.0.0.1 — a minimal ESMTP server (PIPELINING, replies
            written in one flush per pipelined group) that keeps only counts, so it costs little next to the sender; it
            checked that every pipeline message arrived with a DKIM-Signature. Store: a fresh SQLite file (WAL, as the app)
            with {o.Messages:N0} customers with email consent in one static segment. The email: a Liquid subject and an HTML body
            with the customer's name and city, the store name, {2} tracked links and the unsubscribe link.
            Every path was warmed up first (a few messages each; a {o.WarmUp:N0}-customer campaign for the pipeline).

            | Path | What runs | Messages | Rate | Time |
            |---|---|---:|---:|---:|
            | (a) the spec's way | per customer: Liquid render, MIME build, new `SmtpClient`, connect, send, QUIT (no tracking, no DKIM, no bookkeeping) | {o.NaiveSample:N0} (sample) | {r.NaiveRate:N0}/s | {r.Naive.TotalSeconds:F2} s (extrapolated to {o.Messages:N0}: {o.Messages / r.NaiveRate:F1} s) |
            | (b) raw MailKit | {o.PoolSize} connected `SmtpClient`s (the pipeline's `Email:Smtp:PoolSize`), one prebuilt message, no personalisation | {o.Messages:N0} | {r.RawRate:N0}/s | {r.Raw.TotalSeconds:F2} s |
            | (c) our pipeline | campaign launched, then `DeliveryDispatcher.RunOnceAsync({o.BatchSize})` until nothing is due ({r.Batches} batches): claim, suppression and frequency-cap checks, Liquid render, tracking (signed click links stored, open pixel, List-Unsubscribe), MIME build, DKIM (rsa-sha256, 2048-bit key), SMTP over the pool of {o.PoolSize}, delivery rows and `email_sent` engagement rows | {o.Messages:N0} | **{r.PipelineRate:N0}/s** | {r.Pipeline.TotalSeconds:F2} s |

            (c) against the issue's targets: at least 1,000 messages/s: {(r.PipelineRate >= 1_000 ? "met" : "**not met**")} ({r.PipelineRate:N0}/s);
            at least 70% of (b): {(share >= 0.7 ? "met" : "**not met**")} ({share:P0}). (c) vs (a): {r.PipelineRate / r.NaiveRate:F1}×.
            The relay's rate (`Email:Smtp:MessagesPerSecond`) was set to 1,000,000 for the run, so the figure is the pipeline's own
            limit; in production the relay's rate is the limit. Every run checks that all {o.Messages:N0} deliveries ended `sent`
            with a provider message id, one `email_sent` engagement row and their {2} stored links each.

            {Tracking(r.Tracking)}
            """;
    }

    private static string Tracking(TrackingLoad.Result? t)
    {
        if (t is null) return "Tracking endpoints: not measured in this run (`--no-tracking`).";
        return $"""
            ### Tracking endpoints under load

            `{t.WrkVersion}`, `wrk -t2 -c50 -d{t.Seconds:F0}s` on the same machine against the real app (Kestrel on 127.0.0.1,
            Production environment, background schedules off) on the database above; a Lua script walks {t.Tokens:N0} signed
            tokens, alternating `GET /t/o/<token>` (open pixel) and `GET /t/c/<token>` (click: stored link lookup, 302).

            | Figure | Result | Target |
            |---|---:|---|
            | Requests/s | **{t.RequestsPerSecond:N0}** ({t.Requests:N0} in {t.Seconds:F1} s) | ≥ 10,000: {(t.RequestsPerSecond >= 10_000 ? "met" : "**not met**")} |
            | Latency p50 / p90 / p99 / max | {t.P50Ms:F2} / {t.P90Ms:F2} / **{t.P99Ms:F2}** / {t.MaxMs:F1} ms | p99 < 50 ms: {(t.P99Ms < 50 ? "met" : "**not met**")} |
            | Events stored | {t.Stored:N0} of {t.Expected:N0} answered requests ({t.StatusErrors:N0} non-2xx/3xx, {t.SocketErrors:N0} socket errors, {t.Dropped:N0} dropped by the recorder) | every event: {(t.AllStored ? "met" : "**not met**")} |
            | Writer caught up after the load stopped | {t.CatchUp.TotalMilliseconds:N0} ms | ≤ 1 s: {(t.CatchUp <= TimeSpan.FromSeconds(1) ? "met" : "**not met**")} |

            The endpoints only verify the token (HMAC) and, for a click, read the stored link; the event goes into a bounded
            in-memory channel that `TrackingRecorderService` drains in batches (one bulk insert per up to 1,000 events). Not
            measured here: the events at risk in a crash (those still in the channel: at this rate the writer's backlog is the
            catch-up time above).
            """;
    }
}
