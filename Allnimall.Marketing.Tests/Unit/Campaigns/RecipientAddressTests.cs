using Allnimall.Marketing.Core.Campaigns;

namespace Allnimall.Marketing.Tests.Unit.Campaigns;

public sealed class RecipientAddressTests
{
    [Theory]
    [InlineData("qa@example.com", "qa@example.com")]
    [InlineData("  qa@example.com ", "qa@example.com")]
    [InlineData("qa", null)]
    [InlineData("qa@localhost", null)]
    [InlineData("Ani <ani@example.com>", null)]
    [InlineData("a@example.com, b@example.com", null)]
    [InlineData("", null)]
    public void An_email_recipient_is_one_plain_address(string text, string? expected) => Assert.Equal(expected, RecipientAddress.Email(text));

    [Theory]
    [InlineData("+6281234567890", "+6281234567890")]
    [InlineData("+62 812-3456-7890", "+6281234567890")]
    [InlineData("081234567890", null)]
    [InlineData("+0123456789", null)]
    [InlineData("+62abc", null)]
    [InlineData("+1234567890123456", null)]
    public void A_phone_recipient_is_e164(string text, string? expected) => Assert.Equal(expected, RecipientAddress.Phone(text));
}
