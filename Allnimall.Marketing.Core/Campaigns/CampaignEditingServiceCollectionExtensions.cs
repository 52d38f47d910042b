using Allnimall.Marketing.Core.Campaigns.Templates;
using Allnimall.Marketing.Core.Email.Content;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Allnimall.Marketing.Core.Campaigns;

public static class CampaignEditingServiceCollectionExtensions
{
    /// <summary>What the campaign form needs: the store's time zone ("Store:TimeZone"), previews, test sends and templates.</summary>
    public static IServiceCollection AddCampaignEditing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection("Store"))
            .Validate(o => StoreTimeZone.IsKnown(o.TimeZone), "Store:TimeZone must be an IANA time zone id this machine knows, e.g. Asia/Jakarta")
            .ValidateOnStart();
        services.AddSingleton<StoreTimeZone>();
        // The form offers the sender identities saved in Settings → Email (AddEmail registers the same store).
        services.TryAddSingleton<Email.Settings.EmailSettingsStore>();
        // One store, one time zone: 'now' in messages follows Store:TimeZone unless Messaging:Templates:TimeZoneId says otherwise.
        services.PostConfigure<MessageTemplateOptions>(o =>
        {
            if (configuration["Messaging:Templates:TimeZoneId"] is null && configuration["Store:TimeZone"] is { Length: > 0 } zone) o.TimeZoneId = zone;
        });
        services.AddSingleton<CampaignMessageRenderer>();
        services.AddScoped<CampaignPreviewService>();
        services.AddScoped<CampaignTestSender>();
        services.AddScoped<CampaignTemplateService>();
        services.AddEmailContent();
        return services;
    }
}
