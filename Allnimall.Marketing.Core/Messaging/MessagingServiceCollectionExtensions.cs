using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Core.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The Liquid renderer (a singleton: it caches parsed templates; limits bind from "Messaging:Templates") and the outbox reader.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessageTemplateOptions>()
            .Bind(configuration.GetSection("Messaging:Templates"))
            .Validate(o => o.MaxSteps > 0 && o.MaxRecursion > 0 && o.MaxTemplateLength > 0 && o.MaxTagLength > 0
                && o.MaxNesting > 0 && o.MaxOutputLength > 0 && o.MaxCachedTemplates > 0, "Messaging:Templates limits must be positive")
            .ValidateOnStart();
        services.AddSingleton<MessageTemplateRenderer>();
        services.AddScoped<OutboxQueryService>();
        return services;
    }
}
