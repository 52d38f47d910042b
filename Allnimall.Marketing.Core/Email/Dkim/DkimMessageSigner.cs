using MimeKit;
using MimeKit.Cryptography;

namespace Allnimall.Marketing.Core.Email.Dkim;

/// <summary>
/// Signs outgoing email with DKIM (rsa-sha256, relaxed/relaxed) over From, To, Subject, Date, Message-ID and, when the
/// message carries them, List-Unsubscribe and List-Unsubscribe-Post (RFC 8058 requires both to be signed).
/// </summary>
public sealed class DkimMessageSigner
{
    private static readonly string[] AlwaysSigned = ["From", "To", "Subject", "Date", "Message-ID"];
    private static readonly string[] SignedWhenPresent = ["List-Unsubscribe", "List-Unsubscribe-Post"];
    private readonly DkimSigner signer;

    public DkimMessageSigner(DkimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled) throw new InvalidOperationException("Email:Dkim needs Domain, Selector and PrivateKeyPem or PrivateKeyPath.");
        var pem = string.IsNullOrWhiteSpace(options.PrivateKeyPem) ? File.ReadAllText(options.PrivateKeyPath!) : options.PrivateKeyPem;
        signer = new NativeRsaDkimSigner(pem, options.Domain!.Trim(), options.Selector!.Trim())
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            AgentOrUserIdentifier = "@" + options.Domain.Trim(),
        };
    }

    /// <summary>The header fields a signature of <paramref name="message"/> covers.</summary>
    public static IReadOnlyList<string> SignedHeaders(MimeMessage message) =>
        [.. AlwaysSigned, .. SignedWhenPresent.Where(h => message.Headers.Contains(h))];

    public void Sign(MimeMessage message)
    {
        // Fix the transfer encodings first: a relay that re-encodes 8bit parts would break the body hash.
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, SignedHeaders(message).ToList());
    }
}
