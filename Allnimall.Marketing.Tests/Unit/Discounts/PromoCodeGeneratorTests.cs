using Allnimall.Marketing.Core.Discounts;

namespace Allnimall.Marketing.Tests.Unit.Discounts;

public sealed class PromoCodeGeneratorTests
{
    [Fact]
    public void Codes_are_distinct_prefixed_and_use_only_the_alphabet_without_look_alikes()
    {
        var request = new PromoCodeRequest(20_000, "PET-", 8);

        var codes = PromoCodeGenerator.Generate(request, request.Count);

        Assert.Equal(20_000, codes.Count);
        Assert.All(codes, c => Assert.Matches("^PET-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$", c));
        Assert.DoesNotContain(codes, c => c[4..].IndexOfAny(['0', 'O', '1', 'I']) >= 0);
        // Every character of the alphabet turns up: the generator draws from all of it.
        Assert.Equal(PromoCodeGenerator.DefaultAlphabet.Length, codes.SelectMany(c => c[4..]).Distinct().Count());
    }

    [Theory]
    [InlineData(0, "", 10, null, "Count")]
    [InlineData(1_000_001, "", 10, null, "Count")]
    [InlineData(10, "", 5, null, "Length")]
    [InlineData(10, "", 33, null, "Length")]
    [InlineData(10, "BAD PREFIX", 10, null, "Prefix")]
    [InlineData(10, "", 10, "ABCAB12345", "Alphabet")]
    [InlineData(10, "", 10, "ABC", "Alphabet")]
    [InlineData(1_000_000, "", 8, "0123456789", "Length")] // 10^8 codes is too small a space for a million
    public void Refuses_requests_that_cannot_give_good_codes(int count, string prefix, int length, string? alphabet, string field)
    {
        var errors = PromoCodeGenerator.Validate(new PromoCodeRequest(count, prefix, length, alphabet));
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void A_million_codes_of_ten_characters_are_allowed() =>
        Assert.Empty(PromoCodeGenerator.Validate(new PromoCodeRequest(1_000_000, "XMAS", 10)));
}
