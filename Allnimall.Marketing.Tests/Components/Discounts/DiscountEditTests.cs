using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Web.Components.Pages.Discounts;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Allnimall.Marketing.Tests.Components.Discounts;

/// <summary>The discount form: type-specific fields, the live summary, errors next to fields, and the margin guardrail.</summary>
public sealed class DiscountEditTests : DiscountPageContext
{
    [Fact]
    public void Each_type_shows_its_own_fields()
    {
        SignIn();
        var cut = RenderForm();
        Assert.NotNull(cut.Find("#discount-value"));
        Assert.Empty(cut.FindAll("#discount-buy"));

        TypeRadio(cut, DiscountType.Bogo).Click();
        cut.WaitForElement("#discount-buy");
        Assert.NotNull(cut.Find("#discount-get"));
        Assert.NotNull(cut.Find("#discount-get-percent"));
        Assert.Empty(cut.FindAll("#discount-value"));

        TypeRadio(cut, DiscountType.FreeShipping).Click();
        cut.WaitForElement("[data-testid=free-shipping-note]");
        Assert.Empty(cut.FindAll("#discount-value"));
        Assert.Empty(cut.FindAll("#discount-max")); // a cap means nothing when the shipping is free
    }

    [Fact]
    public void The_summary_follows_the_rules_as_they_are_typed()
    {
        SignIn();
        var cut = RenderForm();
        cut.WaitForAssertion(() => Assert.StartsWith("10% off", cut.Find("[data-testid=discount-summary]").TextContent));

        cut.Find("#discount-value").Input("20");
        cut.Find("#discount-min-purchase").Input("200000");
        cut.Find("#discount-max").Input("50000");
        cut.Find("#discount-per-customer").Input("1");

        cut.WaitForAssertion(() => Assert.Equal("20% off everything over Rp 200.000, max Rp 50.000, once per customer",
            cut.Find("[data-testid=discount-summary]").TextContent));
    }

    [Fact]
    public async Task A_refused_field_shows_its_error_next_to_it_and_nothing_is_saved()
    {
        SignIn();
        var cut = RenderForm();
        cut.Find("#discount-name").Input("Too generous");
        cut.Find("#discount-value").Input("0");

        cut.Find("[data-testid=save-discount]").Click();

        cut.WaitForAssertion(() => Assert.Contains("A percentage is more than 0 and at most 100.",
            cut.Find("#discount-value").Closest(".mud-input-control")!.TextContent));
        await using var db = Store.Database.CreateDbContext();
        Assert.Equal(0, await db.DiscountCampaigns.CountAsync(Ct));
    }

    [Fact]
    public async Task A_discount_below_the_margin_floor_shows_the_products_at_risk_and_a_marketer_cannot_override()
    {
        SignIn(admin: false);
        var cut = RenderForm();
        cut.Find("#discount-name").Input("Half price");
        cut.Find("#discount-value").Input("50");

        cut.Find("[data-testid=save-discount]").Click();

        var row = cut.WaitForElement("[data-testid=product-at-risk][data-product='Kibble 2kg']");
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["Kibble 2kg", "Rp 150.000", "Rp 75.000", "Rp 100.000"], cells[..4]);
        Assert.Contains("below cost", cells[4]);
        Assert.Empty(cut.FindAll("[data-testid=override-margin]"));
        Assert.NotNull(cut.Find("[data-testid=override-admin-only]"));
        await using var db = Store.Database.CreateDbContext();
        Assert.Equal(0, await db.DiscountCampaigns.CountAsync(Ct));
    }

    [Fact]
    public async Task An_admin_overrides_the_guardrail_after_confirming_and_goes_to_the_discount()
    {
        SignIn(admin: true);
        var cut = RenderForm();
        cut.Find("#discount-name").Input("Half price");
        cut.Find("#discount-value").Input("50");
        cut.Find("[data-testid=save-discount]").Click();

        cut.WaitForElement("[data-testid=override-margin]").Click();
        cut.WaitForAssertion(() => cut.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Override and save")).Click());

        await using var db = Store.Database.CreateDbContext();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        var id = await WaitForDiscountAsync(db);
        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.EndsWith($"discounts/{id}", navigation.Uri));
    }

    [Fact]
    public void Put_on_sale_from_the_product_list_presets_an_automatic_discount_with_the_chosen_products()
    {
        SignIn();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"discounts/new?sale=true&products={Store.Leash.Id},{Store.CatToy.Id}");

        var cut = RenderForm();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=include-products-chip]").Count));
        Assert.Equal("Sale", cut.Find("#discount-name").GetAttribute("value"));
        Assert.Empty(cut.FindAll("#discount-shared-code")); // automatic: no code
        Assert.Contains("Cat toy", cut.Find("[data-testid=discount-summary]").TextContent);
    }

    private static async Task<Guid> WaitForDiscountAsync(Allnimall.Marketing.Core.Data.MarketingDbContext db)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await db.DiscountCampaigns.Select(d => (Guid?)d.Id).FirstOrDefaultAsync(Ct) is { } id) return id;
            await Task.Delay(100, Ct);
        }
        throw new Xunit.Sdk.XunitException("The discount was not saved.");
    }

    private static IElement TypeRadio(IRenderedComponent<IComponent> cut, DiscountType type) =>
        cut.FindAll("[data-testid=discount-type] input[type=radio]")[(int)type];

    private IRenderedComponent<IComponent> RenderForm()
    {
        var cut = RenderPage<DiscountEdit>();
        cut.WaitForElement("#discount-name");
        return cut;
    }
}
