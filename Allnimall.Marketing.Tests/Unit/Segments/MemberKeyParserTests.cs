using Allnimall.Marketing.Web.Components.Pages.Segments;

namespace Allnimall.Marketing.Tests.Unit.Segments;

public sealed class MemberKeyParserTests
{
    [Fact]
    public void Reads_keys_one_per_line_or_separated_and_drops_quotes_blanks_duplicates_and_a_header()
    {
        var keys = MemberKeyParser.Parse("email\r\n\"ani@example.com\"\nSTORE-1, store-1;budi@example.com\t\n\n  'citra@example.com'  ");

        Assert.Equal(["ani@example.com", "STORE-1", "budi@example.com", "citra@example.com"], keys);
    }

    [Fact]
    public void Caps_the_number_of_keys_and_ignores_absurdly_long_ones()
    {
        var text = string.Join('\n', Enumerable.Range(0, MemberKeyParser.MaxKeys + 50).Select(i => $"c{i}@example.com")) + "\n" + new string('x', 300);

        var keys = MemberKeyParser.Parse(text);

        Assert.Equal(MemberKeyParser.MaxKeys, keys.Count);
        Assert.DoesNotContain(keys, k => k.Length > 256);
    }

    [Fact]
    public void Nothing_in_nothing_out() => Assert.Empty(MemberKeyParser.Parse("  \n "));
}
