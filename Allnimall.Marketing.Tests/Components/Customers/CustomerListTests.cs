using System.Security.Claims;
using Allnimall.Marketing.Core.Identity;
using Allnimall.Marketing.Core.Store;
using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Web.Components.Pages.Customers;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static Allnimall.Marketing.Tests.Support.StoreTestData;

namespace Allnimall.Marketing.Tests.Components.Customers;

/// <summary>The customers grid over a real CustomerService and SQLite database.</summary>
public sealed class CustomerListTests : MarketingBunitContext, IAsyncLifetime
{
    private SqliteTestDatabase database = null!;

    public async ValueTask InitializeAsync()
    {
        database = await SqliteTestDatabase.CreateAsync();
        Services.AddSingleton(new CustomerService(database, database.Clock));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Renders_one_row_per_customer_with_masked_contact_details_without_pii_permission()
    {
        await SeedAsync();
        SignInWith(Permissions.CustomersView);

        var cut = Render<CustomerList>();

        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        Assert.Contains("a***@e***.com", cut.Markup);
        Assert.Contains("+62******4567", cut.Markup);
        Assert.DoesNotContain("ayu.lestari@example.com", cut.Markup);
        Assert.DoesNotContain("+6281234564567", cut.Markup);
        Assert.Contains("Rp 125.000", Rows(cut).Single(r => r.TextContent.Contains("Ayu Lestari")).TextContent);
    }

    [Fact]
    public async Task Shows_full_contact_details_with_pii_permission()
    {
        await SeedAsync();
        SignInWith(Permissions.CustomersView, Permissions.CustomersPii);

        var cut = Render<CustomerList>();

        cut.WaitForAssertion(() => Assert.Contains("ayu.lestari@example.com", cut.Markup));
        Assert.Contains("+6281234564567", cut.Markup);
    }

    [Fact]
    public async Task Search_narrows_the_rows()
    {
        await SeedAsync();
        SignInWith(Permissions.CustomersView);
        var cut = Render<CustomerList>();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        cut.Find("#customer-search").Input("putra");

        cut.WaitForAssertion(() => Assert.Equal("Bima Putra", Assert.Single(Rows(cut)).QuerySelector("td")!.TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Clicking_a_column_header_sorts_on_the_server()
    {
        await SeedAsync();
        SignInWith(Permissions.CustomersView);
        var cut = Render<CustomerList>();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        cut.FindAll(".sortable-column-header").Single(h => h.TextContent == "Lifetime spend").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Bima Putra", "Cahya Dewi", "Ayu Lestari"], FirstCells(cut)));
    }

    [Fact]
    public async Task Clicking_a_row_opens_the_customer()
    {
        await SeedAsync();
        SignInWith(Permissions.CustomersView);
        var cut = Render<CustomerList>();
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));

        Rows(cut).Single(r => r.TextContent.Contains("Cahya Dewi")).Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.Matches("/customers/[0-9a-f-]{36}$", navigation.Uri);
    }

    [Fact]
    public void An_empty_store_says_how_to_get_customers()
    {
        SignInWith(Permissions.CustomersView);

        var cut = Render<CustomerList>();

        cut.WaitForAssertion(() => Assert.Contains("No customers yet", cut.Find("[data-empty-state=customers]").TextContent));
        Assert.Empty(Rows(cut));
    }

    private async Task SeedAsync()
    {
        var ayu = Customer("STORE-1", "Ayu", "Lestari", "ayu.lestari@example.com", "+6281234564567", "Jakarta", "Indonesia");
        var bima = Customer("STORE-2", "Bima", "Putra", "bima@petmail.co.id", "+6285711112222", "Bandung", "Indonesia");
        var cahya = Customer("STORE-3", "Cahya", "Dewi", "cahya.dewi@example.org", "+6287733334444", "Surabaya", "Indonesia");
        await database.AddAsync(ayu, bima, cahya,
            Order(ayu, "O-1", 125_000m, DateTime.UtcNow.AddDays(-3)),
            Order(cahya, "O-2", 40_000m, DateTime.UtcNow.AddDays(-2)));
    }

    private void SignInWith(params string[] permissions)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("staff@example.com");
        auth.SetClaims(permissions.Select(p => new Claim(Permissions.ClaimType, p)).ToArray());
    }

    /// <summary>Data rows only (the "no records" row has a single cell).</summary>
    private static List<AngleSharp.Dom.IElement> Rows(IRenderedComponent<CustomerList> cut) =>
        cut.FindAll("tbody tr").Where(r => r.QuerySelectorAll("td").Length > 1).ToList();

    private static List<string> FirstCells(IRenderedComponent<CustomerList> cut) =>
        Rows(cut).Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
}
