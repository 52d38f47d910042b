using Allnimall.Marketing.Core;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Integration.Email;

public sealed class EmailRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Marketing"] = "Data Source=:memory:";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMarketingCore(configuration, Path.GetTempPath())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static Dictionary<string, string?> Smtp() => new()
    {
        ["Email:Transport"] = "Smtp", ["Email:Smtp:Host"] = "smtp.shop.example", ["Email:Smtp:Port"] = "587",
        ["Email:Smtp:Tls"] = "StartTls", ["Email:Smtp:MessagesPerSecond"] = "20", ["Email:Smtp:Password"] = "from-env",
    };

    [Fact]
    public void With_smtp_configured_email_goes_over_smtp_and_every_other_channel_to_the_outbox()
    {
        using var services = Build(Smtp());
        using var scope = services.CreateScope();

        // The email composition step (tracking) wraps the router; the router picks the transport per channel.
        var router = Assert.IsType<ChannelTransportRouter>(
            Assert.IsType<Allnimall.Marketing.Core.Tracking.BatchTrackingTransport>(scope.ServiceProvider.GetRequiredService<IChannelTransport>()).Inner);

        Assert.IsType<SmtpTransport>(router.For(DeliveryChannel.Email));
        Assert.IsType<OutboxTransport>(router.For(DeliveryChannel.Sms));
        Assert.IsType<OutboxTransport>(router.For(DeliveryChannel.Social));
        Assert.Equal("from-env", services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Password);
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ProcessBouncesJob>());
    }

    [Fact]
    public void The_relays_rate_paces_email_unless_delivery_sets_its_own()
    {
        using (var services = Build(Smtp()))
            Assert.Equal(20, services.GetRequiredService<IOptions<DeliveryOptions>>().Value.EmailPerSecond);

        var own = Smtp();
        own["Delivery:EmailPerSecond"] = "5";
        using (var services = Build(own))
            Assert.Equal(5, services.GetRequiredService<IOptions<DeliveryOptions>>().Value.EmailPerSecond);

        using (var outbox = Build([]))
            Assert.Equal(0, outbox.GetRequiredService<IOptions<DeliveryOptions>>().Value.EmailPerSecond);
    }

    [Theory]
    [InlineData("Email:Smtp:Host", "")]
    [InlineData("Email:Smtp:PoolSize", "0")]
    [InlineData("Email:Smtp:MessagesPerSecond", "0")]
    [InlineData("Email:From", "not an address")]
    [InlineData("Email:Dkim:Domain", "shop.example")] // half a DKIM setting
    public void Incomplete_smtp_settings_are_rejected(string key, string value)
    {
        var settings = Smtp();
        settings[key] = value;
        using var services = Build(settings);

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EmailOptions>>().Value);
    }

    [Theory]
    [InlineData("Email:Dkim:PrivateKeyPath", "/nonexistent/dkim.pem")]
    [InlineData("Email:Dkim:PrivateKeyPem", "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----")]
    [InlineData("Email:Dkim:PrivateKeyPem", "not a key at all")]
    public void A_dkim_key_that_does_not_load_stops_the_start(string key, string value)
    {
        var settings = Smtp();
        settings["Email:Dkim:Domain"] = "shop.example";
        settings["Email:Dkim:Selector"] = "mk1";
        settings[key] = value;
        using var services = Build(settings);

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EmailOptions>>().Value);
    }
}
