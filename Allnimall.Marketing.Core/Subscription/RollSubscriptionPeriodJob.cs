using Coravel.Invocable;
using Microsoft.Extensions.Logging;

namespace Allnimall.Marketing.Core.Subscription;

/// <summary>Resets the add-on's usage at the start of each month and expires it after its end date.</summary>
public sealed class RollSubscriptionPeriodJob(SubscriptionService subscriptions, ILogger<RollSubscriptionPeriodJob> logger)
    : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        var result = await subscriptions.RollPeriodAsync(CancellationToken);
        if (result.UsageReset) logger.LogInformation("Marketing add-on usage reset for the new month");
        if (result.Expired) logger.LogWarning("Marketing add-on subscription expired");
    }
}
