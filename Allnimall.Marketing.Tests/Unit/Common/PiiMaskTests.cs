using Allnimall.Marketing.Core.Common;

namespace Allnimall.Marketing.Tests.Unit.Common;

public sealed class PiiMaskTests
{
    [Theory]
    [InlineData("john.doe@example.com", "j***@e***.com")]
    [InlineData("siti@toko.co.id", "s***@t***.id")]
    [InlineData("a@b", "a***@b***")]
    [InlineData("not-an-email", "***")]
    [InlineData("@example.com", "***")]
    [InlineData(null, null)]
    [InlineData("", "")]
    public void Masks_emails_to_a_fixed_shape(string? email, string? expected) => Assert.Equal(expected, PiiMask.Email(email));

    [Theory]
    [InlineData("+6281234564567", "+62******4567")]
    [InlineData("+1 (555) 123-4567", "+15******4567")]
    [InlineData("081234564567", "08******4567")]
    [InlineData("12345", "******")]
    [InlineData(null, null)]
    public void Masks_phones_keeping_country_prefix_and_last_four(string? phone, string? expected) =>
        Assert.Equal(expected, PiiMask.Phone(phone));
}
