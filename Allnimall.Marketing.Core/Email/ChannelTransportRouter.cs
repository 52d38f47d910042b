using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Email;

/// <summary>
/// The registered <see cref="IChannelTransport"/>: email goes over SMTP when <c>Email:Transport</c> is <c>Smtp</c>;
/// everything else (email in Development and demos, SMS, social posts) goes to the outbox. Campaign sends and "send
/// test" both resolve this, so a test travels the way the campaign will.
/// </summary>
public sealed class ChannelTransportRouter(OutboxTransport outbox, IServiceProvider services, IOptions<EmailOptions> options) : IChannelTransport
{
    public Task<TransportResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return For(message.Channel).SendAsync(message, cancellationToken);
    }

    /// <summary>The transport that carries <paramref name="channel"/>.</summary>
    public IChannelTransport For(DeliveryChannel channel) =>
        channel == DeliveryChannel.Email && options.Value.Transport == EmailTransportKind.Smtp
            ? services.GetRequiredService<SmtpTransport>()
            : outbox;
}
