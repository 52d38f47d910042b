namespace Allnimall.Marketing.Core.Tracking;

/// <summary>One HMAC key: its id (0-255, carried in every token) and its secret (base64, at least 32 bytes).</summary>
public sealed class TrackingSigningKey
{
    public byte Id { get; set; }
    public string Secret { get; set; } = "";
}
