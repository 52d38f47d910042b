using System.Globalization;

namespace Allnimall.Marketing.Web.Components.Shared;

/// <summary>
/// How numbers, money and times read in the UI. The store is Indonesian: amounts are Rupiah without cents
/// ("Rp 50.000") and numbers use its digit grouping. Times are stored in UTC and shown as UTC, labelled, or in the
/// store's time zone with its label where staff plan by the store's clock (campaign dates).
/// </summary>
public static class Display
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public static string Money(decimal amount) => $"Rp {amount.ToString("N0", Indonesian)}";

    public static string Number(int value) => value.ToString("N0", Indonesian);

    public static string Date(DateTime? utc) => utc?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    public static string Date(DateOnly? day) => day?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    public static string DateTime(DateTime? utc) => utc?.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A UTC instant as wall-clock time in <paramref name="zone"/> (the store's), without the zone; pair it with <see cref="ZoneLabel"/>.</summary>
    public static string DateTime(DateTime? utc, TimeZoneInfo zone) => utc is { } value
        ? TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(value, DateTimeKind.Utc), zone).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)
        : "—";

    /// <summary>"Asia/Jakarta (UTC+07:00)", or "UTC": the label next to times shown in a zone.</summary>
    public static string ZoneLabel(TimeZoneInfo zone)
    {
        if (zone.Equals(TimeZoneInfo.Utc) || zone.Id is "UTC" or "Etc/UTC") return "UTC";
        var offset = zone.BaseUtcOffset;
        return $"{zone.Id} (UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm})";
    }

    public static string DayLabel(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);

    /// <summary>"just now", "5 minutes ago", "3 days ago"; past a month the date itself reads better.</summary>
    public static string Ago(DateTime utc, DateTime nowUtc)
    {
        var elapsed = nowUtc - utc;
        return elapsed switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => Plural((int)elapsed.TotalMinutes, "minute") + " ago",
            { TotalDays: < 1 } => Plural((int)elapsed.TotalHours, "hour") + " ago",
            { TotalDays: < 31 } => Plural((int)elapsed.TotalDays, "day") + " ago",
            _ => Date(utc),
        };
    }

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
