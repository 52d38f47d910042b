using Allnimall.Marketing.Core.Data;
using System.Globalization;

namespace Allnimall.Marketing.Web.Api;

/// <summary>
/// Query parameters arrive as text and are parsed here, so a malformed value ("page=abc") becomes a field error in a
/// 400 validation problem rather than a binding failure without details.
/// </summary>
internal static class QueryParameters
{
    public static int ParseInt(string? text, string field, int fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors[field] = [$"'{text}' is not a whole number."];
        return fallback;
    }

    public static bool? ParseBool(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (bool.TryParse(text, out var value)) return value;
        errors[field] = ["Use true or false."];
        return null;
    }

    /// <summary>An enum given by its snake_case name, as the API writes it; anything else is a field error listing the names.</summary>
    public static T? ParseEnum<T>(string? text, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        foreach (var value in Enum.GetValues<T>())
            if (SnakeCaseEnumConverter<T>.ToDbValue(value) == text.Trim().ToLowerInvariant()) return value;
        errors[field] = [$"Use one of: {string.Join(", ", Enum.GetValues<T>().Select(v => SnakeCaseEnumConverter<T>.ToDbValue(v)))}."];
        return null;
    }
}
