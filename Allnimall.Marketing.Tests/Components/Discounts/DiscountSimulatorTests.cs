using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Web.Components.Pages.Discounts;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Allnimall.Marketing.Tests.Components.Discounts;

/// <summary>The cart simulator prices a cart through the checkout's own service and says why a code does not apply.</summary>
public sealed class DiscountSimulatorTests : DiscountPageContext
{
    [Fact]
    public async Task A_code_below_its_minimum_shows_the_shoppers_reason_and_a_code_that_applies_shows_its_amount()
    {
        SignIn();
        await Store.CreateAsync(f => { f.Name = "Big spender"; f.Value = 20; f.MinimumPurchase = 500_000; f.SharedCode = "BIG"; });
        await Store.CreateAsync(f => { f.Name = "Ten off"; f.Value = 10; f.SharedCode = "TEN"; });
        var cut = RenderPage<DiscountSimulator>();
        var products = await new DiscountCatalogService(Store.Database).SearchProductsAsync("Kibble", Ct);

        var picker = cut.FindComponents<MudAutocomplete<ProductOption>>().Single();
        await cut.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(products.Single()));
        cut.WaitForElement("[data-testid=sim-line][data-product=P-KIBBLE]");
        cut.Find("#sim-codes").Input("BIG, TEN");
        cut.Find("[data-testid=sim-evaluate]").Click();

        var big = cut.WaitForElement("[data-testid=sim-code-outcome][data-code=BIG]");
        Assert.Equal("false", big.GetAttribute("data-applied"));
        Assert.Contains("Add Rp 350.000 more to use this code.", big.TextContent); // 150.000 in the cart, 500.000 needed
        Assert.Equal("true", cut.Find("[data-testid=sim-code-outcome][data-code=TEN]").GetAttribute("data-applied"));
        Assert.Equal("15000", cut.Find("[data-testid=sim-total-discount]").GetAttribute("data-amount")?.Split('.')[0]);
        Assert.Equal("135000", cut.Find("[data-testid=sim-total]").GetAttribute("data-amount")?.Split('.')[0]);
    }

    [Fact]
    public void An_empty_cart_is_refused_with_the_checkouts_message()
    {
        SignIn();
        var cut = RenderPage<DiscountSimulator>();

        cut.Find("[data-testid=sim-evaluate]").Click();

        Assert.Contains("The cart needs at least one line.", cut.WaitForElement("[data-testid=sim-errors]").TextContent);
    }
}
