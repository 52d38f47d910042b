using System.Net;
using System.Text.RegularExpressions;
using Allnimall.Marketing.Core.Identity;

namespace Allnimall.Marketing.Tests.Api.Customers;

/// <summary>The customer pages as the server prerenders them (what a browser gets before the circuit connects).</summary>
public sealed class CustomerPagesTests(CustomerApiTests.App app) : IClassFixture<CustomerApiTests.App>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Store_owner_sees_the_customer_page_with_masked_contact_details()
    {
        var client = await app.CreateClientAsAsync(Roles.StoreOwner);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/customers/{app.FirstCustomerId}", Ct));

        Assert.Contains("Ayu Lestari", html);
        Assert.Contains("a***@e***.com", html);
        // The only full address on the page is the signed-in user's own, in the app bar.
        Assert.All(Regex.Matches(html, @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
            m => Assert.EndsWith("@demo.allnimall.test", m.Value));
        Assert.DoesNotContain("+6281234564567", html);
    }

    [Fact]
    public async Task Marketer_sees_full_contact_details_on_the_customer_page()
    {
        var client = await app.CreateClientAsAsync(Roles.Marketer);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/customers/{app.FirstCustomerId}", Ct));

        Assert.Contains("ayu.lestari@example.com", html);
        Assert.Contains("+6281234564567", html);
    }

    [Fact]
    public async Task Overview_shows_the_store_figures()
    {
        var client = await app.CreateClientAsAsync(Roles.StoreOwner);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/", Ct));

        Assert.Contains("Rp 125.000", html);
        Assert.Matches(new Regex("data-kpi=\"Customers\"[^>]*>3<"), html);
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_login_from_the_customers_page()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/customers", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }
}
