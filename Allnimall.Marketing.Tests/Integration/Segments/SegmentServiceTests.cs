using Allnimall.Marketing.Tests.Support;
using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Segments;
using Microsoft.EntityFrameworkCore;

namespace Allnimall.Marketing.Tests.Integration.Segments;

public sealed class SegmentServiceTests : IAsyncLifetime
{
    private readonly SegmentFixture store = new();
    private SegmentService service = null!;

    public async ValueTask InitializeAsync()
    {
        await store.InitializeAsync();
        service = store.Database.CreateSegmentService(store.Clock);
    }

    public ValueTask DisposeAsync() => store.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SegmentForm Jakarta(string name) => new()
    {
        Name = name,
        Rule = new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.In, Values = ["Jakarta"] },
    };

    [Fact]
    public async Task Duplicating_a_dynamic_segment_copies_its_rule_and_fills_the_copy()
    {
        var original = (await service.CreateAsync(Jakarta("Jakarta"), store.AdminId, Ct)).Value!;

        var copy = await service.DuplicateAsync(original.Id, store.AdminId, Ct);

        Assert.Equal(SaveStatus.Ok, copy.Status);
        Assert.Equal("Jakarta (copy)", copy.Value!.Name);
        Assert.Equal(original.Summary, copy.Value.Summary);
        Assert.Equal(2, copy.Value.CustomerCount);
    }

    [Fact]
    public async Task Duplicating_a_static_segment_copies_its_members()
    {
        var list = (await service.CreateAsync(new SegmentForm { Name = "Picked", Type = SegmentType.Static }, store.AdminId, Ct)).Value!;
        await service.AddStaticMembersAsync(list.Id, ["ani", "budi@example.com"], Ct);

        var copy = (await service.DuplicateAsync(list.Id, store.AdminId, Ct)).Value!;

        Assert.Equal(SegmentType.Static, copy.Type);
        Assert.Equal(2, copy.CustomerCount);
        var members = await service.MembersAsync(copy.Id, new GridQuery(), includePii: true, Ct);
        Assert.Equal(["Ani Test", "Budi Test"], members!.Items.Select(m => m.Name).Order());
    }

    [Fact]
    public async Task Preview_masks_personal_data_for_roles_without_pii_and_saves_nothing()
    {
        var rule = new SegmentCondition { Field = SegmentField.City, Operator = ConditionOperator.In, Values = ["Jakarta"] };

        var masked = (await service.PreviewAsync(rule, includePii: false, Ct)).Value!;
        var full = (await service.PreviewAsync(rule, includePii: true, Ct)).Value!;

        Assert.Equal(2, masked.Count);
        Assert.DoesNotContain(masked.Sample, m => m.Email!.Contains("@example.com", StringComparison.Ordinal));
        Assert.Contains(full.Sample, m => m.Email == "ani@example.com");
        await using var db = store.Database.CreateDbContext();
        Assert.Equal(0, await db.CustomerSegments.CountAsync(Ct));
    }

    [Fact]
    public async Task Saving_with_a_stale_version_is_a_conflict_and_a_static_segment_stays_static()
    {
        var segment = (await service.CreateAsync(Jakarta("Versioned"), store.AdminId, Ct)).Value!;
        var first = Jakarta("First edit");
        first.Version = segment.Version;
        Assert.Equal(SaveStatus.Ok, (await service.UpdateAsync(segment.Id, first, Ct)).Status);

        var stale = Jakarta("Second edit");
        stale.Version = segment.Version;
        Assert.Equal(SaveStatus.Conflict, (await service.UpdateAsync(segment.Id, stale, Ct)).Status);

        var list = (await service.CreateAsync(new SegmentForm { Name = "Picked", Type = SegmentType.Static }, store.AdminId, Ct)).Value!;
        var toDynamic = Jakarta("Picked");
        Assert.Equal(SaveStatus.Invalid, (await service.UpdateAsync(list.Id, toDynamic, Ct)).Status);
    }

    [Fact]
    public async Task Grid_searches_sorts_and_pages()
    {
        foreach (var name in new[] { "Alpha", "Beta", "Gamma" })
            await service.CreateAsync(Jakarta(name), store.AdminId, Ct);

        var page = await service.ListAsync(new SegmentGridQuery { SortBy = SegmentSortKeys.Name, Descending = true, PageSize = 2 }, Ct);
        Assert.Equal(3, page.TotalCount);
        Assert.Equal(["Gamma", "Beta"], page.Items.Select(s => s.Name));
        Assert.Equal(["Beta"], (await service.ListAsync(new SegmentGridQuery { Search = "et" }, Ct)).Items.Select(s => s.Name));
    }

    [Fact]
    public async Task Picker_offers_one_capitalised_spelling_per_city()
    {
        // The fixture has "Jakarta" (Ani) and "jakarta" (Dewi).
        var options = await service.PickerOptionsAsync(Ct);
        Assert.Equal(["Bandung", "Jakarta", "Medan", "Surabaya"], options.Cities);
        Assert.Contains(options.Products, p => p.Name == "Royal Dog 2kg");
    }
}
