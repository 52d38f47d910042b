using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Allnimall.Marketing.Core.Campaigns;

/// <summary>Checks and normalises a typed-in recipient: a plain email address, or a phone number in E.164 form.</summary>
public static partial class RecipientAddress
{
    /// <summary>The address without surrounding spaces, or null when it is not one plain address (no display name, a dotted domain).</summary>
    public static string? Email(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > 254) return null;
        if (!MailAddress.TryCreate(value, out var address) || address.Address != value || string.IsNullOrEmpty(address.Host)) return null;
        return address.Host.Contains('.') && !address.Host.StartsWith('.') && !address.Host.EndsWith('.') ? value : null;
    }

    /// <summary>"+62 812-3456-7890" → "+6281234567890"; null unless it is + and 8–15 digits with a non-zero country code.</summary>
    public static string? Phone(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var compact = Separators().Replace(text.Trim(), "");
        return E164().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}
