using System.Security.Cryptography;
using Allnimall.Marketing.Core.Campaigns;
using Allnimall.Marketing.Core.Email;
using Allnimall.Marketing.Core.Email.Dkim;
using Allnimall.Marketing.Core.Messaging;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Allnimall.Marketing.Tests.Unit.Email;

/// <summary>DKIM round trip: MimeKit's DkimSigner signs, DkimVerifier checks it against the test key's public half.</summary>
public sealed class DkimSigningTests
{
    private static readonly RSA Key = RSA.Create(2048);

    private static EmailMessageBuilder Builder(string? pem = null, string? path = null) => new(new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<EmailOptions>(new EmailOptions
    {
        From = "news@shop.example",
        Dkim = new DkimOptions { Domain = "shop.example", Selector = "mk1", PrivateKeyPem = pem ?? (path is null ? Key.ExportRSAPrivateKeyPem() : null), PrivateKeyPath = path },
    }));

    private static OutgoingMessage Message(IReadOnlyDictionary<string, string>? headers = null) =>
        new(Guid.CreateVersion7(), DeliveryChannel.Email, "ani@example.com", "Big sale", "<p>Hello Ani, 20% off — today only</p>", Headers: headers);

    private static MimeMessage RoundTrip(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        stream.Position = 0;
        return MimeMessage.Load(stream);
    }

    private static bool Verify(MimeMessage message)
    {
        var header = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
        return new DkimVerifier(new TestKeyLocator()).Verify(message, header);
    }

    [Fact]
    public void A_signed_message_verifies_and_covers_the_list_unsubscribe_headers()
    {
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = "<https://shop.example/u/abc>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        };
        var built = Builder().Build(Message(headers), DateTimeOffset.UtcNow);

        var received = RoundTrip(built.Message);

        Assert.True(Verify(received));
        var signature = received.Headers[HeaderId.DkimSignature];
        Assert.Contains("c=relaxed/relaxed", signature, StringComparison.Ordinal);
        Assert.Contains("d=shop.example", signature, StringComparison.Ordinal);
        Assert.Contains("s=mk1", signature, StringComparison.Ordinal);
        var signed = SignedHeaderNames(signature);
        Assert.Superset(new HashSet<string>(["from", "to", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post"]), signed);
    }

    [Fact]
    public void Without_list_unsubscribe_headers_only_the_standard_ones_are_signed()
    {
        var received = RoundTrip(Builder().Build(Message(), DateTimeOffset.UtcNow).Message);

        Assert.True(Verify(received));
        Assert.DoesNotContain("list-unsubscribe", SignedHeaderNames(received.Headers[HeaderId.DkimSignature]));
    }

    [Fact]
    public void A_tampered_unsubscribe_header_fails_verification()
    {
        var built = Builder().Build(Message(new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://shop.example/u/abc>" }), DateTimeOffset.UtcNow);
        var received = RoundTrip(built.Message);

        received.Headers["List-Unsubscribe"] = "<https://evil.example/u/abc>";

        Assert.False(Verify(received));
    }

    [Fact]
    public void The_key_can_come_from_a_pem_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dkim-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, Key.ExportRSAPrivateKeyPem());
        try
        {
            Assert.True(Verify(RoundTrip(Builder(path: path).Build(Message(), DateTimeOffset.UtcNow).Message)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Without_dkim_settings_nothing_is_signed()
    {
        var builder = new EmailMessageBuilder(new Allnimall.Marketing.Core.Common.FixedOptionsMonitor<EmailOptions>(new EmailOptions { From = "news@shop.example" }));

        Assert.False(builder.Build(Message(), DateTimeOffset.UtcNow).Message.Headers.Contains(HeaderId.DkimSignature));
    }

    private static HashSet<string> SignedHeaderNames(string? signature)
    {
        var tag = Assert.IsType<string>(signature).Split(';').Select(t => t.Trim()).Single(t => t.StartsWith("h=", StringComparison.Ordinal));
        return tag[2..].Split(':').Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
    }

    /// <summary>Answers every DNS lookup with the test key's public half (as a TXT record's p= would).</summary>
    private sealed class TestKeyLocator : DkimPublicKeyLocatorBase
    {
        private static readonly AsymmetricKeyParameter PublicKey = PublicKeyFactory.CreateKey(Key.ExportSubjectPublicKeyInfo());

        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default)
        {
            Assert.Equal("shop.example", domain);
            Assert.Equal("mk1", selector);
            return PublicKey;
        }

        public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));
    }
}
