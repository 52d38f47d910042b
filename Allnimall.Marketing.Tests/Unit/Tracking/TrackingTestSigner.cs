using Allnimall.Marketing.Core.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Allnimall.Marketing.Tests.Unit.Tracking;

/// <summary>Signers and composers with fixed test keys.</summary>
public static class TrackingTestSigner
{
    public static readonly TrackingSigningKey KeyOne = new() { Id = 1, Secret = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()) };
    public static readonly TrackingSigningKey KeyTwo = new() { Id = 2, Secret = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray()) };

    public static EmailTrackingOptions Options(params TrackingSigningKey[] keys) => new()
    {
        BaseUrl = "https://mail.toko.example", UnsubscribeMailDomain = "toko.example", SigningKeys = keys.Length == 0 ? [KeyOne] : [.. keys],
    };

    public static TrackingTokenSigner Signer(TimeProvider clock, params TrackingSigningKey[] keys) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(keys)), clock, NullLogger<TrackingTokenSigner>.Instance);

    public static EmailTrackingComposer Composer(TimeProvider clock) =>
        new(Signer(clock), Microsoft.Extensions.Options.Options.Create(Options()));
}
