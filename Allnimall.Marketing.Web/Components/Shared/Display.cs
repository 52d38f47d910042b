using System.Globalization;

namespace Allnimall.Marketing.Web.Components.Shared;

/// <summary>
/// How numbers, money and times read in the UI. The store is Indonesian: amounts are Rupiah without cents
/// ("Rp 50.000") and numbers use its digit grouping. Times are stored in UTC and shown as UTC, labelled.
/// </summary>
public static class Display
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public static string Money(decimal amount) => $"Rp {amount.ToString("N0", Indonesian)}";

    public static string Number(int value) => value.ToString("N0", Indonesian);

    public static string Date(DateTime? utc) => utc?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    public static string Date(DateOnly? day) => day?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    public static string DateTime(DateTime? utc) => utc?.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "—";

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
