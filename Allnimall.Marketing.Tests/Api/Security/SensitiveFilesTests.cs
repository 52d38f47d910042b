using System.Net;
using Allnimall.Marketing.Core;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Api.Security;

/// <summary>T41 (the parts that exist): nothing sensitive is served, the database lives outside the web root.</summary>
public sealed class SensitiveFilesTests(SensitiveFilesTests.App app) : IClassFixture<SensitiveFilesTests.App>
{
    public sealed class App : MarketingAppFactory;

    [Theory]
    [InlineData("/appsettings.json")]
    [InlineData("/appsettings.Production.json")]
    [InlineData("/appsettings.Development.json")]
    [InlineData("/.env")]
    [InlineData("/App_Data/marketing.db")]
    [InlineData("/App_Data/marketing.db-wal")]
    [InlineData("/App_Data/marketing.db-shm")]
    [InlineData("/marketing.db")]
    [InlineData("/.git/config")]
    [InlineData("/web.config")]
    [InlineData("/Allnimall.Marketing.Web.dll")]
    [InlineData("/setup")]
    [InlineData("/migrate")]
    public async Task Sensitive_paths_answer_404_and_never_the_file(string path)
    {
        var response = await app.CreateAnonymousClient().GetAsync(path, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("ConnectionStrings", body);
        Assert.DoesNotContain("SQLite format", body);
        Assert.DoesNotContain("[core]", body);
    }

    [Fact]
    public void The_default_sqlite_file_lives_under_App_Data_outside_wwwroot()
    {
        var contentRoot = Directory.CreateTempSubdirectory("allnimall-root-").FullName;
        try
        {
            using var provider = new ServiceCollection()
                .AddMarketingCore(new ConfigurationBuilder().Build(), contentRoot)
                .BuildServiceProvider();

            var file = new SqliteConnectionStringBuilder(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString).DataSource;

            Assert.Equal(Path.Combine(contentRoot, "App_Data", "marketing.db"), file);
            Assert.False(file.StartsWith(Path.Combine(contentRoot, "wwwroot"), StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }
}
