using System.Security.Cryptography;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// XMLDSig <c>ecdsa-sha256</c> (RFC 6931 §2.3.6) for <see cref="System.Security.Cryptography.Xml.SignedXml"/>, which has
/// no ECDSA of its own: SHA-256 digest, ECDSA over P-256, the signature value r ‖ s (64 bytes), as XMLDSig ECDSA
/// wants (not DER). Registered with <see cref="CryptoConfig"/> under <see cref="ECooDocument.EcdsaSha256"/> by the
/// e-CoO signer and verifier; public only because CryptoConfig creates registered types by reflection.
/// </summary>
public sealed class EcdsaSha256SignatureDescription : SignatureDescription
{
    /// <summary>Creates the description.</summary>
    public EcdsaSha256SignatureDescription()
    {
        KeyAlgorithm = typeof(ECDsa).AssemblyQualifiedName;
        DigestAlgorithm = typeof(SHA256).AssemblyQualifiedName;
    }

    /// <summary>Registers the description with CryptoConfig, once per process (later calls do nothing).</summary>
    public static void Register() => Registration.Done();

    /// <inheritdoc />
    public override HashAlgorithm CreateDigest() => SHA256.Create();

    /// <inheritdoc />
    public override AsymmetricSignatureFormatter CreateFormatter(AsymmetricAlgorithm key) => new Formatter(AsP256(key));

    /// <inheritdoc />
    public override AsymmetricSignatureDeformatter CreateDeformatter(AsymmetricAlgorithm key) => new Deformatter(AsP256(key));

    private static ECDsa AsP256(AsymmetricAlgorithm key) =>
        key is ECDsa { KeySize: 256 } ecdsa ? ecdsa : throw new CryptographicException("ecdsa-sha256 needs a P-256 ECDsa key.");

    private static class Registration
    {
        static Registration() => CryptoConfig.AddAlgorithm(typeof(EcdsaSha256SignatureDescription), ECooDocument.EcdsaSha256);

        public static void Done() { }
    }

    private sealed class Formatter(ECDsa key) : AsymmetricSignatureFormatter
    {
        private ECDsa _key = key;

        public override void SetKey(AsymmetricAlgorithm key) => _key = AsP256(key);

        public override void SetHashAlgorithm(string strName) { }

        public override byte[] CreateSignature(byte[] rgbHash)
        {
            ArgumentNullException.ThrowIfNull(rgbHash);
            if (rgbHash.Length != 32)
                throw new CryptographicException($"ecdsa-sha256 signs a 32-byte SHA-256 digest, not {rgbHash.Length} bytes.");
            return _key.SignHash(rgbHash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    private sealed class Deformatter(ECDsa key) : AsymmetricSignatureDeformatter
    {
        private ECDsa _key = key;

        public override void SetKey(AsymmetricAlgorithm key) => _key = AsP256(key);

        public override void SetHashAlgorithm(string strName) { }

        public override bool VerifySignature(byte[] rgbHash, byte[] rgbSignature)
        {
            ArgumentNullException.ThrowIfNull(rgbHash);
            ArgumentNullException.ThrowIfNull(rgbSignature);
            return rgbHash.Length == 32 && rgbSignature.Length == 64
                && _key.VerifyHash(rgbHash, rgbSignature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }
}
