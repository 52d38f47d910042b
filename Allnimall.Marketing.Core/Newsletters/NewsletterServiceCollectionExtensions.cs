using Allnimall.Marketing.Core.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Allnimall.Marketing.Core.Newsletters;

public static class NewsletterServiceCollectionExtensions
{
    /// <summary>
    /// The newsletter services. The confirmation email goes through the transport router itself (registered here as its
    /// own type too), not the tracking decorator around <c>IChannelTransport</c>: it is transactional, untracked.
    /// </summary>
    public static IServiceCollection AddNewsletters(this IServiceCollection services)
    {
        services.TryAddScoped<ChannelTransportRouter>();
        services.AddScoped<NewsletterService>();
        services.AddScoped<NewsletterSubscribeService>();
        return services;
    }
}
