using System.Text.RegularExpressions;

namespace Allnimall.Marketing.Core.Store.Ingest;

/// <summary>
/// Checks and cleans the fields of one row. Each method reports a failure under the field's JSON name and returns the
/// cleaned value (trimmed text, UTC time, money rounded to cents), or null when it is missing or invalid.
/// </summary>
internal sealed partial class RowValidator(Action<string, string> fail, DateTime now)
{
    /// <summary>decimal(15,2): thirteen digits before the point.</summary>
    private const decimal MaxMoney = 9_999_999_999_999.99m;

    private static readonly DateTime EarliestTime = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public bool IsValid { get; private set; } = true;

    public void Fail(string field, string message)
    {
        IsValid = false;
        fail(field, message);
    }

    public string? Text(string field, string? value, int maxLength, bool required = false)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            if (required) Fail(field, "Required.");
            return null;
        }
        if (text.Length > maxLength)
        {
            Fail(field, $"At most {maxLength} characters (got {text.Length}).");
            return null;
        }
        return text;
    }

    public string? Email(string field, string? value, int maxLength)
    {
        var email = Text(field, value, maxLength);
        if (email is null || EmailPattern().IsMatch(email)) return email;
        Fail(field, "Not a valid email address.");
        return null;
    }

    /// <summary>International format: a plus sign and 7–15 digits; spaces, dashes, dots and brackets are dropped.</summary>
    public string? Phone(string field, string? value, int maxLength)
    {
        var text = Text(field, value, maxLength);
        if (text is null) return null;
        var phone = PhoneSeparators().Replace(text, "");
        if (PhonePattern().IsMatch(phone)) return phone;
        Fail(field, "Not a valid phone number: use the international format, e.g. +628123456789.");
        return null;
    }

    public TEnum? Enum<TEnum>(string field, string? value) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (StoreEnums.TryParse<TEnum>(value, out var parsed)) return parsed;
        Fail(field, $"Unknown value; use one of: {string.Join(", ", StoreEnums.Names<TEnum>())}.");
        return null;
    }

    public decimal? Money(string field, decimal? value, bool required = false)
    {
        if (value is null)
        {
            if (required) Fail(field, "Required.");
            return null;
        }
        if (value < 0)
        {
            Fail(field, "Must not be negative.");
            return null;
        }
        if (value > MaxMoney)
        {
            Fail(field, $"Must be at most {MaxMoney:0.00}.");
            return null;
        }
        return Math.Round(value.Value, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>A time with an offset or Z is converted to UTC; one without is taken as UTC.</summary>
    public DateTime? Time(string field, DateTime? value, bool required = false)
    {
        if (value is null)
        {
            if (required) Fail(field, "Required.");
            return null;
        }
        var utc = value.Value.Kind switch
        {
            DateTimeKind.Utc => value.Value,
            DateTimeKind.Local => value.Value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value.Value, DateTimeKind.Utc),
        };
        // A day of slack for clocks that run ahead; anything later is a bug in the sender.
        if (utc < EarliestTime || utc > now.AddDays(1))
        {
            Fail(field, $"Must be between {EarliestTime:yyyy-MM-dd} and now.");
            return null;
        }
        return utc;
    }

    public DateOnly? BirthDate(string field, DateOnly? value)
    {
        if (value is null) return null;
        if (value.Value.Year >= 1900 && value.Value <= DateOnly.FromDateTime(now)) return value;
        Fail(field, "Must be a date between 1900-01-01 and today.");
        return null;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"[\s\-().]", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneSeparators();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
