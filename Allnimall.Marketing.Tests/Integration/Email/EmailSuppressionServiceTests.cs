using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Integration.Email;

public sealed class EmailSuppressionServiceTests : IAsyncLifetime
{
    private SqliteTestDatabase database = null!;
    private FakeTimeProvider clock = null!;
    private EmailSuppressionService service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        database = await SqliteTestDatabase.CreateAsync(clock);
        service = new EmailSuppressionService(database, clock);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Addresses_are_stored_normalised_and_listed_once_whatever_their_case()
    {
        var first = await service.SuppressAsync("  Ani@Example.COM ", EmailSuppressionReason.HardBounce, "bounce mailbox", Ct);
        var again = await service.SuppressAsync("ani@example.com", EmailSuppressionReason.Unsubscribed, "one-click", Ct);

        Assert.Equal("ani@example.com", first?.Email);
        Assert.Null(again); // already listed: the first reason stays
        var page = await service.ListAsync(new EmailSuppressionQuery(), Ct);
        Assert.Equal(EmailSuppressionReason.HardBounce, Assert.Single(page.Items).Reason);
        Assert.True(await service.IsListedAsync("ANI@example.com", Ct));
    }

    [Fact]
    public async Task A_manual_add_validates_the_address_and_reports_a_listed_one_as_a_conflict()
    {
        var invalid = await service.AddAsync(new EmailSuppressionForm("not an address"), "staff: a", Ct);
        var ok = await service.AddAsync(new EmailSuppressionForm("budi@example.com", Note: "asked by phone"), "staff: a", Ct);
        var conflict = await service.AddAsync(new EmailSuppressionForm("BUDI@example.com"), "staff: a", Ct);

        Assert.Equal(SaveStatus.Invalid, invalid.Status);
        Assert.Contains("email", invalid.Errors.Keys);
        Assert.Equal(SaveStatus.Ok, ok.Status);
        Assert.Equal(EmailSuppressionReason.Manual, ok.Value!.Reason);
        Assert.Equal("staff: a: asked by phone", ok.Value.Source);
        Assert.Equal(SaveStatus.Conflict, conflict.Status);
    }

    [Fact]
    public async Task The_list_pages_searches_filters_and_sorts_in_the_database()
    {
        for (var i = 0; i < 30; i++)
        {
            await service.SuppressAsync($"user{i:D2}@example.com", i % 3 == 0 ? EmailSuppressionReason.Complained : EmailSuppressionReason.HardBounce, "test", Ct);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        await service.SuppressAsync("odd_name%@example.com", EmailSuppressionReason.Manual, "staff", Ct);

        var second = await service.ListAsync(new EmailSuppressionQuery { Page = 2, PageSize = 10, SortBy = EmailSuppressionSortKeys.Email }, Ct);
        var newest = await service.ListAsync(new EmailSuppressionQuery { PageSize = 1 }, Ct);
        var complained = await service.ListAsync(new EmailSuppressionQuery { Reason = EmailSuppressionReason.Complained }, Ct);
        var literal = await service.ListAsync(new EmailSuppressionQuery { Search = "_name%" }, Ct);
        var user1x = await service.ListAsync(new EmailSuppressionQuery { Search = "USER1" }, Ct);

        Assert.Equal(31, second.TotalCount);
        Assert.Equal(Enumerable.Range(9, 10).Select(i => $"user{i:D2}@example.com"), second.Items.Select(i => i.Email)); // page 1: odd_name…, user00–user08
        Assert.Equal("odd_name%@example.com", Assert.Single(newest.Items).Email);
        Assert.Equal(10, complained.TotalCount);
        Assert.Equal("odd_name%@example.com", Assert.Single(literal.Items).Email);
        Assert.Equal(10, user1x.TotalCount);
    }

    [Fact]
    public async Task Removing_takes_the_address_off_the_list_once()
    {
        var item = await service.SuppressAsync("ani@example.com", EmailSuppressionReason.Manual, "staff", Ct);

        Assert.True(await service.RemoveAsync(item!.Id, Ct));
        Assert.False(await service.RemoveAsync(item.Id, Ct));
        Assert.False(await service.IsListedAsync("ani@example.com", Ct));
    }
}
