using System.Buffers.Text;
using Allnimall.Marketing.Core.Tracking;
using Microsoft.Extensions.Time.Testing;

namespace Allnimall.Marketing.Tests.Unit.Tracking;

/// <summary>T25: tracking tokens are signed, tamper-evident, expire, and rotate; T16: a 45-day-old link still works.</summary>
public sealed class TrackingTokenSignerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private static readonly Guid Delivery = Guid.NewGuid();

    [Fact]
    public void A_signed_token_verifies_to_its_delivery_kind_link_and_time()
    {
        var signer = TrackingTestSigner.Signer(_clock);

        var token = signer.Verify(signer.Sign(Delivery, TrackingTokenKind.Click, 7), TrackingTokenKind.Click);

        Assert.Equal(new TrackingToken(Delivery, TrackingTokenKind.Click, 7, _clock.GetUtcNow()), token);
    }

    [Fact]
    public void T25_every_flipped_byte_is_refused()
    {
        var signer = TrackingTestSigner.Signer(_clock);
        var bytes = Base64Url.DecodeFromChars(signer.Sign(Delivery, TrackingTokenKind.Click, 3));

        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = bytes.ToArray();
            tampered[i] ^= 0x01;
            Assert.Null(signer.Verify(Base64Url.EncodeToString(tampered), TrackingTokenKind.Click));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("<script>alert(1)</script>")]
    public void T25_garbage_is_refused(string token) =>
        Assert.Null(TrackingTestSigner.Signer(_clock).Verify(token, TrackingTokenKind.Open));

    [Fact]
    public void T25_a_token_of_another_kind_is_refused()
    {
        var signer = TrackingTestSigner.Signer(_clock);

        Assert.Null(signer.Verify(signer.Sign(Delivery, TrackingTokenKind.Open), TrackingTokenKind.Unsubscribe));
    }

    [Fact]
    public void T16_a_45_day_old_unsubscribe_token_works_and_one_past_the_lifetime_does_not()
    {
        var signer = TrackingTestSigner.Signer(_clock);
        var token = signer.Sign(Delivery, TrackingTokenKind.Unsubscribe);

        _clock.Advance(TimeSpan.FromDays(45));
        Assert.NotNull(signer.Verify(token, TrackingTokenKind.Unsubscribe));
        _clock.Advance(new EmailTrackingOptions().TokenLifetime - TimeSpan.FromDays(45) + TimeSpan.FromSeconds(1));
        Assert.Null(signer.Verify(token, TrackingTokenKind.Unsubscribe));
    }

    [Fact]
    public void T25_after_rotation_old_tokens_verify_while_the_old_key_is_listed_then_fail()
    {
        var old = TrackingTestSigner.Signer(_clock, TrackingTestSigner.KeyOne).Sign(Delivery, TrackingTokenKind.Open);
        var rotated = TrackingTestSigner.Signer(_clock, TrackingTestSigner.KeyTwo, TrackingTestSigner.KeyOne);
        var retired = TrackingTestSigner.Signer(_clock, TrackingTestSigner.KeyTwo);

        Assert.NotNull(rotated.Verify(old, TrackingTokenKind.Open));
        Assert.NotNull(retired.Verify(rotated.Sign(Delivery, TrackingTokenKind.Open), TrackingTokenKind.Open));
        Assert.Null(retired.Verify(old, TrackingTokenKind.Open));
    }

    [Fact]
    public void T25_tokens_of_different_deliveries_share_no_signature()
    {
        var signer = TrackingTestSigner.Signer(_clock);
        var macs = Enumerable.Range(0, 1_000)
            .Select(_ => Convert.ToHexString(Base64Url.DecodeFromChars(signer.Sign(Guid.NewGuid(), TrackingTokenKind.Open))[^16..]))
            .ToHashSet();

        Assert.Equal(1_000, macs.Count);
    }
}
