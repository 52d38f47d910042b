using System.Security.Claims;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using static Allnimall.Marketing.Tests.Support.StoreTestData;

namespace Allnimall.Marketing.Tests.Components.Overview;

public sealed class HomeTests : MarketingBunitContext, IAsyncLifetime
{
    private SqliteTestDatabase database = null!;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        Services.AddSingleton(new CustomerService(database, database.Clock));
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.com");
        auth.SetClaims(new Claim(Permissions.ClaimType, Permissions.AnalyticsView), new Claim(Permissions.ClaimType, Permissions.SettingsManage));
        auth.SetPolicies(Permissions.AnalyticsView, Permissions.SettingsManage);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await database.DisposeAsync();
    }

    [Fact]
    public void An_empty_store_is_told_how_to_connect()
    {
        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Contains("Connect your store", cut.Find("[data-empty-state=overview]").TextContent));
        Assert.Contains("settings/api-keys", cut.Markup);
        Assert.Empty(cut.FindAll("svg.mud-chart-line"));
    }

    [Fact]
    public async Task Shows_the_last_30_days_as_kpis_and_an_orders_chart()
    {
        var customer = Customer("STORE-1", "Ayu");
        var now = database.Clock.GetUtcNow().UtcDateTime;
        await database.AddAsync(customer,
            Order(customer, "O-1", 50_000m, now.AddDays(-1)),
            Order(customer, "O-2", 150_000m, now.AddDays(-2)),
            Order(customer, "O-3", 999_000m, now.AddDays(-40)));

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Equal("Rp 200.000", cut.Find("[data-kpi=Revenue]").TextContent));
        Assert.Equal("2", cut.Find("[data-kpi=Orders]").TextContent);
        Assert.Equal("Rp 100.000", cut.Find("[data-kpi='Average order value']").TextContent);
        Assert.Equal(30, cut.FindAll("svg.mud-chart-line .mud-chart-point").Count); // one point per day, empty days included
    }
}
