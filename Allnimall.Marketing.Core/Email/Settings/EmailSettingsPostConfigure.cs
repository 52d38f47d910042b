using Allnimall.Marketing.Core.Campaigns;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Email.Settings;

/// <summary>
/// Lays the saved Settings → Email values (<see cref="EmailSettingsStore"/>) over what configuration bound, so every
/// consumer keeps reading <see cref="EmailOptions"/> and <see cref="DeliveryOptions"/>. Secrets (SMTP and mailbox
/// passwords, the DKIM key) are never in the row and always come from configuration.
/// </summary>
public sealed class EmailSettingsPostConfigure(EmailSettingsStore store) : IPostConfigureOptions<EmailOptions>, IPostConfigureOptions<DeliveryOptions>
{
    public void PostConfigure(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (store.Effective is not { } row) return;
        options.Transport = row.Transport;
        options.From = row.FromAddress;
        options.FromName = row.FromName;
        options.Smtp.Host = row.SmtpHost;
        options.Smtp.Port = row.SmtpPort;
        options.Smtp.Tls = row.SmtpTls;
        options.Smtp.User = row.SmtpUser;
        options.Smtp.MessagesPerSecond = row.SmtpMessagesPerSecond;
        options.Dkim.Domain = row.DkimDomain;
        options.Dkim.Selector = row.DkimSelector;
        options.Bounces.Protocol = row.BounceProtocol;
        options.Bounces.Host = row.BounceHost;
        options.Bounces.Port = row.BouncePort;
        options.Bounces.Tls = row.BounceTls;
        options.Bounces.User = row.BounceUser;
    }

    public void PostConfigure(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (store.Effective is not { } row) return;
        options.StoreName = row.StoreName;
        options.StoreAddress = row.StoreAddress;
        options.StoreUrl = row.StoreUrl;
    }
}
