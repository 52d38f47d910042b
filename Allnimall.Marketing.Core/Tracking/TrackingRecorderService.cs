using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// Writes buffered tracking events as they arrive, a batch at a time. On shutdown it stops accepting events and drains
/// the buffer before the host stops, so no accepted open or click is lost on a clean stop.
/// </summary>
public sealed class TrackingRecorderService(TrackingRecorder recorder, ILogger<TrackingRecorderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await recorder.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    // Not cancelled by the stop: a batch taken from the buffer is written, not lost halfway.
                    await recorder.DrainAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failed batch is lost rather than retried forever; the next batch may well succeed.
                    logger.LogError(e, "Writing tracking events failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through to the final drain.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        recorder.Complete();
        var written = await recorder.DrainAsync(CancellationToken.None);
        if (written > 0) logger.LogInformation("Wrote {Count} tracking events at shutdown", written);
    }
}
