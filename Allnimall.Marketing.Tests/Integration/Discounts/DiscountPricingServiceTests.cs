using Allnimall.Marketing.Core.Discounts;

namespace Allnimall.Marketing.Tests.Integration.Discounts;

public sealed class DiscountPricingServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_discount_on_a_parent_category_covers_its_subcategories_and_the_stores_ids_are_resolved()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        await store.CreateAsync(f => { f.SharedCode = "DOGS"; f.Value = 10; f.IncludedCategoryIds = [store.Dogs.Id]; });

        // Kibble is in Dog Food (under Dogs); the cat toy is not covered; an unknown product is priced but never discounted.
        var result = await store.Pricing.EvaluateAsync(new CheckoutCart("C-1",
            [new CheckoutLine("P-KIBBLE", null, 1, 150_000), new CheckoutLine("P-CATTOY", null, 1, 30_000), new CheckoutLine("P-NEW", "dogs", 1, 10_000)],
            0, ["dogs"]), Ct);

        Assert.Equal([15_000m, 0m, 1_000m], result.Lines.Select(l => l.Discount));
        Assert.True(Assert.Single(result.Codes).Applied);
    }

    [Fact]
    public async Task Automatic_discounts_outside_their_window_or_switched_off_do_not_apply()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        await store.CreateAsync(f => { f.Name = "Later"; f.Method = DiscountMethod.Automatic; f.Combinable = true; f.StartsAt = DiscountTestStore.Now.AddDays(1); });
        await store.CreateAsync(f => { f.Name = "Off"; f.Method = DiscountMethod.Automatic; f.IsActive = false; });
        await store.CreateAsync(f => { f.Name = "Now"; f.Method = DiscountMethod.Automatic; f.Combinable = true; f.Value = 5; });

        var result = await store.Pricing.EvaluateAsync(DiscountTestStore.Cart(null), Ct);

        Assert.Equal("Now", Assert.Single(result.Applied).Name);
        store.Clock.Advance(TimeSpan.FromDays(1));
        var later = await store.Pricing.EvaluateAsync(DiscountTestStore.Cart(null), Ct);
        Assert.Equal(["Later", "Now"], later.Applied.Select(a => a.Name).Order());
    }
}
