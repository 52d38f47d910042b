using Coravel;

namespace Allnimall.Marketing.Web.Hosting;

/// <summary>Every Coravel schedule, in one place. Jobs read "now" from TimeProvider and keep their state in the database.</summary>
public static class SchedulingExtensions
{
    public static WebApplication UseMarketingSchedules(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Scheduler");
        app.Services.UseScheduler(scheduler =>
            {
            })
            // Coravel otherwise skips a failed run silently.
            .OnError(ex => logger.LogError(ex, "A scheduled job failed"));
        return app;
    }
}
