using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Allnimall.Marketing.Core.Discounts;

/// <summary>
/// Random promo codes from a cryptographically secure generator, so a code cannot be guessed from others. The default
/// alphabet leaves out look-alikes (0/O, 1/I/L). A request is refused when its alphabet and length leave so few codes
/// that collisions would be frequent.
/// </summary>
public static partial class PromoCodeGenerator
{
    public const string DefaultAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int MaxCount = 1_000_000;
    public const int MinLength = 6;
    public const int MaxLength = 32;
    public const int MaxPrefixLength = 20;
    public const int MaxCodeLength = 64;
    /// <summary>The code space must be this many times the codes requested: about one collision per 1,000 codes at worst.</summary>
    private const double SpaceFactor = 1_000;

    public static Dictionary<string, string[]> Validate(PromoCodeRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Count is < 1 or > MaxCount) errors[nameof(request.Count)] = [$"Generate between 1 and {MaxCount:N0} codes."];
        if (request.Length is < MinLength or > MaxLength) errors[nameof(request.Length)] = [$"Codes are {MinLength} to {MaxLength} characters long (after the prefix)."];
        var prefix = request.Prefix ?? "";
        if (prefix.Length > MaxPrefixLength || !PrefixPattern().IsMatch(prefix))
            errors[nameof(request.Prefix)] = [$"The prefix is up to {MaxPrefixLength} letters, digits or dashes, starting with a letter or digit."];
        var alphabet = AlphabetOf(request);
        if (alphabet.Length < 10 || alphabet.Distinct().Count() != alphabet.Length || !alphabet.All(char.IsAsciiLetterOrDigit))
            errors[nameof(request.Alphabet)] = ["The alphabet needs at least 10 different letters or digits."];
        else if (errors.Count == 0 && Math.Pow(alphabet.Length, request.Length) < request.Count * SpaceFactor)
            errors[nameof(request.Length)] = [$"{request.Length} characters from {alphabet.Length} leave too few codes for {request.Count:N0}; make them longer."];
        return errors;
    }

    public static string AlphabetOf(PromoCodeRequest request) =>
        string.IsNullOrWhiteSpace(request.Alphabet) ? DefaultAlphabet : request.Alphabet.Trim().ToUpperInvariant();

    /// <summary>
    /// <paramref name="count"/> distinct codes (distinct among themselves; the database checks the rest). The random
    /// characters are drawn in large blocks: one call to the secure generator per block, not per code.
    /// </summary>
    public static HashSet<string> Generate(PromoCodeRequest request, int count)
    {
        var alphabet = AlphabetOf(request);
        var prefix = (request.Prefix ?? "").ToUpperInvariant();
        var length = request.Length;
        var codes = new HashSet<string>(count, StringComparer.Ordinal);
        while (codes.Count < count)
        {
            var block = Math.Min(count - codes.Count, 65_536);
            var random = new char[block * length];
            RandomNumberGenerator.GetItems(alphabet.AsSpan(), random.AsSpan());
            for (var i = 0; i < block; i++)
                codes.Add(string.Create(prefix.Length + length, (prefix, random, i * length, length), static (span, s) =>
                {
                    s.prefix.AsSpan().CopyTo(span);
                    s.random.AsSpan(s.Item3, s.length).CopyTo(span[s.prefix.Length..]);
                }));
        }
        return codes;
    }

    [GeneratedRegex("^([A-Za-z0-9][A-Za-z0-9-]*)?$")]
    private static partial Regex PrefixPattern();
}
