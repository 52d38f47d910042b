using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Settings;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// "Email" settings, the transport router (before <c>AddCampaignDelivery</c>, whose outbox default it replaces), the SMTP
    /// transport and its connection pool, the suppression list and the bounce mailbox job. With SMTP, the relay's
    /// <see cref="SmtpOptions.MessagesPerSecond"/> paces email unless Delivery:EmailPerSecond is set.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.From) && RecipientAddress.Email(o.From) is not null, "Email:From must be one email address")
            .Validate(o => o.Transport != EmailTransportKind.Smtp || (!string.IsNullOrWhiteSpace(o.Smtp.Host) && o.Smtp.Port is > 0 and < 65536
                && o.Smtp.PoolSize is > 0 and <= 32 && o.Smtp.MessagesPerSecond > 0 && o.Smtp.Timeout > TimeSpan.Zero),
                "Email:Smtp needs Host, a Port, PoolSize 1..32, MessagesPerSecond > 0 and a Timeout")
            .Validate(o => !o.Bounces.Enabled || (o.Bounces.Port is > 0 and < 65536 && o.Bounces.IntervalMinutes > 0
                && o.Bounces.SoftBounceLimit > 0 && o.Bounces.SoftBounceWindowDays > 0 && o.Bounces.MaxMessagesPerRun > 0),
                "Email:Bounces settings are out of range")
            .Validate(o => DkimIsOffOrLoads(o.Dkim), "Email:Dkim needs Domain, Selector and a readable RSA private key (PrivateKeyPem or PrivateKeyPath), or none of them")
            .ValidateOnStart();
        // A fresh EmailOptions (not the cached one): DeliveryOptions is recomputed when Settings → Email saves a new rate.
        services.AddOptions<DeliveryOptions>().PostConfigure<IOptionsFactory<EmailOptions>>((delivery, emailFactory) =>
        {
            var email = emailFactory.Create(Options.DefaultName);
            if (email.Transport == EmailTransportKind.Smtp && delivery.EmailPerSecond <= 0)
                delivery.EmailPerSecond = email.Smtp.MessagesPerSecond;
        });
        AddEmailSettings(services);
        services.AddSingleton<EmailMessageBuilder>();
        services.AddSingleton<SmtpConnectionPool>();
        services.AddScoped<SmtpTransport>();
        services.AddScoped<OutboxTransport>();
        services.TryAddScoped<IChannelTransport, ChannelTransportRouter>();
        services.AddScoped<EmailSuppressionService>();
        services.AddScoped<BounceProcessor>();
        services.AddScoped<ComplaintRateGuard>();
        services.TryAddSingleton<IBounceMailboxOpener, MailKitBounceMailboxOpener>();
        services.AddTransient<ProcessBouncesJob>();
        return services;
    }

    /// <summary>
    /// Settings → Email: the saved row is laid over configuration by a post-configure step, and a save fires the change
    /// token both options monitors listen to, so consumers reading <see cref="IOptionsMonitor{TOptions}"/> see it at once.
    /// </summary>
    private static void AddEmailSettings(IServiceCollection services)
    {
        services.TryAddSingleton<EmailSettingsStore>();
        services.AddSingleton<EmailSettingsPostConfigure>();
        services.AddSingleton<IPostConfigureOptions<EmailOptions>>(sp => sp.GetRequiredService<EmailSettingsPostConfigure>());
        services.AddSingleton<IPostConfigureOptions<DeliveryOptions>>(sp => sp.GetRequiredService<EmailSettingsPostConfigure>());
        services.AddSingleton<IOptionsChangeTokenSource<EmailOptions>, EmailSettingsChangeTokenSource<EmailOptions>>();
        services.AddSingleton<IOptionsChangeTokenSource<DeliveryOptions>, EmailSettingsChangeTokenSource<DeliveryOptions>>();
        services.AddSingleton<EmailConnectionProbe>();
        services.AddScoped<EmailSettingsService>();
    }

    // A DKIM setting half filled in, or a key that does not load, stops the start instead of failing every send.
    private static bool DkimIsOffOrLoads(Dkim.DkimOptions dkim)
    {
        var any = !string.IsNullOrWhiteSpace(dkim.Domain) || !string.IsNullOrWhiteSpace(dkim.Selector)
            || !string.IsNullOrWhiteSpace(dkim.PrivateKeyPem) || !string.IsNullOrWhiteSpace(dkim.PrivateKeyPath);
        if (!any) return true;
        if (!dkim.Enabled) return false;
        try
        {
            _ = new Dkim.DkimMessageSigner(dkim);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException
            or InvalidOperationException or NotSupportedException or Org.BouncyCastle.Security.SecurityUtilityException
            or System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
