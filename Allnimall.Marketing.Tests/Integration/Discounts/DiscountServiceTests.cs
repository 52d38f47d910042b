using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Discounts;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Discounts;

public sealed class DiscountServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_discount_is_a_discount_campaign_with_its_rules_and_a_plain_language_summary()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var vip = await store.SegmentAsync("VIP");

        var discount = await store.CreateAsync(f =>
        {
            f.Name = "Dog food week"; f.Value = 20; f.IncludedCategoryIds = [store.DogFood.Id]; f.MinimumPurchase = 200_000;
            f.MaximumDiscount = 50_000; f.EligibleSegmentIds = [vip]; f.PerCustomerLimit = 1; f.SharedCode = "dogweek";
            f.StartsAt = DiscountTestStore.Now; f.EndsAt = DiscountTestStore.Now.AddDays(7);
        });

        Assert.Equal("20% off Dog Food over Rp 200.000, max Rp 50.000, VIP segment, once per customer", discount.Summary);
        Assert.Equal(["DOGWEEK"], discount.SharedCodes);
        Assert.Equal(DiscountStatus.Active, discount.Status);
        await using var db = store.Database.CreateDbContext();
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == discount.CampaignId, Ct);
        Assert.Equal((Core.Campaigns.CampaignType.Discount, "Dog food week", DiscountTestStore.Now.AddDays(7)),
            (campaign.CampaignType, campaign.Name, campaign.EndDate!.Value));
    }

    [Fact]
    public async Task Invalid_rules_come_back_as_field_errors_and_nothing_is_saved()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        await store.CreateAsync(f => f.SharedCode = "TAKEN");

        var result = await store.Discounts.CreateAsync(new DiscountForm
        {
            Name = "Bad", Type = DiscountType.Percentage, Value = 150, IncludedProductIds = [Guid.NewGuid()], SharedCode = "taken",
            StartsAt = DiscountTestStore.Now, EndsAt = DiscountTestStore.Now.AddDays(-1), UsageLimit = -1,
        }, store.AdminId, Ct);

        Assert.Equal(SaveStatus.Invalid, result.Status);
        Assert.Equal(["EndsAt", "IncludedProductIds", "SharedCode", "UsageLimit", "Value"], result.Errors.Keys.Order());
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(1, await db.DiscountCampaigns.CountAsync(Ct));
    }

    [Fact]
    public async Task A_stale_edit_is_a_conflict_and_a_redeemed_discount_cannot_be_deleted()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var discount = await store.CreateAsync(f => { f.Method = DiscountMethod.Automatic; });
        var form = new DiscountForm { Name = "Renamed", Type = DiscountType.Percentage, Value = 15, Method = DiscountMethod.Automatic, Version = discount.Version };
        Assert.True((await store.Discounts.UpdateAsync(discount.Id, form, Ct)).Succeeded);
        Assert.Equal(SaveStatus.Conflict, (await store.Discounts.UpdateAsync(discount.Id, form, Ct)).Status);

        Assert.True((await store.Redemptions.RedeemAsync(new RedeemRequest("O-1", DiscountTestStore.Cart(null)), Ct)).Succeeded);

        Assert.Equal(SaveStatus.Conflict, (await store.Discounts.DeleteAsync(discount.Id, Ct)).Status);
        var list = await store.Discounts.ListAsync(new DiscountGridQuery { Search = "renamed" }, Ct);
        var row = Assert.Single(list.Items);
        Assert.Equal((1, 27_000m, 173_000m), (row.UsageCount, row.DiscountGiven, row.Revenue));
    }

    [Fact]
    public async Task An_unredeemed_discount_is_deleted_with_its_campaign_and_codes()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var discount = await store.CreateAsync(f => f.SharedCode = "GONE");

        Assert.True((await store.Discounts.DeleteAsync(discount.Id, Ct)).Succeeded);

        await using var db = store.Database.CreateDbContext();
        Assert.False(await db.Campaigns.AnyAsync(c => c.Id == discount.CampaignId, Ct));
        Assert.False(await db.PromoCodes.AnyAsync(Ct));
        Assert.Equal(SaveStatus.NotFound, (await store.Discounts.DeleteAsync(discount.Id, Ct)).Status);
    }
}
