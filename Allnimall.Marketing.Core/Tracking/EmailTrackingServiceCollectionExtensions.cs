using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Core.Tracking;

public static class EmailTrackingServiceCollectionExtensions
{
    /// <summary>
    /// Token signing, the composition step around the registered transport, the tracking recorder and its writer, the
    /// unsubscribe service and the rollup job (settings from "Email:Tracking"). Call after every transport is registered:
    /// it wraps the last <see cref="IChannelTransport"/> registration.
    /// </summary>
    public static IServiceCollection AddEmailTracking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailTrackingOptions>()
            .Bind(configuration.GetSection("Email:Tracking"))
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "Email:Tracking:BaseUrl must be an absolute http(s) URL")
            .Validate(o => o.TokenLifetime >= TimeSpan.FromDays(60), "Email:Tracking:TokenLifetime must be at least 60 days")
            .Validate(o => o.SigningKeys.All(k => IsKey(k.Secret)) && o.SigningKeys.Select(k => k.Id).Distinct().Count() == o.SigningKeys.Count,
                "Email:Tracking:SigningKeys need distinct ids and base64 secrets of at least 32 bytes")
            .Validate(o => o.RecorderCapacity > 0 && o.RecorderBatchSize > 0, "Email:Tracking recorder sizes must be positive")
            .ValidateOnStart();
        services.AddSingleton<TrackingTokenSigner>();
        services.AddSingleton<EmailTrackingComposer>();
        services.AddSingleton<TrackingEventWriter>();
        services.AddSingleton<TrackingRecorder>();
        services.AddHostedService<TrackingRecorderService>();
        services.AddSingleton<EmailLinkResolver>();
        services.AddScoped<EmailUnsubscribeService>();
        services.AddScoped<EmailResultsService>();
        services.AddScoped<CampaignPerformanceRollup>();
        services.AddTransient<RollupCampaignPerformanceJob>();
        DecorateTransport(services);
        return services;
    }

    private static void DecorateTransport(IServiceCollection services)
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0 && index < 0; i--)
            if (services[i].ServiceType == typeof(IChannelTransport) && !services[i].IsKeyedService) index = i;
        if (index < 0) throw new InvalidOperationException("Register a channel transport before AddEmailTracking.");
        var inner = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(IChannelTransport), sp => Wrap(sp, Create(sp, inner)), inner.Lifetime);
    }

    private static IChannelTransport Create(IServiceProvider sp, ServiceDescriptor inner) =>
        (IChannelTransport)(inner.ImplementationInstance
            ?? inner.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!));

    /// <summary>A batch-capable transport keeps batch hand-over (the dispatcher checks for <see cref="IBatchChannelTransport"/>).</summary>
    private static IChannelTransport Wrap(IServiceProvider sp, IChannelTransport inner) => inner is IBatchChannelTransport batch
        ? ActivatorUtilities.CreateInstance<BatchTrackingTransport>(sp, batch)
        : ActivatorUtilities.CreateInstance<TrackingTransport>(sp, inner);

    private static bool IsKey(string secret)
    {
        Span<byte> buffer = stackalloc byte[512];
        return Convert.TryFromBase64String(secret, buffer, out var length) && length >= 32;
    }
}
