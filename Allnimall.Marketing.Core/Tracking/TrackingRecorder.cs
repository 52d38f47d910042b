using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// The buffer between the tracking endpoints and the database: a bounded channel the endpoints write to without
/// waiting, drained in batches by <see cref="TrackingRecorderService"/>. A full buffer drops the event and counts it
/// (<see cref="Dropped"/>) rather than hold a response; a clean shutdown drains everything already accepted.
/// </summary>
public sealed class TrackingRecorder(IOptions<EmailTrackingOptions> options, TrackingEventWriter writer)
{
    private readonly Channel<TrackingEvent> _channel = Channel.CreateBounded<TrackingEvent>(
        new BoundedChannelOptions(options.Value.RecorderCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false });
    private readonly SemaphoreSlim _draining = new(1, 1);
    private readonly int _batchSize = options.Value.RecorderBatchSize;
    private long _dropped;

    /// <summary>Events refused because the buffer was full or the recorder had stopped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool TryRecord(TrackingEvent trackingEvent)
    {
        if (_channel.Writer.TryWrite(trackingEvent)) return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    internal ValueTask<bool> WaitToReadAsync(CancellationToken ct) => _channel.Reader.WaitToReadAsync(ct);

    /// <summary>No more events are accepted (shutdown); what is buffered can still be drained.</summary>
    internal void Complete() => _channel.Writer.TryComplete();

    /// <summary>Writes everything buffered now, in batches; returns the number of events written.</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        await _draining.WaitAsync(ct);
        try
        {
            var written = 0;
            var batch = new List<TrackingEvent>(_batchSize);
            while (true)
            {
                batch.Clear();
                while (batch.Count < _batchSize && _channel.Reader.TryRead(out var next)) batch.Add(next);
                if (batch.Count == 0) return written;
                await writer.WriteAsync(batch, ct);
                written += batch.Count;
            }
        }
        finally
        {
            _draining.Release();
        }
    }
}
