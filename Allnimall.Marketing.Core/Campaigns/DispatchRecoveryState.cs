namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Whether this process has already run <see cref="DeliveryDispatcher.RecoverAsync"/> (singleton: once per process,
/// before the first dispatch; a new process recovers again, which is the point).
/// </summary>
public sealed class DispatchRecoveryState
{
    private int recovered;

    internal bool TryBegin() => Interlocked.Exchange(ref recovered, 1) == 0;

    /// <summary>A failed recovery is tried again on the next run.</summary>
    internal void Failed() => Interlocked.Exchange(ref recovered, 0);
}
