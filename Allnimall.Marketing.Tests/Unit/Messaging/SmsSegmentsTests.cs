using Allnimall.Marketing.Core.Messaging;

namespace Allnimall.Marketing.Tests.Unit.Messaging;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void Gsm7_text_fits_160_in_one_message_and_153_per_part(int length, int segments)
    {
        var count = SmsSegments.Count(new string('a', length));

        Assert.Equal(SmsEncoding.Gsm7, count.Encoding);
        Assert.Equal(length, count.Units);
        Assert.Equal(segments, count.Segments);
    }

    [Fact]
    public void Gsm_extension_characters_count_twice()
    {
        var count = SmsSegments.Count(new string('a', 158) + "€");

        Assert.Equal(SmsEncoding.Gsm7, count.Encoding);
        Assert.Equal(160, count.Units);
        Assert.Equal(1, count.Segments);
        Assert.Equal(2, SmsSegments.Count(new string('a', 159) + "[").Segments);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void One_character_outside_gsm_makes_it_ucs2_with_70_and_67_per_part(int length, int segments)
    {
        var count = SmsSegments.Count("ç" + new string('a', length - 1)); // ç is not in the GSM alphabet (Ç is)

        Assert.Equal(SmsEncoding.Ucs2, count.Encoding);
        Assert.Equal(length, count.Units);
        Assert.Equal(segments, count.Segments);
    }

    [Fact]
    public void An_emoji_takes_two_ucs2_units()
    {
        var count = SmsSegments.Count("Hi 🐶");

        Assert.Equal(SmsEncoding.Ucs2, count.Encoding);
        Assert.Equal(5, count.Units);
    }
}
