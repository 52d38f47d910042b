using Allnimall.Marketing.Core;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Integration.Tracking;

public sealed class EmailTrackingRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Marketing"] = "Data Source=:memory:";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMarketingCore(configuration, Path.GetTempPath())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Fact]
    public void A_transport_registered_before_core_is_the_one_the_composition_step_wraps()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Marketing"] = "Data Source=:memory:" }).Build();
        var custom = new Integration.Campaigns.ScriptedTransport(_ => new TransportResult.Sent("x"));
        using var services = new ServiceCollection().AddLogging().AddSingleton<IChannelTransport>(custom)
            .AddMarketingCore(configuration, Path.GetTempPath()).BuildServiceProvider();
        using var scope = services.CreateScope();

        Assert.Same(custom, Assert.IsType<TrackingTransport>(scope.ServiceProvider.GetRequiredService<IChannelTransport>()).Inner);
    }

    [Fact]
    public void Configured_keys_sign_and_verify()
    {
        using var services = Build(new()
        {
            ["Email:Tracking:BaseUrl"] = "https://mail.toko.example",
            ["Email:Tracking:SigningKeys:0:Id"] = "2",
            ["Email:Tracking:SigningKeys:0:Secret"] = Convert.ToBase64String(new byte[32]),
        });
        var signer = services.GetRequiredService<TrackingTokenSigner>();
        var id = Guid.NewGuid();

        Assert.Equal(id, signer.Verify(signer.Sign(id, TrackingTokenKind.Open), TrackingTokenKind.Open)!.DeliveryId);
    }

    [Theory]
    [InlineData("Email:Tracking:BaseUrl", "javascript:alert(1)")]
    [InlineData("Email:Tracking:TokenLifetime", "30.00:00:00")]
    [InlineData("Email:Tracking:SigningKeys:0:Secret", "c2hvcnQ=")]
    [InlineData("Email:Tracking:RecorderCapacity", "0")]
    public void Unusable_settings_are_rejected(string key, string value)
    {
        using var services = Build(new() { [key] = value });
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<EmailTrackingOptions>>().Value);
    }
}
