using Allnimall.Marketing.Core.Common;
using Allnimall.Marketing.Core.Data;
using Allnimall.Marketing.Core.Discounts;
using MudBlazor;

namespace Allnimall.Marketing.Web.Components.Pages.Discounts;

/// <summary>Words and colours for discount types, statuses and methods, the same on every discount page.</summary>
public static class DiscountLabels
{
    public static string Title(DiscountType type) => type switch
    {
        DiscountType.Percentage => "Percentage",
        DiscountType.FixedAmount => "Fixed amount",
        DiscountType.Bogo => "Buy X get Y",
        _ => "Free shipping",
    };

    public static string Title(DiscountStatus status) => status switch
    {
        DiscountStatus.Disabled => "Paused",
        DiscountStatus.Scheduled => "Scheduled",
        DiscountStatus.Active => "Active",
        DiscountStatus.Expired => "Ended",
        _ => "Cancelled",
    };

    public static Color ColorOf(DiscountStatus status) => status switch
    {
        DiscountStatus.Active => Color.Success,
        DiscountStatus.Scheduled => Color.Info,
        DiscountStatus.Disabled => Color.Warning,
        DiscountStatus.Expired => Color.Default,
        _ => Color.Error,
    };

    public static string Title(DiscountMethod method) => method == DiscountMethod.Automatic ? "Automatic" : "Code";

    public static string Title(PromoCodeStatus status) => status switch
    {
        PromoCodeStatus.Unused => "Unused",
        PromoCodeStatus.Redeemed => "Redeemed",
        PromoCodeStatus.Expired => "Expired",
        _ => "Disabled",
    };

    /// <summary>snake_case value for data attributes, as the API spells it.</summary>
    public static string Of<T>(T value) where T : struct, Enum => SnakeCaseEnumConverter<T>.ToDbValue(value);

    /// <summary>"12 / 100" or "12 / no limit".</summary>
    public static string Usage(int used, int? limit) => limit is { } l ? $"{used:N0} / {l:N0}" : $"{used:N0} / no limit";

    /// <summary>The success or failure words of a SaveResult for a snackbar.</summary>
    public static string Explain(SaveStatus status, string? message, IReadOnlyDictionary<string, string[]> errors) => status switch
    {
        SaveStatus.NotFound => "This discount no longer exists.",
        _ => message ?? errors.Values.SelectMany(v => v).FirstOrDefault() ?? "That did not work. Please try again.",
    };
}
