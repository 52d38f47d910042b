using System.Security.Cryptography;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Allnimall.Marketing.Core.Email.Dkim;

/// <summary>
/// MimeKit's <see cref="DkimSigner"/> (canonicalization, body hash, the DKIM-Signature field) with the RSA signature
/// itself made by .NET's <see cref="RSA"/> (OpenSSL) instead of BouncyCastle's managed big-integer arithmetic: the same
/// PKCS#1 v1.5 rsa-sha256 signature, about an order of magnitude faster, which made signing the largest cost of a send.
/// One <see cref="RSA"/> per thread: a signing context is created and used within one synchronous Sign call, for one signature.
/// </summary>
internal sealed class NativeRsaDkimSigner : DkimSigner
{
    private readonly ThreadLocal<RSA> rsa;

    public NativeRsaDkimSigner(string privateKeyPem, string domain, string selector)
        : base(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(privateKeyPem)), domain, selector, DkimSignatureAlgorithm.RsaSha256)
    {
        rsa = new ThreadLocal<RSA>(() =>
        {
            var key = RSA.Create();
            key.ImportFromPem(privateKeyPem);
            return key;
        });
        _ = rsa.Value; // a key .NET cannot read fails here, at startup, not on the first send
    }

    protected override ISigner CreateSigningContext() => new Sha256RsaSigner(rsa.Value!);

    /// <summary>Hashes what MimeKit feeds it; signs the SHA-256 digest with PKCS#1 v1.5 padding, as RsaDigestSigner does.</summary>
    private sealed class Sha256RsaSigner(RSA key) : ISigner
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public string AlgorithmName => "SHA-256withRSA";

        public void Init(bool forSigning, ICipherParameters parameters)
        {
            if (!forSigning) throw new NotSupportedException("This context only signs.");
        }

        public void Update(byte input) => hash.AppendData([input]);

        public void BlockUpdate(byte[] input, int inOff, int inLen) => hash.AppendData(input, inOff, inLen);

        public void BlockUpdate(ReadOnlySpan<byte> input) => hash.AppendData(input);

        public int GetMaxSignatureSize() => key.KeySize / 8;

        /// <summary>The signature; the context is done after it (the hash's native handle is released now, not by the finalizer).</summary>
        public byte[] GenerateSignature()
        {
            using (hash) return key.SignHash(hash.GetHashAndReset(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        public bool VerifySignature(byte[] signature)
        {
            using (hash) return key.VerifyHash(hash.GetHashAndReset(), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        public void Reset() => hash.GetHashAndReset();
    }
}
