namespace Allnimall.Marketing.Core.Common;

/// <summary>
/// The one way personal contact data is masked for roles without <c>customers.pii</c>: <c>j***@e***.com</c>,
/// <c>+62******4567</c>. The masks have a fixed shape, so they reveal neither the length nor enough characters to
/// guess the original.
/// </summary>
public static class PiiMask
{
    private const string Stars = "***";

    public static string? Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return email;
        var at = email.IndexOf('@');
        if (at <= 0 || at == email.Length - 1) return Stars;
        var local = email[..at];
        var domain = email[(at + 1)..];
        var lastDot = domain.LastIndexOf('.');
        var tld = lastDot > 0 && lastDot < domain.Length - 1 ? domain[lastDot..] : "";
        return $"{local[0]}{Stars}@{domain[0]}{Stars}{tld}";
    }

    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return phone;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 7) return "******";
        var plus = phone.TrimStart().StartsWith('+') ? "+" : "";
        return $"{plus}{digits[..2]}******{digits[^4..]}";
    }
}
