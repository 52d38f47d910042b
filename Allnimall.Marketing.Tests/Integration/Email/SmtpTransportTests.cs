using System.Net;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Smtp;
using Allnimall.Marketing.Core.Email.Suppression;
using Allnimall.Marketing.Core.Messaging;
using Allnimall.Marketing.Tests.Support;
using MimeKit;
using netDumbster.smtp;

namespace Allnimall.Marketing.Tests.Integration.Email;

/// <summary>The SMTP transport against real SMTP servers on loopback: netDumbster (in process) and the scripted server.</summary>
public sealed class SmtpTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OutgoingMessage Message(string to, string subject = "Hello", IReadOnlyDictionary<string, string>? headers = null) =>
        new(Guid.CreateVersion7(), DeliveryChannel.Email, to, subject,
            "<html><body><h1>Big sale</h1><p>Hello <b>Ani</b>, see <a href=\"https://shop.example/sale\">the sale</a>.</p></body></html>",
            Headers: headers);

    private static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));

    [Fact]
    public async Task A_message_arrives_with_message_id_verp_delivery_header_channel_headers_and_html_plus_text_parts()
    {
        using var server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var rig = await SmtpTestRig.CreateAsync(server.Configuration.Port);
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = "<https://shop.example/u/abc>, <mailto:unsubscribe@shop.example?subject=abc>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        };
        var message = Message("ani@example.com", "Big sale for Ani", headers);

        var result = await rig.Transport.SendAsync(message, Ct);

        var sent = Assert.IsType<TransportResult.Sent>(result);
        Assert.Equal($"{message.DeliveryId:D}@shop.example", sent.ProviderMessageId);
        var received = Parse(Assert.Single(server.ReceivedEmail).Data);
        Assert.Equal($"{message.DeliveryId:D}@shop.example", received.MessageId);
        Assert.Equal("Big sale for Ani", received.Subject);
        Assert.Equal("\"Pet Shop\" <news@shop.example>", received.From.ToString());
        Assert.Equal("ani@example.com", received.To.Mailboxes.Single().Address);
        Assert.Equal(message.DeliveryId.ToString("D"), received.Headers[EmailMessageBuilder.DeliveryHeader]);
        Assert.Equal(headers["List-Unsubscribe"], received.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", received.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("<b>Ani</b>", received.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Hello Ani, see the sale (https://shop.example/sale).", received.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<", received.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_envelope_sender_is_the_per_delivery_verp_address()
    {
        await using var server = new ScriptedSmtpServer();
        await using var rig = await SmtpTestRig.CreateAsync(server.Port);
        var message = Message("ani@example.com");

        Assert.IsType<TransportResult.Sent>(await rig.Transport.SendAsync(message, Ct));

        var accepted = Assert.Single(server.Accepted);
        Assert.Equal($"bounces+{message.DeliveryId:N}@bounce.shop.example", accepted.MailFrom);
        Assert.Equal(["ani@example.com"], accepted.Recipients);
    }

    [Fact]
    public async Task Messages_reuse_the_pooled_connection()
    {
        using var dumbster = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        await using var rig = await SmtpTestRig.CreateAsync(dumbster.Configuration.Port, poolSize: 2);
        var messages = Enumerable.Range(0, 6).Select(i => Message($"c{i}@example.com", $"Message {i}")).ToList();

        foreach (var message in messages) Assert.IsType<TransportResult.Sent>(await rig.Transport.SendAsync(message, Ct));

        Assert.Equal(1, rig.Pool.ConnectionsOpened); // sequential sends never need a second connection
        Assert.Equal(messages.Select(m => m.DeliveryId.ToString("D")).Order(),
            dumbster.ReceivedEmail.Select(e => Parse(e.Data).Headers[EmailMessageBuilder.DeliveryHeader]).Order());
    }

    [Fact]
    public async Task Concurrent_sends_use_at_most_pool_size_connections_at_the_server()
    {
        await using var server = new ScriptedSmtpServer();
        await using var rig = await SmtpTestRig.CreateAsync(server.Port, poolSize: 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => rig.Transport.SendAsync(Message($"c{i}@example.com"), Ct)));

        Assert.All(results, r => Assert.IsType<TransportResult.Sent>(r));
        Assert.Equal(12, server.Accepted.Count);
        Assert.InRange(server.Connections, 1, 2);
    }

    [Fact]
    public async Task A_5xx_for_one_recipient_fails_only_that_delivery_as_a_hard_bounce_and_suppresses_the_address()
    {
        await using var server = new ScriptedSmtpServer { RecipientReply = to => to == "gone@example.com" ? "550 5.1.1 <gone@example.com>: No such user" : null };
        await using var rig = await SmtpTestRig.CreateAsync(server.Port);

        var before = await rig.Transport.SendAsync(Message("ani@example.com"), Ct);
        var bounced = await rig.Transport.SendAsync(Message("gone@example.com"), Ct);
        var after = await rig.Transport.SendAsync(Message("budi@example.com"), Ct);

        Assert.IsType<TransportResult.Sent>(before);
        var failure = Assert.IsType<TransportResult.PermanentFailure>(bounced);
        Assert.StartsWith("hard bounce: 550", failure.Error, StringComparison.Ordinal);
        Assert.Contains("No such user", failure.Error, StringComparison.Ordinal);
        Assert.IsType<TransportResult.Sent>(after);
        Assert.Equal(["ani@example.com", "budi@example.com"], server.Accepted.Select(m => m.Recipients.Single()));
        Assert.Equal(1, server.Connections); // the rejection did not cost the connection
        Assert.True(await rig.Suppressions.IsListedAsync("GONE@example.com", Ct));
    }

    [Fact]
    public async Task A_5xx_policy_rejection_fails_the_delivery_without_suppressing_the_address()
    {
        await using var server = new ScriptedSmtpServer { RecipientReply = _ => "554 5.7.1 Relay access denied" };
        await using var rig = await SmtpTestRig.CreateAsync(server.Port);

        var result = await rig.Transport.SendAsync(Message("ani@example.com"), Ct);

        Assert.StartsWith("hard bounce: 554", Assert.IsType<TransportResult.PermanentFailure>(result).Error, StringComparison.Ordinal);
        Assert.False(await rig.Suppressions.IsListedAsync("ani@example.com", Ct)); // 5.7.x is about us, not the address
    }

    [Fact]
    public async Task A_4xx_reply_is_a_transient_failure()
    {
        await using var server = new ScriptedSmtpServer { RecipientReply = _ => "451 4.3.0 Try again later" };
        await using var rig = await SmtpTestRig.CreateAsync(server.Port);

        var result = await rig.Transport.SendAsync(Message("ani@example.com"), Ct);

        Assert.Contains("451", Assert.IsType<TransportResult.TransientFailure>(result).Error, StringComparison.Ordinal);
        Assert.Empty(server.Accepted);
    }

    [Fact]
    public async Task A_4xx_after_the_data_is_a_transient_failure_and_the_next_attempt_succeeds()
    {
        await using var server = new ScriptedSmtpServer { AfterData = n => n == 0 ? "452 4.2.2 Mailbox full, try later" : "250 2.0.0 Ok" };
        await using var rig = await SmtpTestRig.CreateAsync(server.Port);
        var message = Message("ani@example.com");

        Assert.IsType<TransportResult.TransientFailure>(await rig.Transport.SendAsync(message, Ct));
        Assert.IsType<TransportResult.Sent>(await rig.Transport.SendAsync(message, Ct));

        Assert.Single(server.Accepted);
    }

    [Fact]
    public async Task No_server_listening_is_a_transient_failure()
    {
        int port;
        await using (var closed = new ScriptedSmtpServer()) port = closed.Port;
        await using var rig = await SmtpTestRig.CreateAsync(port);

        var result = await rig.Transport.SendAsync(Message("ani@example.com"), Ct);

        Assert.Contains("before DATA", Assert.IsType<TransportResult.TransientFailure>(result).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_after_the_data_throws_so_the_outcome_is_unknown()
    {
        await using var server = new ScriptedSmtpServer { AfterData = _ => null };
        await using var rig = await SmtpTestRig.CreateAsync(server.Port);

        var error = await Assert.ThrowsAsync<SmtpOutcomeUnknownException>(() => rig.Transport.SendAsync(Message("ani@example.com"), Ct));

        Assert.StartsWith("connection lost after DATA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_closes_the_connection_every_few_messages_loses_and_doubles_nothing()
    {
        await using var server = new ScriptedSmtpServer { CloseAfterMessages = 3 };
        await using var rig = await SmtpTestRig.CreateAsync(server.Port);
        var messages = Enumerable.Range(0, 10).Select(i => Message($"c{i}@example.com")).ToList();

        foreach (var message in messages) Assert.IsType<TransportResult.Sent>(await rig.Transport.SendAsync(message, Ct));

        var ids = server.Accepted.Select(m => m.Parse().MessageId).ToList();
        Assert.Equal(10, ids.Distinct().Count());
        Assert.Equal(4, server.Connections);
    }

    [Fact]
    public async Task Test_sends_do_not_suppress_the_address_they_bounce_on()
    {
        await using var server = new ScriptedSmtpServer { RecipientReply = _ => "550 5.1.1 No such user" };
        await using var rig = await SmtpTestRig.CreateAsync(server.Port);

        var result = await rig.Transport.SendAsync(Message("typo@example.com") with { IsTest = true }, Ct);

        Assert.IsType<TransportResult.PermanentFailure>(result);
        Assert.False(await rig.Suppressions.IsListedAsync("typo@example.com", Ct));
    }

    [Fact]
    public async Task Sms_is_refused_by_the_smtp_transport()
    {
        await using var rig = await SmtpTestRig.CreateAsync(1);
        var sms = new OutgoingMessage(Guid.CreateVersion7(), DeliveryChannel.Sms, "+6281234567890", null, "Hi");

        Assert.IsType<TransportResult.PermanentFailure>(await rig.Transport.SendAsync(sms, Ct));
    }

    [Fact]
    public async Task T22_line_breaks_cannot_inject_headers_and_non_ascii_is_encoded()
    {
        await using var server = new ScriptedSmtpServer();
        await using var rig = await SmtpTestRig.CreateAsync(server.Port);
        var message = new OutgoingMessage(Guid.CreateVersion7(), DeliveryChannel.Email, "ani@example.com", "Sale\r\nBcc: victim@example.test — Diskon 🐱",
            "<p>Hi</p>", SenderName: "Pet Shop\r\nX-Evil: 1", SenderAddress: "news@shop.example");

        Assert.IsType<TransportResult.Sent>(await rig.Transport.SendAsync(message, Ct));

        var accepted = Assert.Single(server.Accepted);
        var raw = accepted.Data;
        var headerBlock = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.DoesNotContain("\nBcc:", headerBlock, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\nX-Evil:", headerBlock, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("=?utf-8?", headerBlock, StringComparison.OrdinalIgnoreCase); // RFC 2047 for the non-ASCII subject
        Assert.Equal(["ani@example.com"], accepted.Recipients);
        var parsed = accepted.Parse();
        Assert.Equal("Sale Bcc: victim@example.test — Diskon 🐱", parsed.Subject);
        Assert.Empty(parsed.Bcc);
        Assert.Single(parsed.Headers, h => h.Id == HeaderId.Subject);
        Assert.NotEqual(DateTimeOffset.MinValue, parsed.Date);
    }

    [Theory]
    [InlineData("421 4.7.0 Try again in 30 seconds", 30)]
    [InlineData("454 4.7.0 Throttling failure: Maximum sending rate exceeded", 60)]
    [InlineData("451 4.7.1 Rate limit reached, retry in 2 minutes", 120)]
    public async Task A_throttling_reply_asks_the_dispatcher_to_wait_with_the_relays_hint(string reply, int seconds)
    {
        await using var server = new ScriptedSmtpServer { RecipientReply = _ => reply };
        await using var rig = await SmtpTestRig.CreateAsync(server.Port);

        var result = await rig.Transport.SendAsync(Message("ani@example.com"), Ct);

        var throttled = Assert.IsType<TransportResult.Throttled>(result);
        Assert.Equal(TimeSpan.FromSeconds(seconds), throttled.RetryAfter);
        Assert.Contains(reply[..3], throttled.Error, StringComparison.Ordinal);
    }
}
