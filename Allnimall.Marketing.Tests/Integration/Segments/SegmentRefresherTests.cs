using Allnimall.Marketing.Core.Segments;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Segments;

public sealed class SegmentRefresherTests : IAsyncLifetime
{
    private readonly SegmentFixture store = new();
    private SegmentRefresher refresher = null!;

    public async ValueTask InitializeAsync()
    {
        await store.InitializeAsync();
        refresher = new SegmentRefresher(store.Database, store.Clock);
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();

    private static readonly SegmentRule JakartaBuyers = new SegmentRuleGroup
    {
        Rules =
        [
            new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.In, Values = ["Jakarta", "Medan"] },
            new SegmentCondition { Field = SegmentField.LifetimeOrders, Operator = ConditionOperator.GreaterThanOrEqual, Value = 1 },
        ],
    };

    private async Task<Guid> CreateSegmentAsync(SegmentRule rule, SegmentType type = SegmentType.Dynamic)
    {
        await using var db = store.Database.CreateDbContext();
        var segment = new CustomerSegment
        {
            Name = "Test", SegmentCriteria = SegmentRuleJson.Serialize(rule), CreatedBy = store.AdminId, SegmentType = type,
        };
        db.CustomerSegments.Add(segment);
        await db.SaveChangesAsync();
        return segment.Id;
    }

    private async Task<Dictionary<string, DateTime>> MembersAsync(Guid segmentId)
    {
        await using var db = store.Database.CreateDbContext();
        return await db.SegmentCustomers.Where(m => m.SegmentId == segmentId)
            .Join(db.Customers, m => m.CustomerId, c => c.Id, (m, c) => new { c.FirstName, m.AddedAt })
            .ToDictionaryAsync(x => x.FirstName, x => x.AddedAt);
    }

    [Fact]
    public async Task First_refresh_inserts_the_matching_customers_and_records_count_and_history()
    {
        var id = await CreateSegmentAsync(JakartaBuyers);

        var result = await refresher.RefreshAsync(id, RefreshTrigger.Manual, TestContext.Current.CancellationToken);

        Assert.Equal(RefreshOutcome.Refreshed, result.Outcome);
        Assert.Equal((3, 3, 0), (result.CustomerCount, result.Added, result.Removed));
        Assert.Equal(["Ani", "Dewi", "Eko"], (await MembersAsync(id)).Keys.Order());
        await using var db = store.Database.CreateDbContext();
        var segment = await db.CustomerSegments.SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);
        Assert.Equal(3, segment.CustomerCount);
        Assert.Equal(SegmentFixture.Now, segment.LastRefreshedAt);
        Assert.Null(segment.RefreshClaimedUntil);
        Assert.Equal(3, (await db.SegmentRefreshes.SingleAsync(r => r.SegmentId == id, TestContext.Current.CancellationToken)).CustomerCount);
    }

    [Fact]
    public async Task Second_refresh_removes_leavers_adds_joiners_and_keeps_the_added_at_of_stayers()
    {
        var id = await CreateSegmentAsync(JakartaBuyers);
        await refresher.RefreshAsync(id, RefreshTrigger.Manual, TestContext.Current.CancellationToken);
        var before = await MembersAsync(id);

        await using (var db = store.Database.CreateDbContext())
        {
            await db.Customers.Where(c => c.FirstName == "Eko").ExecuteUpdateAsync(s => s.SetProperty(c => c.City, "Bali"), TestContext.Current.CancellationToken);
            await db.Customers.Where(c => c.FirstName == "Budi").ExecuteUpdateAsync(s => s.SetProperty(c => c.City, "Jakarta"), TestContext.Current.CancellationToken);
        }
        store.Clock.Advance(TimeSpan.FromDays(1));
        var result = await refresher.RefreshAsync(id, RefreshTrigger.Scheduled, TestContext.Current.CancellationToken);

        var after = await MembersAsync(id);
        Assert.Equal((3, 1, 1), (result.CustomerCount, result.Added, result.Removed));
        Assert.Equal(["Ani", "Budi", "Dewi"], after.Keys.Order());
        Assert.Equal(before["Ani"], after["Ani"]);
        Assert.Equal(before["Dewi"], after["Dewi"]);
        Assert.Equal(SegmentFixture.Now.AddDays(1), after["Budi"]);
    }

    [Fact]
    public async Task A_segment_being_refreshed_is_not_refreshed_again_until_its_claim_expires()
    {
        var id = await CreateSegmentAsync(JakartaBuyers);
        await using (var db = store.Database.CreateDbContext())
            await db.CustomerSegments.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshClaimedUntil,
                SegmentFixture.Now.AddMinutes(5)), TestContext.Current.CancellationToken);

        Assert.Equal(RefreshOutcome.AlreadyRunning, (await refresher.RefreshAsync(id, RefreshTrigger.Manual, TestContext.Current.CancellationToken)).Outcome);
        Assert.Empty(await MembersAsync(id));

        store.Clock.Advance(TimeSpan.FromMinutes(6)); // the other refresher died: its claim ran out
        Assert.Equal(RefreshOutcome.Refreshed, (await refresher.RefreshAsync(id, RefreshTrigger.Manual, TestContext.Current.CancellationToken)).Outcome);
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_segment_leave_the_result_of_a_single_refresh()
    {
        var id = await CreateSegmentAsync(JakartaBuyers);
        var other = new SegmentRefresher(store.Database, store.Clock);

        var results = await Task.WhenAll(
            Task.Run(() => refresher.RefreshAsync(id, RefreshTrigger.Manual, TestContext.Current.CancellationToken)),
            Task.Run(() => other.RefreshAsync(id, RefreshTrigger.Scheduled, TestContext.Current.CancellationToken)));

        Assert.Contains(results, r => r.Outcome == RefreshOutcome.Refreshed);
        Assert.All(results, r => Assert.NotEqual(RefreshOutcome.NotFound, r.Outcome));
        Assert.Equal(["Ani", "Dewi", "Eko"], (await MembersAsync(id)).Keys.Order());
    }

    [Fact]
    public async Task Refreshing_a_static_segment_keeps_its_hand_picked_members()
    {
        var id = await CreateSegmentAsync(SegmentRuleJson.EmptyRule, SegmentType.Static);
        await using (var db = store.Database.CreateDbContext())
        {
            var citra = await db.Customers.SingleAsync(c => c.FirstName == "Citra", TestContext.Current.CancellationToken);
            db.SegmentCustomers.Add(new SegmentCustomer { SegmentId = id, CustomerId = citra.Id, AddedAt = SegmentFixture.Now });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var result = await refresher.RefreshAsync(id, RefreshTrigger.Manual, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.CustomerCount);
        Assert.Equal(["Citra"], (await MembersAsync(id)).Keys);
    }

    [Fact]
    public async Task Unknown_segment_is_reported_not_found()
    {
        var result = await refresher.RefreshAsync(Guid.NewGuid(), RefreshTrigger.Manual, TestContext.Current.CancellationToken);
        Assert.Equal(RefreshOutcome.NotFound, result.Outcome);
    }
}
