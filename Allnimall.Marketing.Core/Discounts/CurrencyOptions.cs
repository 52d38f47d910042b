using System.Globalization;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// The store's currency (configuration section <c>Discounts:Currency</c>; default Indonesian rupiah, which has no minor
/// unit in practice). Money is rounded to <see cref="MinorUnits"/> decimals, half away from zero.
/// </summary>
public sealed record CurrencyOptions
{
    public static readonly CurrencyOptions Idr = new();

    public string Code { get; init; } = "IDR";
    public string Symbol { get; init; } = "Rp";
    /// <summary>Decimals of the smallest coin: 0 for IDR and JPY, 2 for USD and EUR.</summary>
    public int MinorUnits { get; init; }
    public string GroupSeparator { get; init; } = ".";
    public string DecimalSeparator { get; init; } = ",";

    /// <summary>The smallest amount: 1 for IDR, 0.01 for USD.</summary>
    public decimal Unit => MinorUnits switch { 0 => 1m, 1 => 0.1m, 2 => 0.01m, 3 => 0.001m, _ => 1m / (decimal)Math.Pow(10, MinorUnits) };

    public decimal Round(decimal amount) => Math.Round(amount, MinorUnits, MidpointRounding.AwayFromZero);

    /// <summary>The largest amount on the currency's grid that is not above <paramref name="amount"/>.</summary>
    public decimal Floor(decimal amount) => Math.Floor(amount / Unit) * Unit;

    /// <summary>"Rp 50.000" for IDR, "$ 12.50" for a USD configuration.</summary>
    public string Format(decimal amount)
    {
        var format = new NumberFormatInfo { NumberGroupSeparator = GroupSeparator, NumberDecimalSeparator = DecimalSeparator };
        return $"{Symbol} {Round(amount).ToString("N" + MinorUnits.ToString(CultureInfo.InvariantCulture), format)}";
    }
}
