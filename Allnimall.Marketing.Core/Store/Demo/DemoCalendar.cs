using System.Globalization;
using Bogus;

namespace Allnimall.Marketing.Core.Store.Demo;

/// <summary>
/// How busy the store is on each local day of the demo window: weekends, paydays, Ramadan (the run-up to Lebaran)
/// and December (Harbolnas 12.12, year-end holidays) sell more. Dates are picked in proportion to these weights, so
/// the seasonality shows in every chart without any order being placed "by hand".
/// </summary>
internal sealed class DemoCalendar
{
    private static readonly UmAlQuraCalendar Hijri = new();
    private const int RamadanMonth = 9;

    // Local hour weights: online shoppers peak in the evening; the shops open 09:00–21:00.
    private static readonly double[] OnlineHours =
        [1.2, 0.6, 0.3, 0.2, 0.2, 0.4, 1.2, 2.5, 3.5, 4.5, 5, 5.5, 6.5, 6, 5, 5, 5.5, 6, 7, 8.5, 10, 9, 6, 3];
    private static readonly double[] InStoreHours =
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 5, 6, 6, 5, 5, 5.5, 6.5, 7.5, 8, 7, 5, 2, 0, 0];

    private readonly DateOnly first;
    private readonly double[] cumulative;

    public DemoCalendar(DateOnly first, DateOnly last)
    {
        this.first = first;
        cumulative = new double[last.DayNumber - first.DayNumber + 1];
        var sum = 0.0;
        for (var i = 0; i < cumulative.Length; i++) cumulative[i] = sum += Weight(first.AddDays(i));
    }

    public DateOnly First => first;
    public DateOnly Last => first.AddDays(cumulative.Length - 1);

    public static double Weight(DateOnly day)
    {
        var weight = day.DayOfWeek switch
        {
            DayOfWeek.Saturday => 1.35, DayOfWeek.Sunday => 1.3, DayOfWeek.Friday => 1.05,
            DayOfWeek.Monday => 0.85, _ => 0.92,
        };
        if (day.Day >= 25 || day.Day <= 2) weight *= 1.15;                       // gajian: salaries arrive ~25th
        if (day.Month == 12) weight *= day.Day == 12 ? 2.5 : 1.5;                  // Harbolnas 12.12, year end
        if (day.Month == 11 && day.Day == 11) weight *= 1.6;                         // 11.11 sale
        var ramadanDay = RamadanDay(day);
        if (ramadanDay > 0) weight *= ramadanDay > 19 ? 1.8 : 1.35;                // last ten days: Lebaran shopping
        return weight;
    }

    /// <summary>The day of Ramadan (1–30) a date falls on by the Umm al-Qura calendar, 0 outside Ramadan.</summary>
    public static int RamadanDay(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        if (date < Hijri.MinSupportedDateTime || date > Hijri.MaxSupportedDateTime) return 0;
        return Hijri.GetMonth(date) == RamadanMonth ? Hijri.GetDayOfMonth(date) : 0;
    }

    /// <summary>A day in [<paramref name="from"/>, <paramref name="to"/>] (clamped to the window), busier days more likely.</summary>
    public DateOnly PickDay(Randomizer random, DateOnly from, DateOnly to)
    {
        var lo = Math.Clamp(from.DayNumber - first.DayNumber, 0, cumulative.Length - 1);
        var hi = Math.Clamp(to.DayNumber - first.DayNumber, lo, cumulative.Length - 1);
        var below = lo == 0 ? 0 : cumulative[lo - 1];
        var target = below + random.Double() * (cumulative[hi] - below);
        var index = Array.BinarySearch(cumulative, lo, hi - lo + 1, target);
        return first.AddDays(Math.Clamp(index < 0 ? ~index : index, lo, hi));
    }

    /// <summary>A local time of day for an order or a visit on the given channel.</summary>
    public static TimeOnly PickTime(Randomizer random, bool inStore)
    {
        var hours = inStore ? InStoreHours : OnlineHours;
        var target = random.Double() * hours.Sum();
        var hour = 0;
        for (var acc = hours[0]; acc <= target && hour < 23; acc += hours[++hour]) { }
        return new TimeOnly(hour, random.Number(0, 59), random.Number(0, 59));
    }
}
