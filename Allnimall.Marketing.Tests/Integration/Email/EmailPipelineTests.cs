using System.Security.Cryptography;
using Allnimall.Marketing.Core;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Segments;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Allnimall.Marketing.Tests.Integration.Email;

/// <summary>
/// The production wiring (AddMarketingCore with Email:Transport=Smtp and DKIM): launcher → dispatcher → tracking
/// composition → router → SMTP, to the scripted loopback server. The List-Unsubscribe fields the composition step adds
/// arrive and are covered by a DKIM signature that verifies.
/// </summary>
public sealed class EmailPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly RSA Key = RSA.Create(2048);

    [Fact]
    public async Task A_launched_campaign_arrives_over_smtp_with_signed_list_unsubscribe_headers()
    {
        await using var server = new ScriptedSmtpServer();
        var dbPath = Path.Combine(Path.GetTempPath(), $"allnimall-pipeline-{Guid.NewGuid():N}.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Marketing"] = $"Data Source={dbPath};Pooling=False",
            ["Email:Transport"] = "Smtp", ["Email:From"] = "news@shop.example", ["Delivery:StoreAddress"] = "Jl. Kemang 5, Jakarta",
            ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Tls"] = "None", ["Email:Dkim:Domain"] = "shop.example", ["Email:Dkim:Selector"] = "mk1",
            ["Email:Dkim:PrivateKeyPem"] = Key.ExportRSAPrivateKeyPem(), ["Email:Tracking:BaseUrl"] = "https://mk.shop.example",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddMarketingCore(configuration, Path.GetTempPath()).BuildServiceProvider();
        try
        {
            var campaignId = await SeedAsync(dbPath);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CampaignLauncher>().LaunchAsync(campaignId, Ct);

            var result = await scope.ServiceProvider.GetRequiredService<DeliveryDispatcher>().RunOnceAsync(10, Ct);

            Assert.Equal(1, result.Sent);
            var message = Assert.Single(server.Accepted).Parse();
            Assert.Equal("Hi Ani", message.Subject);
            Assert.StartsWith("<https://mk.shop.example/", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            var signature = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
            Assert.Contains("list-unsubscribe:list-unsubscribe-post", signature.Value.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(),
                StringComparison.Ordinal);
            Assert.True(new DkimVerifier(new TestKeyLocator()).Verify(message, signature, Ct));
        }
        finally
        {
            foreach (var file in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
    }

    /// <summary>Migrates and seeds the file as the tests' SQLite databases do (the app's own context needs the web host's Identity options).</summary>
    private static async Task<Guid> SeedAsync(string dbPath)
    {
        var options = MarketingDbContextOptions.Standalone(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={dbPath};Pooling=False" }, TimeProvider.System);
        await using var db = new SqliteMarketingDbContext(options);
        await db.Database.MigrateAsync(Ct);
        var admin = new ApplicationUser { Id = Guid.NewGuid().ToString(), UserName = "admin@test", Email = "admin@test" };
        var ani = Campaigns.CampaignTestStore.Customer("Ani");
        var segment = new CustomerSegment { Name = "All", SegmentType = SegmentType.Static, SegmentCriteria = "{}", CreatedBy = admin.Id };
        var campaign = new Campaign
        {
            Name = "Cat week", CampaignType = CampaignType.Email, CreatedBy = admin.Id,
            TargetAudience = new CampaignAudience([segment.Id], []).ToJson(),
        };
        db.Users.Add(admin);
        db.Customers.Add(ani);
        db.CustomerSegments.Add(segment);
        db.SegmentCustomers.Add(new SegmentCustomer { SegmentId = segment.Id, CustomerId = ani.Id, AddedAt = DateTime.UtcNow });
        db.Campaigns.Add(campaign);
        db.EmailCampaigns.Add(new EmailCampaign
        {
            CampaignId = campaign.Id, Subject = "Hi {{ customer.first_name }}",
            EmailContent = "<p>Hello {{ customer.first_name }}, see <a href=\"https://shop.example/cats\">cats</a>. <a href=\"{{ unsubscribe_url }}\">Unsubscribe</a> {{ store.address }}</p>",
        });
        await db.SaveChangesAsync(Ct);
        return campaign.Id;
    }

    private sealed class TestKeyLocator : DkimPublicKeyLocatorBase
    {
        private static readonly AsymmetricKeyParameter PublicKey = PublicKeyFactory.CreateKey(Key.ExportSubjectPublicKeyInfo());

        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) => PublicKey;

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(PublicKey);
    }
}
