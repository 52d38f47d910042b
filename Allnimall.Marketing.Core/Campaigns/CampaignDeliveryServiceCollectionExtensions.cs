using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Allnimall.Marketing.Core.Campaigns;

public static class CampaignDeliveryServiceCollectionExtensions
{
    /// <summary>Launcher, dispatcher, their scheduled jobs and the embedded outbox transport (a real transport registered first wins).</summary>
    public static IServiceCollection AddCampaignDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection("Delivery"))
            .Validate(o => o.ClaimLease > TimeSpan.Zero && o.MaxAttempts > 0 && o.BaseRetryDelay > TimeSpan.Zero
                && o.MaxRetryDelay >= o.BaseRetryDelay && !string.IsNullOrWhiteSpace(o.StoreName)
                && o.DispatchBatchSize > 0 && o.DispatchRunTime > TimeSpan.Zero && o.EmailPerSecond >= 0 && o.SmsPerSecond >= 0 && o.SocialPerSecond >= 0
                && o.FrequencyCapMessages >= 0 && o.FrequencyCapDays > 0
                && PacedBatchFitsLease(o, o.EmailPerSecond) && PacedBatchFitsLease(o, o.SmsPerSecond) && PacedBatchFitsLease(o, o.SocialPerSecond), "Delivery settings are out of range")
            .ValidateOnStart();
        services.TryAddScoped<IChannelTransport, OutboxTransport>();
        services.AddScoped<CampaignLauncher>();
        services.AddScoped<Checklist.EmailLaunchChecklist>();
        services.AddScoped<DeliveryDispatcher>();
        services.AddSingleton<DeliveryPacer>();
        services.AddSingleton<DispatchRecoveryState>();
        services.AddTransient<RunDueCampaignsJob>();
        services.AddTransient<DispatchDeliveriesJob>();
        return services;
    }

    // A paced batch must be sent before its claim lease runs out, or a restart would count its tail as in flight.
    private static bool PacedBatchFitsLease(DeliveryOptions o, double perSecond) =>
        perSecond <= 0 || o.DispatchBatchSize / perSecond < o.ClaimLease.TotalSeconds;
}
