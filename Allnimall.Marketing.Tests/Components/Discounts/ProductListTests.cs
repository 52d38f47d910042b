using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Web.Components.Pages.Discounts;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Components.Discounts;

/// <summary>The product list shows what the running automatic discounts (sales) make of each price, and starts a sale.</summary>
public sealed class ProductListTests : DiscountPageContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(new ProductPriceService(Store.Database, Store.Pricing, new DiscountCalculator(Store.Clock, CurrencyOptions.Idr)));
    }

    [Fact]
    public async Task A_sale_on_a_category_shows_the_sale_price_of_its_products_and_their_subcategories_only()
    {
        SignIn();
        await Store.CreateAsync(f => { f.Name = "Dog week"; f.Method = DiscountMethod.Automatic; f.Value = 20; f.IncludedCategoryIds = [Store.Dogs.Id]; });
        await Store.CreateAsync(f => { f.Name = "Code only"; f.Value = 50; f.SharedCode = "HALF"; f.IncludedProductIds = [Store.CatToy.Id]; });

        var cut = RenderPage<ProductList>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=product-row]").Count));
        Assert.Equal("120000", SalePrice(cut, "P-KIBBLE")); // Dog Food is under Dogs
        Assert.Equal("40000", SalePrice(cut, "P-LEASH"));
        Assert.Null(SalePrice(cut, "P-CATTOY")); // a code discount is not a sale
    }

    [Fact]
    public void Putting_a_category_on_sale_opens_an_automatic_discount_preset_with_it()
    {
        SignIn();
        var cut = RenderPage<ProductList>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=product-row]").Count));
        var navigation = Services.GetRequiredService<NavigationManager>();
        var select = cut.FindComponents<MudBlazor.MudSelect<Guid?>>().Single();

        cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(Store.Dogs.Id));
        cut.Find("[data-testid=put-on-sale]").Click();

        Assert.EndsWith($"discounts/new?sale=true&categories={Store.Dogs.Id}", navigation.Uri);
    }

    private static string? SalePrice(IRenderedComponent<IComponent> cut, string product) =>
        cut.FindAll("tr").Single(r => r.QuerySelector($"[data-testid=product-row][data-product={product}]") is not null)
            .QuerySelector("[data-testid=product-sale-price]")?.GetAttribute("data-amount")?.Split('.')[0];
}
