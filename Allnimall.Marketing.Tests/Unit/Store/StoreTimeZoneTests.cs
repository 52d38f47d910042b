using Allnimall.Marketing.Core.Store;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Unit.Store;

public sealed class StoreTimeZoneTests
{
    private static StoreTimeZone Zone(string id) => new(Options.Create(new StoreOptions { TimeZone = id }));

    [Fact]
    public void Jakarta_wall_clock_time_is_stored_seven_hours_earlier_in_utc_and_shown_back_unchanged()
    {
        var zone = Zone("Asia/Jakarta");

        var utc = zone.ToUtc(new DateTime(2026, 12, 1, 9, 30, 0));

        Assert.Equal(new DateTime(2026, 12, 1, 2, 30, 0, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(new DateTime(2026, 12, 1, 9, 30, 0), zone.ToLocal(utc));
        Assert.Equal("Asia/Jakarta (UTC+07:00)", zone.Label(utc));
    }

    [Fact]
    public void A_zone_with_daylight_saving_uses_the_offset_of_the_date()
    {
        var zone = Zone("Europe/Amsterdam");

        Assert.Equal(new DateTime(2026, 7, 1, 8, 0, 0, DateTimeKind.Utc), zone.ToUtc(new DateTime(2026, 7, 1, 10, 0, 0)));
        Assert.Equal(new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), zone.ToUtc(new DateTime(2026, 12, 1, 10, 0, 0)));
        Assert.Equal("Europe/Amsterdam (UTC+02:00)", zone.Label(new DateTime(2026, 7, 1, 8, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("Asia/Jakarta", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    public void Only_known_zones_are_accepted(string id, bool known) => Assert.Equal(known, StoreTimeZone.IsKnown(id));
}
