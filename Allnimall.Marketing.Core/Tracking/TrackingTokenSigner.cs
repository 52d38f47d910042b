using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Buffers.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Core.Tracking;

/// <summary>
/// Signs and verifies tracking tokens: base64url of a 29-byte payload (version, key id, kind, delivery id, link index,
/// issued-at in Unix seconds) followed by the first 16 bytes of its HMAC-SHA256. Keys come from configuration
/// (<see cref="EmailTrackingOptions.SigningKeys"/>) rather than ASP.NET Data Protection: Data Protection payloads are
/// ~100 bytes longer (a URL per link in every email) and its key ring is per application, while tracking links must
/// keep working across hosts and key rotations for months; explicit key ids make rotation visible and testable.
/// A token names a delivery and a link index only; nothing in it is a destination.
/// </summary>
public sealed class TrackingTokenSigner
{
    private const byte Version = 1;
    private const int PayloadLength = 29;
    private const int MacLength = 16;
    private readonly Dictionary<byte, byte[]> _keys;
    private readonly byte _currentKey;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public TrackingTokenSigner(IOptions<EmailTrackingOptions> options, TimeProvider clock, ILogger<TrackingTokenSigner> logger)
    {
        _clock = clock;
        _lifetime = options.Value.TokenLifetime;
        var configured = options.Value.SigningKeys;
        if (configured.Count == 0)
        {
            logger.LogWarning("Email:Tracking:SigningKeys is empty: tracking and unsubscribe links are signed with a random key and stop working after a restart.");
            configured = [new TrackingSigningKey { Id = 0, Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }];
        }
        _keys = configured.ToDictionary(k => k.Id, k => Convert.FromBase64String(k.Secret));
        _currentKey = configured[0].Id;
    }

    public string Sign(Guid deliveryId, TrackingTokenKind kind, int linkIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(linkIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(linkIndex, ushort.MaxValue);
        Span<byte> token = stackalloc byte[PayloadLength + MacLength];
        token[0] = Version;
        token[1] = _currentKey;
        token[2] = (byte)kind;
        deliveryId.TryWriteBytes(token.Slice(3, 16));
        BinaryPrimitives.WriteUInt16BigEndian(token.Slice(19, 2), (ushort)linkIndex);
        BinaryPrimitives.WriteInt64BigEndian(token.Slice(21, 8), _clock.GetUtcNow().ToUnixTimeSeconds());
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_keys[_currentKey], token[..PayloadLength], mac);
        mac[..MacLength].CopyTo(token[PayloadLength..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The token's content when it is well formed, signed by a known key, of <paramref name="kind"/> and not expired; otherwise null.</summary>
    public TrackingToken? Verify(string? token, TrackingTokenKind kind)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 80) return null;
        Span<byte> bytes = stackalloc byte[64];
        // The OperationStatus overload: TryDecodeFromChars throws on characters outside the alphabet.
        if (Base64Url.DecodeFromChars(token, bytes, out _, out var length) != OperationStatus.Done || length != PayloadLength + MacLength) return null;
        bytes = bytes[..length];
        if (bytes[0] != Version || !_keys.TryGetValue(bytes[1], out var key)) return null;
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, bytes[..PayloadLength], mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacLength], bytes[PayloadLength..])) return null;
        if (bytes[2] != (byte)kind) return null;
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(21, 8)));
        var now = _clock.GetUtcNow();
        // A token from the future was not issued by us (or the clock jumped back): refuse it too.
        if (issuedAt > now + TimeSpan.FromMinutes(5) || now - issuedAt > _lifetime) return null;
        return new TrackingToken(new Guid(bytes.Slice(3, 16)), kind, BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(19, 2)), issuedAt);
    }
}
