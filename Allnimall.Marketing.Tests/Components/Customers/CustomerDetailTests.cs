using System.Security.Claims;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Customers;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using static Allnimall.Marketing.Tests.Support.StoreTestData;

namespace Allnimall.Marketing.Tests.Components.Customers;

public sealed class CustomerDetailTests : MarketingBunitContext, IAsyncLifetime
{
    private SqliteTestDatabase database = null!;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        Services.AddSingleton(new CustomerService(database, database.Clock));
        var auth = AddAuthorization();
        auth.SetAuthorized("owner@example.com");
        auth.SetClaims(new Claim(Permissions.ClaimType, Permissions.CustomersView));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Shows_profile_masked_kpis_orders_and_the_engagement_empty_state()
    {
        var customer = Customer("STORE-1", "Ayu", "Lestari", "ayu.lestari@example.com", "+6281234564567", "Jakarta", emailConsent: true);
        await database.AddAsync(customer,
            Order(customer, "ORDER-1", 125_000m, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc)),
            Order(customer, "ORDER-2", 75_000m, new DateTime(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc), OrderStatus.Refunded));

        var cut = Render<CustomerDetail>(p => p.Add(x => x.Id, customer.Id));

        cut.WaitForAssertion(() => Assert.Contains("Ayu Lestari", cut.Find("h4").TextContent));
        Assert.Contains("a***@e***.com", cut.Markup);
        Assert.DoesNotContain("ayu.lestari@example.com", cut.Markup);
        Assert.Equal("1", cut.Find("[data-kpi=Orders]").TextContent);
        Assert.Equal("Rp 125.000", cut.Find("[data-kpi='Lifetime spend']").TextContent);
        Assert.Contains("ORDER-2", cut.Markup); // listed, though refunded orders do not count
        Assert.Contains("No engagement yet", cut.Find("[data-empty-state=engagement]").TextContent);
    }

    [Fact]
    public void An_unknown_id_says_so()
    {
        var cut = Render<CustomerDetail>(p => p.Add(x => x.Id, Guid.CreateVersion7()));

        cut.WaitForAssertion(() => Assert.Contains("No customer with this id", cut.Find("[data-not-found=customer]").TextContent));
    }
}
