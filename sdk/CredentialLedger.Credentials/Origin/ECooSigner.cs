using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// Signs certificates of origin as enveloped XMLDSig (System.Security.Cryptography.Xml <see cref="SignedXml"/>):
/// Reference URI "" with transforms enveloped-signature then exclusive c14n, SHA-256 digest, SignedInfo canonicalized
/// with exclusive c14n and signed with ecdsa-sha256 (r ‖ s), KeyInfo/KeyName = the key's on-chain id, the Signature
/// the root's last element. Any XMLDSig verifier (e.g. xmlsec1) accepts the result under the public key. Thread-safe.
/// </summary>
public static class ECooSigner
{
    // The Signature element adds about 1.1 KB (more with a longer KeyName it never has); verifiers refuse larger documents.
    private const int SignatureAllowance = 2048;

    private static readonly XmlWriterSettings Output = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        NewLineHandling = NewLineHandling.None,
    };

    /// <summary>Validates <paramref name="certificate"/>, writes it with <see cref="ECooWriter"/> and signs it.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="p256PrivateKey">The chamber's P-256 signing key (with its private part); the caller keeps and disposes it.</param>
    /// <param name="keyId">The key's on-chain id: keccak-256 of its 65-byte uncompressed public key.</param>
    /// <returns>The signed document's bytes (UTF-8, no BOM); ECDSA is randomized, so each call gives other bytes.</returns>
    /// <exception cref="CertificateOfOriginValidationException">
    /// The certificate is invalid, or its document would be larger than <see cref="ECooLimits.MaxDocumentBytes"/>; nothing is signed.
    /// </exception>
    /// <exception cref="ArgumentException">The key is not P-256, or <paramref name="keyId"/> is not its id.</exception>
    public static byte[] Sign(CertificateOfOrigin certificate, ECDsa p256PrivateKey, Hash32 keyId)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(p256PrivateKey);
        CertificateOfOriginValidator.Validate(certificate);
        var publicKey = PublicKeyOf(p256PrivateKey);
        if (Keccak256.Hash(publicKey) != keyId)
            throw new ArgumentException($"{keyId} is not the id of this key (keccak-256 of its uncompressed public key).", nameof(keyId));

        var unsigned = ECooWriter.Write(certificate);
        if (unsigned.Length > ECooLimits.MaxDocumentBytes - SignatureAllowance)
            throw new CertificateOfOriginValidationException(
                $"document: the certificate's XML is {unsigned.Length} bytes; with its signature an e-CoO must stay within "
                + $"{ECooLimits.MaxDocumentBytes} bytes (fewer goods lines or shorter texts)");

        EcdsaSha256SignatureDescription.Register();
        var document = ECooXmlLoader.Load(unsigned, int.MaxValue);
        var root = document.DocumentElement!;
        // The Signature goes on its own line: indentation before it and a line end after it are part of the signed
        // content (the enveloped transform removes the Signature element only), so they are in place before signing.
        root.AppendChild(document.CreateWhitespace("  "));
        var lineEnd = root.AppendChild(document.CreateWhitespace("\n"));

        var signedXml = new SignedXml(document) { SigningKey = p256PrivateKey };
        signedXml.SignedInfo!.CanonicalizationMethod = ECooDocument.ExclusiveC14N;
        signedXml.SignedInfo.SignatureMethod = ECooDocument.EcdsaSha256;
        var reference = new Reference("") { DigestMethod = ECooDocument.Sha256 };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoName(keyId.ToString()));
        signedXml.KeyInfo = keyInfo;
        signedXml.ComputeSignature();
        root.InsertBefore(document.ImportNode(signedXml.GetXml(), deep: true), lineEnd);

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Output))
            document.Save(writer);
        var signed = stream.ToArray();

        // What leaves here must verify: a certificate that does not would be anchored and then refused by everyone.
        var check = ECooVerifier.Verify(signed, id => id == keyId ? publicKey : null);
        if (!check.Valid)
            throw new InvalidOperationException("The signed certificate does not verify: " + string.Join("; ", check.Problems.Select(p => p.Message)));
        return signed;
    }

    /// <summary>0x04 ‖ X ‖ Y of a P-256 key.</summary>
    private static byte[] PublicKeyOf(ECDsa key)
    {
        ECParameters parameters;
        try
        {
            parameters = key.ExportParameters(includePrivateParameters: false);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("The key cannot be read.", "p256PrivateKey", e);
        }
        var curve = parameters.Curve;
        var isP256 = curve.IsNamed && (curve.Oid.Value == "1.2.840.10045.3.1.7" || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "secp256r1");
        if (!isP256 || parameters.Q.X is not { Length: 32 } x || parameters.Q.Y is not { Length: 32 } y)
            throw new ArgumentException("The key is not a P-256 key.", "p256PrivateKey");
        return [0x04, .. x, .. y];
    }
}
