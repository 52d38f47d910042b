using Allnimall.Marketing.Core.Email.Bounces;
using Allnimall.Marketing.Tests.Support;

namespace Allnimall.Marketing.Tests.Unit.Email;

public sealed class BounceParserTests
{
    private static readonly Guid Delivery = Guid.Parse("0195f0c2-1111-7000-8000-000000000001");

    [Fact]
    public void A_5_1_1_dsn_is_a_hard_bounce_for_the_verp_delivery()
    {
        var report = BounceParser.Parse(DsnSamples.Bounce(Delivery, "gone@example.com", "5.1.1"), "bounces");

        Assert.NotNull(report);
        Assert.Equal(BounceKind.Hard, report.Kind);
        Assert.Equal(Delivery, report.DeliveryId);
        Assert.Equal("gone@example.com", report.Recipient);
        Assert.Equal("5.1.1", report.Status);
        Assert.Contains("User unknown", report.Diagnostic, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4.2.2")] // mailbox full, given up after retries
    [InlineData("5.2.2")] // mailbox full reported as permanent: still soft (RFC 3463 says it may clear)
    public void Mailbox_full_is_a_soft_bounce(string status)
    {
        Assert.Equal(BounceKind.Soft, BounceParser.Parse(DsnSamples.Bounce(Delivery, "full@example.com", status), "bounces")?.Kind);
    }

    [Fact]
    public void Without_verp_the_returned_messages_delivery_header_names_the_delivery()
    {
        var report = BounceParser.Parse(DsnSamples.Bounce(Delivery, "gone@example.com", "5.1.1", verp: false), "bounces");

        Assert.Equal(Delivery, report?.DeliveryId);
    }

    [Fact]
    public void Returned_headers_only_also_name_the_delivery()
    {
        var report = BounceParser.Parse(DsnSamples.Bounce(Delivery, "gone@example.com", "5.1.1", verp: false, headersOnly: true), "bounces");

        Assert.Equal(Delivery, report?.DeliveryId);
    }

    [Fact]
    public void A_verp_address_with_another_local_part_is_not_ours()
    {
        Assert.Null(BounceParser.Parse(DsnSamples.Bounce(Delivery, "gone@example.com", "5.1.1", returnedHeader: false), "returns"));
    }

    [Fact]
    public void A_bounce_naming_no_delivery_is_ignored()
    {
        Assert.Null(BounceParser.Parse(DsnSamples.Bounce(Delivery, "gone@example.com", "5.1.1", verp: false, returnedHeader: false), "bounces"));
    }

    [Theory]
    [InlineData("delayed", "4.4.7")]
    [InlineData("delivered", "2.0.0")]
    [InlineData("relayed", "2.0.0")]
    public void Delay_and_success_notices_are_not_bounces(string action, string status)
    {
        Assert.Null(BounceParser.Parse(DsnSamples.Bounce(Delivery, "ani@example.com", status, action), "bounces"));
    }

    [Fact]
    public void An_arf_abuse_report_is_a_complaint()
    {
        var report = BounceParser.Parse(DsnSamples.Complaint(Delivery, "ani@example.com"), "bounces");

        Assert.Equal(BounceKind.Complaint, report?.Kind);
        Assert.Equal(Delivery, report?.DeliveryId);
        Assert.Equal("ani@example.com", report?.Recipient);
    }

    [Fact]
    public void An_auto_reply_is_not_a_bounce()
    {
        Assert.Null(BounceParser.Parse(DsnSamples.AutoReply($"bounces+{Delivery:N}@bounce.shop.example"), "bounces"));
    }
}
