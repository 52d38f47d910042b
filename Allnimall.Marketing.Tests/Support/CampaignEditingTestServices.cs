using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Segments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Support;

public static class CampaignEditingTestServices
{
    /// <summary>
    /// The app's own registrations of segments, messaging, delivery (with the outbox transport), the campaign service and
    /// campaign editing (preview, test send, templates, store time zone) over a test database and its clock.
    /// </summary>
    public static IServiceCollection AddCampaignEditingOver(this IServiceCollection services, SqliteTestDatabase database,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        services.AddLogging();
        services.AddSingleton<IDbContextFactory<MarketingDbContext>>(database);
        services.AddSingleton(database.Clock);
        services.AddSegments(configuration);
        services.AddMessaging(configuration);
        services.AddCampaignDelivery(configuration);
        services.AddScoped<CampaignService>();
        services.AddCampaignEditing(configuration);
        return services;
    }

    public static ServiceProvider CampaignEditingServices(this SqliteTestDatabase database, IReadOnlyDictionary<string, string?>? settings = null) =>
        new ServiceCollection().AddCampaignEditingOver(database, settings).BuildServiceProvider(validateScopes: false);
}
