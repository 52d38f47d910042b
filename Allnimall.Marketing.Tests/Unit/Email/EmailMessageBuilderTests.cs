using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Messaging;

namespace Allnimall.Marketing.Tests.Unit.Email;

public sealed class EmailMessageBuilderTests
{
    private static EmailMessageBuilder Builder(Action<EmailOptions>? configure = null)
    {
        var options = new EmailOptions { From = "news@shop.example" };
        configure?.Invoke(options);
        return new(new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<EmailOptions>(options));
    }

    private static OutgoingMessage Message(IReadOnlyDictionary<string, string>? headers = null, string? senderName = null, string? senderAddress = null) =>
        new(Guid.Parse("0195f0c2-1111-7000-8000-0000000000aa"), DeliveryChannel.Email, "ani@example.com", "Hi", "<p>Hi</p>",
            senderName, senderAddress, Headers: headers);

    [Fact]
    public void The_campaigns_sender_wins_over_the_default_and_names_the_message_id_and_verp_domain()
    {
        var built = Builder().Build(Message(senderName: "Cat Club", senderAddress: "club@cats.example"), DateTimeOffset.UtcNow);

        Assert.Equal("\"Cat Club\" <club@cats.example>", built.Message.From.ToString());
        Assert.Equal("0195f0c2-1111-7000-8000-0000000000aa@cats.example", built.Message.MessageId);
        Assert.Equal("bounces+0195f0c21111700080000000000000aa@cats.example", built.EnvelopeFrom.Address);
    }

    [Fact]
    public void Configured_domains_and_local_part_are_used()
    {
        var built = Builder(o => (o.MessageIdDomain, o.ReturnPathDomain, o.ReturnPathLocalPart) = ("mid.example", "bounce.example", "rp")).Build(Message(), DateTimeOffset.UtcNow);

        Assert.EndsWith("@mid.example", built.Message.MessageId, StringComparison.Ordinal);
        Assert.StartsWith("rp+", built.EnvelopeFrom.Address, StringComparison.Ordinal);
        Assert.EndsWith("@bounce.example", built.EnvelopeFrom.Address, StringComparison.Ordinal);
    }

    [Fact]
    public void Channel_headers_cannot_replace_the_messages_identity_or_inject_lines()
    {
        var built = Builder().Build(Message(new Dictionary<string, string>
        {
            ["From"] = "ceo@bank.example", ["Message-ID"] = "<forged@x>", ["X-Evil"] = "a\r\nBcc: victim@example.com",
            ["List-Unsubscribe"] = "<https://shop.example/u/1>",
        }), DateTimeOffset.UtcNow);

        Assert.Equal("news@shop.example", built.Message.From.Mailboxes.Single().Address);
        Assert.Equal("0195f0c2-1111-7000-8000-0000000000aa@shop.example", built.Message.MessageId);
        Assert.False(built.Message.Headers.Contains("X-Evil"));
        Assert.Empty(built.Message.Bcc);
        Assert.Equal("<https://shop.example/u/1>", built.Message.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public void The_text_part_reads_like_the_html()
    {
        var text = HtmlToText.Convert("<html><head><style>p{color:red}</style></head><body><h1>Sale</h1><p>Hi <b>Ani</b>,</p>" +
            "<ul><li>Cat food</li><li>Toys</li></ul><p><a href=\"https://shop.example/s\">Shop now</a></p><script>x()</script></body></html>");

        Assert.Equal("Sale\n\nHi Ani,\n\n- Cat food\n\n- Toys\n\nShop now (https://shop.example/s)", text);
    }

    [Fact]
    public void The_hidden_preheader_is_not_part_of_the_text()
    {
        var text = HtmlToText.Convert("<body><div style=\"display: none; max-height:0\">Our biggest savings</div><h1>Sale</h1></body>");

        Assert.Equal("Sale", text);
    }
}
