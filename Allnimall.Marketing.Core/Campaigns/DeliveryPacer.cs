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

    /// <summary>Returns when a message on <paramref name="channel"/> may be handed to the transport.</summary>
    public async ValueTask WaitTurnAsync(DeliveryChannel channel, CancellationToken ct)
    {
        var perSecond = PerSecond(channel);
        if (perSecond <= 0) return;
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        TimeSpan wait;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var slot = nextSlot.TryGetValue(channel, out var next) && next > now ? next : now;
            nextSlot[channel] = slot + interval;
            wait = slot - now;
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
