using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Integration.Campaigns;

/// <summary>Store:TimeZone: validated at start-up and shared by the campaign form and message rendering.</summary>
public sealed class CampaignEditingRegistrationTests : IAsyncLifetime
{
    private SqliteTestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await SqliteTestDatabase.CreateAsync();

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task The_store_zone_defaults_to_jakarta_and_messages_use_the_same_zone()
    {
        await using var services = database.CampaignEditingServices();

        Assert.Equal("Asia/Jakarta", services.GetRequiredService<StoreTimeZone>().Id);
        Assert.Equal("Asia/Jakarta", services.GetRequiredService<MessageTemplateRenderer>().TimeZone.Id);
    }

    [Fact]
    public async Task A_configured_store_zone_reaches_messages_unless_they_name_their_own()
    {
        await using var shared = database.CampaignEditingServices(new Dictionary<string, string?> { ["Store:TimeZone"] = "Asia/Makassar" });
        await using var own = database.CampaignEditingServices(new Dictionary<string, string?>
        {
            ["Store:TimeZone"] = "Asia/Makassar", ["Messaging:Templates:TimeZoneId"] = "UTC",
        });

        Assert.Equal("Asia/Makassar", shared.GetRequiredService<StoreTimeZone>().Id);
        Assert.Equal("Asia/Makassar", shared.GetRequiredService<MessageTemplateRenderer>().TimeZone.Id);
        Assert.Equal("UTC", own.GetRequiredService<IOptions<MessageTemplateOptions>>().Value.TimeZoneId);
    }

    [Fact]
    public async Task An_unknown_store_zone_fails_validation()
    {
        await using var services = database.CampaignEditingServices(new Dictionary<string, string?> { ["Store:TimeZone"] = "Mars/Olympus_Mons" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StoreOptions>>().Value);
        Assert.Contains("Store:TimeZone", error.Message);
    }
}
