using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Credentials.Origin;

/// <summary>The names and algorithms of the signed e-CoO XML, and the hash that anchors a document on chain.</summary>
public static class ECooDocument
{
    /// <summary>The namespace of the certificate elements.</summary>
    public const string Namespace = "urn:credentialledger:eco:1";

    /// <summary>The root element's local name.</summary>
    public const string RootElement = "CertificateOfOrigin";

    /// <summary>The XMLDSig namespace.</summary>
    public const string SignatureNamespace = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>Exclusive XML canonicalization without comments: SignedInfo's and the reference's canonicalization.</summary>
    public const string ExclusiveC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

    /// <summary>The enveloped-signature transform.</summary>
    public const string EnvelopedSignatureTransform = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

    /// <summary>ECDSA P-256 with SHA-256 (RFC 6931 §2.3.6); the value is r ‖ s, 64 bytes.</summary>
    public const string EcdsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

    /// <summary>SHA-256 (XML Encryption).</summary>
    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";

    /// <summary>
    /// keccak-256 of the exact bytes of a signed document: the document hash in its Merkle leaf
    /// (<see cref="Merkle.MerkleLeaf.CertificateOfOriginTag"/>). Any change to the bytes, even one c14n ignores,
    /// changes the hash.
    /// </summary>
    public static Hash32 HashOf(ReadOnlySpan<byte> signedXml) => Keccak256.Hash(signedXml);
}
