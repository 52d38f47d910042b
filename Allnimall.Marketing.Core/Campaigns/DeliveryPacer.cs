using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>
/// Spaces hand-overs to the transport per channel (<see cref="DeliveryOptions.EmailPerSecond"/>,
/// <see cref="DeliveryOptions.SmsPerSecond"/>, <see cref="DeliveryOptions.SocialPerSecond"/>): each send reserves the
/// next free slot, one interval after the previous one, and waits for it on the <see cref="TimeProvider"/>. A provider
/// that throttles holds its channel (<see cref="Hold"/>) until its "retry after" has passed. One instance per process
/// (singleton), so every dispatcher in the process shares the rate.
/// </summary>
public sealed class DeliveryPacer
{
    private readonly IOptionsMonitor<DeliveryOptions> options;
    private readonly TimeProvider clock;
    private readonly Func<TimeSpan, CancellationToken, Task> delay;
    private readonly Lock gate = new();
    private readonly Dictionary<DeliveryChannel, DateTimeOffset> nextSlot = [];
    private readonly Dictionary<DeliveryChannel, DateTimeOffset> heldUntil = [];

    public DeliveryPacer(IOptionsMonitor<DeliveryOptions> options, TimeProvider clock)
        : this(options, clock, (wait, ct) => Task.Delay(wait, clock, ct)) { }

    /// <summary>Tests pass a <paramref name="delay"/> that advances a fake clock instead of waiting for it.</summary>
    internal DeliveryPacer(IOptionsMonitor<DeliveryOptions> options, TimeProvider clock, Func<TimeSpan, CancellationToken, Task> delay)
    {
        this.options = options;
        this.clock = clock;
        this.delay = delay;
    }

    /// <summary>Whether <paramref name="channel"/> has a rate limit (its messages are handed over one at a time).</summary>
    public bool IsPaced(DeliveryChannel channel) => PerSecond(channel) > 0;

    /// <summary>
    /// How many messages of <paramref name="channel"/> may go to a batch-capable transport in one hand-over: the rate's
    /// share of <see cref="BurstWindow"/> (at least 1), or all of them when the channel is not paced. At 50 emails/s that
    /// is 5 at a time; at a relay's 1,000/s, 100 — one database round trip per group instead of per message.
    /// </summary>
    public int GroupSize(DeliveryChannel channel)
    {
        var perSecond = PerSecond(channel);
        return perSecond <= 0 ? int.MaxValue : (int)Math.Clamp(Math.Floor(perSecond * BurstWindow.TotalSeconds), 1, int.MaxValue);
    }

    /// <summary>A paced channel hands over at most its rate's worth of this window at once (see <see cref="GroupSize"/>).</summary>
    public static readonly TimeSpan BurstWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns when a message on <paramref name="channel"/> may be handed to the transport.</summary>
    public ValueTask WaitTurnAsync(DeliveryChannel channel, CancellationToken ct) => WaitTurnAsync(channel, 1, ct);

    /// <summary>
    /// Reserves the next <paramref name="count"/> slots of <paramref name="channel"/> and returns when the last of them is
    /// due, so a group handed over at once never runs ahead of the rate.
    /// </summary>
    public async ValueTask WaitTurnAsync(DeliveryChannel channel, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var perSecond = PerSecond(channel);
        if (perSecond <= 0) return;
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        TimeSpan wait;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var slot = nextSlot.TryGetValue(channel, out var next) && next > now ? next : now;
            nextSlot[channel] = slot + interval * count;
            wait = slot + interval * (count - 1) - now;
        }
        if (wait > TimeSpan.Zero) await delay(wait, ct);
    }

    // Read per send: a rate saved in Settings → Email applies to the next message.
    private double PerSecond(DeliveryChannel channel)
    {
        var settings = options.CurrentValue;
        return channel switch
        {
            DeliveryChannel.Email => settings.EmailPerSecond,
            DeliveryChannel.Sms => settings.SmsPerSecond,
            DeliveryChannel.Social => settings.SocialPerSecond,
            _ => 0,
        };
    }

    /// <summary>The provider of <paramref name="channel"/> asked us to wait: nothing goes to it before <paramref name="until"/>.</summary>
    public void Hold(DeliveryChannel channel, DateTimeOffset until)
    {
        lock (gate)
            if (!heldUntil.TryGetValue(channel, out var current) || current < until) heldUntil[channel] = until;
    }

    /// <summary>When <paramref name="channel"/> may be used again, or null when it is not held.</summary>
    public DateTimeOffset? HeldUntil(DeliveryChannel channel)
    {
        lock (gate)
            return heldUntil.TryGetValue(channel, out var until) && until > clock.GetUtcNow() ? until : null;
    }
}
