using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Discounts;
using Allnimall.Marketing.Core.Tracking;
using Allnimall.Marketing.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Discounts;

/// <summary>T44 (limits hold under concurrency), T13 (a redemption and its revenue count once), void, leaks.</summary>
public sealed class DiscountRedemptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task T44_two_hundred_concurrent_redemptions_of_a_code_limited_to_fifty_give_exactly_fifty()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var discount = await store.CreateAsync(f => { f.SharedCode = "FIFTY"; f.UsageLimit = 50; });

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            store.Redemptions.RedeemAsync(new RedeemRequest($"O-{i}", DiscountTestStore.Cart($"C-{i % 150}", 1, "FIFTY")), Ct))));

        Assert.Equal(50, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(SaveStatus.Conflict, r.Status));
        Assert.Contains(results, r => r.Message == "FIFTY: This code has reached its usage limit.");
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(50, await db.DiscountCampaigns.Where(d => d.Id == discount.Id).Select(d => d.UsageCount).SingleAsync(Ct));
        Assert.Equal(50, await db.DiscountRedemptions.CountAsync(Ct));
        Assert.Equal(50, await db.PromoCodes.Where(p => p.Code == "FIFTY").Select(p => p.UsageCount).SingleAsync(Ct));
        Assert.Equal(50m, (await PerformanceAsync(db, discount.CampaignId)).Item1);
    }

    [Fact]
    public async Task T44_the_same_customer_firing_twenty_concurrent_checkouts_redeems_once()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        await store.CreateAsync(f => { f.SharedCode = "ONCE"; f.PerCustomerLimit = 1; });

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            store.Redemptions.RedeemAsync(new RedeemRequest($"O-{i}", DiscountTestStore.Cart("C-1", 1, "ONCE")), Ct))));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(1, await db.DiscountRedemptions.CountAsync(r => r.CustomerKey == "C-1", Ct));
        Assert.Equal(1, await db.DiscountCustomerUsages.Where(u => u.CustomerKey == "C-1").Select(u => u.UsageCount).SingleAsync(Ct));
    }

    [Fact]
    public async Task T44_a_unique_code_is_used_once_however_many_orders_race_for_it()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var discount = await store.CreateAsync(_ => { });
        Assert.True((await store.Codes.GenerateAsync(discount.Id, new PromoCodeRequest(1, "U", 10), null, Ct)).Succeeded);
        await using var db = store.Database.CreateDbContext();
        var code = await db.PromoCodes.Select(p => p.Code).SingleAsync(Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            store.Redemptions.RedeemAsync(new RedeemRequest($"O-{i}", DiscountTestStore.Cart($"C-{i}", 1, code)), Ct))));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Equal(1, await db.DiscountRedemptions.CountAsync(Ct));
        var again = await store.Pricing.EvaluateAsync(DiscountTestStore.Cart("C-99", 1, code), Ct);
        Assert.Equal("This code was already used.", Assert.Single(again.Codes).Reason);
    }

    [Fact]
    public async Task T13_redeeming_the_same_order_again_is_idempotent_and_counts_once()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var customer = await store.CustomerAsync("C-1");
        var discount = await store.CreateAsync(f => { f.SharedCode = "PET10"; f.UsageLimit = 10; });
        var request = new RedeemRequest("O-1", DiscountTestStore.Cart("C-1", 1, "PET10"));

        var first = await store.Redemptions.RedeemAsync(request, Ct);
        var retries = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => store.Redemptions.RedeemAsync(request, Ct))));

        Assert.False(first.Value!.AlreadyRedeemed);
        var redemption = Assert.Single(first.Value.Redemptions);
        Assert.Equal((18_000m, 182_000m, "PET10"), (redemption.Amount, redemption.OrderRevenue, redemption.Code));
        Assert.All(retries, r => Assert.True(r.Value!.AlreadyRedeemed));
        Assert.All(retries, r => Assert.Equal(redemption.Id, Assert.Single(r.Value!.Redemptions).Id));
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(1, await db.DiscountCampaigns.Where(d => d.Id == discount.Id).Select(d => d.UsageCount).SingleAsync(Ct));
        var engagement = await db.CustomerEngagement.Where(e => e.EngagementType == EngagementTypes.DiscountRedeemed).ToListAsync(Ct);
        Assert.Equal((customer.Id, discount.CampaignId), (Assert.Single(engagement).CustomerId, engagement[0].CampaignId!.Value));
        Assert.Equal(182_000m, (await store.Discounts.GetAsync(discount.Id, Ct))!.Revenue);
        Assert.Equal((1m, 18_000m, 182_000m), await PerformanceAsync(db, discount.CampaignId));

        Assert.Equal(1, (await store.Redemptions.VoidAsync("O-1", Ct)).Value!.Voided);
        Assert.Equal((0m, 0m, 0m), await PerformanceAsync(db, discount.CampaignId));
        Assert.Equal(0m, (await store.Discounts.GetAsync(discount.Id, Ct))!.Revenue);
    }

    /// <summary>The campaign's rollup for today: redemptions, discount given, revenue.</summary>
    private static async Task<(decimal, decimal, decimal)> PerformanceAsync(Core.Data.MarketingDbContext db, Guid campaignId)
    {
        var day = DateOnly.FromDateTime(DiscountTestStore.Now);
        var metrics = await db.CampaignPerformance.AsNoTracking().Where(p => p.CampaignId == campaignId && p.MetricDate == day)
            .ToDictionaryAsync(p => p.MetricName, p => p.MetricValue, Ct);
        return (metrics[PerformanceMetrics.Redemptions], metrics[PerformanceMetrics.DiscountGiven], metrics[PerformanceMetrics.RedemptionRevenue]);
    }

    [Fact]
    public async Task Void_gives_the_use_back_once_and_the_code_can_be_used_again()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var discount = await store.CreateAsync(f => { f.SharedCode = "ONE"; f.UsageLimit = 1; f.PerCustomerLimit = 1; });
        Assert.True((await store.Redemptions.RedeemAsync(new RedeemRequest("O-1", DiscountTestStore.Cart("C-1", 1, "ONE")), Ct)).Succeeded);
        Assert.Equal(SaveStatus.Conflict, (await store.Redemptions.RedeemAsync(new RedeemRequest("O-2", DiscountTestStore.Cart("C-2", 1, "ONE")), Ct)).Status);

        var voids = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => store.Redemptions.VoidAsync("O-1", Ct))));

        Assert.Equal(1, voids.Sum(v => v.Value!.Voided));
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(0, await db.DiscountCampaigns.Where(d => d.Id == discount.Id).Select(d => d.UsageCount).SingleAsync(Ct));
        Assert.Equal(0, await db.DiscountCustomerUsages.Where(u => u.CustomerKey == "C-1").Select(u => u.UsageCount).SingleAsync(Ct));
        Assert.True((await store.Redemptions.RedeemAsync(new RedeemRequest("O-2", DiscountTestStore.Cart("C-1", 1, "ONE")), Ct)).Succeeded);
        Assert.Equal(SaveStatus.Conflict, (await store.Redemptions.RedeemAsync(new RedeemRequest("O-1", DiscountTestStore.Cart("C-1", 1, "ONE")), Ct)).Status);
        Assert.Equal(SaveStatus.NotFound, (await store.Redemptions.VoidAsync("O-404", Ct)).Status);
    }

    [Fact]
    public async Task Evaluating_never_reserves_a_use()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        await store.CreateAsync(f => { f.SharedCode = "LAST"; f.UsageLimit = 1; });

        for (var i = 0; i < 3; i++)
            Assert.True(Assert.Single((await store.Pricing.EvaluateAsync(DiscountTestStore.Cart("C-1", 1, "LAST"), Ct)).Codes).Applied);

        Assert.True((await store.Redemptions.RedeemAsync(new RedeemRequest("O-1", DiscountTestStore.Cart("C-1", 1, "LAST")), Ct)).Succeeded);
    }

    [Fact]
    public async Task A_unique_code_redeemed_by_someone_other_than_its_recipient_is_flagged_as_a_leak()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var recipient = await store.CustomerAsync("C-RECIPIENT");
        await store.CustomerAsync("C-OTHER");
        var discount = await store.CreateAsync(_ => { });
        await store.Database.AddAsync(
            new PromoCode { DiscountCampaignId = discount.Id, Code = "SENT-TO-1", AssignedCustomerId = recipient.Id },
            new PromoCode { DiscountCampaignId = discount.Id, Code = "SENT-TO-2", AssignedCustomerId = recipient.Id });

        var leaked = await store.Redemptions.RedeemAsync(new RedeemRequest("O-1", DiscountTestStore.Cart("C-OTHER", 1, "SENT-TO-1")), Ct);
        var own = await store.Redemptions.RedeemAsync(new RedeemRequest("O-2", DiscountTestStore.Cart("C-RECIPIENT", 1, "SENT-TO-2")), Ct);

        Assert.True(Assert.Single(leaked.Value!.Redemptions).IsLeak);
        Assert.False(Assert.Single(own.Value!.Redemptions).IsLeak);
        Assert.Equal(1, (await store.Discounts.GetAsync(discount.Id, Ct))!.LeakedRedemptions);
    }

    [Fact]
    public async Task First_order_only_counts_the_customers_earlier_orders_but_not_the_one_being_redeemed()
    {
        await using var store = await DiscountTestStore.CreateAsync();
        var customer = await store.CustomerAsync("C-1");
        await store.CreateAsync(f => { f.SharedCode = "HELLO"; f.FirstOrderOnly = true; });
        // The store sent the order before redeeming it: it is this order, not an earlier one.
        await store.Database.AddAsync(StoreTestData.Order(customer, "O-1", 180_000, DiscountTestStore.Now));

        Assert.True((await store.Redemptions.RedeemAsync(new RedeemRequest("O-1", DiscountTestStore.Cart("C-1", 1, "HELLO")), Ct)).Succeeded);
        var next = await store.Pricing.EvaluateAsync(DiscountTestStore.Cart("C-1", 1, "HELLO"), Ct);
        Assert.Equal("This code is only for your first order.", Assert.Single(next.Codes).Reason);
    }
}
