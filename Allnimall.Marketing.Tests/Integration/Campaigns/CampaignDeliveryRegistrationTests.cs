using Allnimall.Marketing.Core;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

public sealed class CampaignDeliveryRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Marketing"] = "Data Source=:memory:";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMarketingCore(configuration, Path.GetTempPath())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Fact]
    public void Core_registers_the_launcher_the_dispatcher_and_the_outbox_as_default_transport()
    {
        using var services = Build(new() { ["Delivery:MaxAttempts"] = "7" });
        using var scope = services.CreateScope();

        // The email composition step (tracking) wraps the registered transport: the router, whose default is the outbox.
        var router = Assert.IsType<Allnimall.Marketing.Core.Email.ChannelTransportRouter>(
            Assert.IsType<Core.Tracking.BatchTrackingTransport>(scope.ServiceProvider.GetRequiredService<IChannelTransport>()).Inner);
        Assert.IsType<OutboxTransport>(router.For(DeliveryChannel.Email));
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<CampaignLauncher>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<DeliveryDispatcher>());
        Assert.Equal(7, services.GetRequiredService<IOptions<DeliveryOptions>>().Value.MaxAttempts);
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<RunDueCampaignsJob>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<DispatchDeliveriesJob>());
        Assert.Same(services.GetRequiredService<DeliveryPacer>(), scope.ServiceProvider.GetRequiredService<DeliveryPacer>());
    }

    [Theory]
    [InlineData("Delivery:MaxAttempts", "0")]
    [InlineData("Delivery:DispatchBatchSize", "0")]
    [InlineData("Delivery:SmsPerSecond", "-1")]
    [InlineData("Delivery:SocialPerSecond", "-1")]
    [InlineData("Delivery:FrequencyCapDays", "0")]
    [InlineData("Delivery:SmsPerSecond", "0.1")] // 100 per batch at 0.1/s takes longer than the 5-minute lease
    public void Out_of_range_delivery_settings_are_rejected(string key, string value)
    {
        using var services = Build(new() { [key] = value });
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DeliveryOptions>>().Value);
    }
}
