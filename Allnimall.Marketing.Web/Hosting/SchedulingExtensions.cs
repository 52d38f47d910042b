using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Core.Subscription;
using Allnimall.Marketing.Core.Tracking;
using Coravel;

namespace Allnimall.Marketing.Web.Hosting;

/// <summary>Every Coravel schedule, in one place. Jobs read "now" from TimeProvider and keep their state in the database.</summary>
public static class SchedulingExtensions
{
    public static WebApplication UseMarketingSchedules(this WebApplication app)
    {
        // Tests that drive services themselves switch the background jobs off (Scheduling:Enabled=false), so a job
        // firing at start cannot race the state a test asserts; the jobs have tests of their own.
        if (!app.Configuration.GetValue("Scheduling:Enabled", true)) return app;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Scheduler");
        var bounces = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value.Bounces;
        app.Services.UseScheduler(scheduler =>
            {
                // Hourly: a new month's usage starts within the hour, and an add-on past its end date shows as expired.
                scheduler.Schedule<RollSubscriptionPeriodJob>().Hourly().RunOnceAtStart()
                    .PreventOverlapping(nameof(RollSubscriptionPeriodJob));
                // Every five minutes the job looks for dynamic segments older than Segments:RefreshIntervalMinutes.
                // Its own worker, so a slow refresh never delays other schedules.
                scheduler.OnWorker("segments");
                scheduler.Schedule<RecalculateSegmentsJob>().EveryFiveMinutes().RunOnceAtStart()
                    .PreventOverlapping(nameof(RecalculateSegmentsJob));
                // Campaigns: due launches and end dates every minute; sending every five seconds (one run keeps claiming
                // batches for up to Delivery:DispatchRunTime). Both read what to do from the database on every run.
                scheduler.OnWorker("campaigns");
                scheduler.Schedule<RunDueCampaignsJob>().EveryMinute().RunOnceAtStart()
                    .PreventOverlapping(nameof(RunDueCampaignsJob));
                scheduler.Schedule<DispatchDeliveriesJob>().EveryFiveSeconds().RunOnceAtStart()
                    .PreventOverlapping(nameof(DispatchDeliveriesJob));
                // The bounce mailbox every IntervalMinutes (a cron step; an hour or more runs hourly). Always scheduled: the
                // host can be set later in Settings → Email, and a run without one returns at once.
                scheduler.OnWorker("email");
                var every = scheduler.Schedule<ProcessBouncesJob>();
                var minutes = Math.Max(1, bounces.IntervalMinutes);
                var timing = minutes < 60 ? every.Cron($"*/{minutes} * * * *") : every.Hourly();
                timing.PreventOverlapping(nameof(ProcessBouncesJob));
                // Email results: daily rollups of recently active campaigns, recomputed from the events every minute.
                scheduler.OnWorker("tracking");
                scheduler.Schedule<RollupCampaignPerformanceJob>().EveryMinute()
                    .PreventOverlapping(nameof(RollupCampaignPerformanceJob));
            })
            // Coravel otherwise skips a failed run silently.
            .OnError(ex => logger.LogError(ex, "A scheduled job failed"));
        return app;
    }
}
