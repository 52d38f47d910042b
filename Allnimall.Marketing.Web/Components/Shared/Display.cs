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
}
