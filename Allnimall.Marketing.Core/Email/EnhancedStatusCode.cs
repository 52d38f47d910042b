using System.Text.RegularExpressions;

namespace Allnimall.Marketing.Core.Email;

/// <summary>An RFC 3463 enhanced status code ("5.1.1"): class 2 success, 4 persistent transient, 5 permanent.</summary>
public sealed partial record EnhancedStatusCode(int Class, int Subject, int Detail)
{
    /// <summary>The code at the start of an SMTP reply text or a DSN Status field, or null.</summary>
    public static EnhancedStatusCode? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = Pattern().Match(text);
        return match.Success
            ? new(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    public bool IsPermanent => Class == 5;

    /// <summary>5.1.x: the address itself is bad (no such user, no such domain); the only permanent class worth suppressing at once.</summary>
    public bool IsBadAddress => Class == 5 && Subject == 1;

    public override string ToString() => $"{Class}.{Subject}.{Detail}";

    [GeneratedRegex(@"^\s*([245])\.(\d{1,3})\.(\d{1,3})\b")]
    private static partial Regex Pattern();
}
