using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Discounts;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Discounts;

/// <summary>
/// The store's products: Kibble 2kg (Dog Food) at Rp 150.000, cost Rp 100.000; Leash (Dogs) Rp 50.000, cost Rp 20.000;
/// Cat toy (Cats) Rp 30.000, cost Rp 10.000. The floor is 10% of the selling price.
/// </summary>
public sealed class MarginGuardrailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<MarginCheck> CheckAsync(DiscountTestStore store, Action<DiscountForm> configure)
    {
        var form = new DiscountForm { Name = "Check", Type = DiscountType.Percentage, Value = 10 };
        configure(form);
        return await new MarginGuardrail(store.Database, new MarginGuardrailOptions(), store.Clock).CheckAsync(form, null, Ct);
    }

    [Fact]
    public async Task A_discount_that_keeps_the_margin_passes_and_one_below_cost_names_the_product()
    {
        await using var store = await DiscountTestStore.CreateAsync();

        var fine = await CheckAsync(store, f => f.Value = 20);          // Kibble 120.000 vs cost 100.000: 16.7%
        var belowCost = await CheckAsync(store, f => f.Value = 40);     // Kibble 90.000 < 100.000

        Assert.True(fine.Passed);
        Assert.Equal(3, fine.ProductsChecked);
        var risk = Assert.Single(belowCost.AtRisk);
        Assert.Equal(("Kibble 2kg", 90_000m, true, -11.1m), (risk.Name, risk.WorstPrice, risk.BelowCost, risk.MarginPercent!.Value));
    }

    [Fact]
    public async Task Worst_cases_follow_caps_minimums_and_scope()
    {
        await using var store = await DiscountTestStore.CreateAsync();

        Assert.True((await CheckAsync(store, f => { f.Value = 40; f.MaximumDiscount = 30_000; })).Passed);
        Assert.True((await CheckAsync(store, f => { f.Value = 40; f.ExcludedCategoryIds = [store.DogFood.Id]; })).Passed);
        // A fixed Rp 60.000 needs Rp 200.000 of goods: Kibble's share is Rp 45.000, leaving 105.000 (4.8%, under the floor).
        var fixedAmount = await CheckAsync(store, f => { f.Type = DiscountType.FixedAmount; f.Value = 60_000; f.MinimumPurchase = 200_000; });
        var kibble = Assert.Single(fixedAmount.AtRisk);
        Assert.Equal((105_000m, false), (kibble.WorstPrice, kibble.BelowCost));
        Assert.True((await CheckAsync(store, f => { f.Type = DiscountType.FreeShipping; })).Passed);
        // Buy one get one free: any unit may be the free one.
        Assert.Equal(3, (await CheckAsync(store, f => { f.Type = DiscountType.Bogo; f.BuyQuantity = 1; f.GetQuantity = 1; })).AtRisk.Count(p => p.BelowCost));
    }

    [Fact]
    public async Task Combinable_discounts_count_what_stacks_with_them()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        await store.CreateAsync(f => { f.Name = "Dog week"; f.Value = 20; f.Combinable = true; f.Method = DiscountMethod.Automatic; });

        var alone = await CheckAsync(store, f => { f.Value = 20; });
        var stacked = await CheckAsync(store, f => { f.Value = 20; f.Combinable = true; });

        Assert.True(alone.Passed);
        var risk = Assert.Single(stacked.AtRisk);
        Assert.Equal(96_000m, risk.WorstPrice);
        Assert.Equal(["Dog week", "this discount"], risk.Discounts.Order());
    }

    [Fact]
    public async Task Saving_a_discount_below_the_floor_is_refused_unless_an_admin_overrides()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        DiscountForm Form(bool overrideIt) => new() { Name = "Clearance", Type = DiscountType.Percentage, Value = 40, OverrideMarginGuardrail = overrideIt };

        var refused = await store.Discounts.CreateAsync(Form(false), store.AdminId, Ct);
        var notAdmin = await store.Discounts.CreateAsync(Form(true), store.AdminId, Ct);
        var admin = await store.Discounts.CreateAsync(Form(true), store.AdminId, mayOverrideMargin: true, Ct);

        Assert.Equal(SaveStatus.Invalid, refused.Status);
        Assert.StartsWith("1 product could sell below cost or under the 10% margin floor", refused.Errors[DiscountService.MarginGuardrailField][0]);
        Assert.Contains("Kibble 2kg (down to Rp 90.000, cost Rp 100.000)", refused.Errors[DiscountService.MarginGuardrailField][0]);
        Assert.Equal(SaveStatus.Invalid, notAdmin.Status);
        Assert.Contains(nameof(DiscountForm.OverrideMarginGuardrail), notAdmin.Errors.Keys);
        Assert.True(admin.Succeeded);
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(1, await db.DiscountCampaigns.CountAsync(Ct));
    }
}
