using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// Verifies signed e-CoO documents: the bytes are parsed with the reader's limits (size first, no DTD, no comments or
/// processing instructions), the signature must have the one accepted shape (the wrapping defence of
/// <see cref="ECooSignatureStructure"/>), its KeyName must name a registered P-256 key that hashes to the id, and
/// <see cref="SignedXml"/> must verify it. Then the certificate is read from the canonical bytes of the signed content
/// (the root without the Signature, exclusive c14n), whose SHA-256 must be the signed digest: nothing the reader reads
/// lies outside what was signed. Checks the document, not time, anchoring or status. Never throws on bad input;
/// stateless and thread-safe.
/// </summary>
public static class ECooVerifier
{
    /// <summary>Verifies <paramref name="signedXml"/>.</summary>
    /// <param name="signedXml">The document's exact bytes.</param>
    /// <param name="registeredPublicKey">The 65-byte uncompressed P-256 key registered under a key id, or null.</param>
    public static ECooVerification Verify(ReadOnlySpan<byte> signedXml, Func<Hash32, byte[]?> registeredPublicKey)
    {
        ArgumentNullException.ThrowIfNull(registeredPublicKey);
        var documentHash = ECooDocument.HashOf(signedXml);
        Hash32? keyId = null;
        try
        {
            var document = ECooXmlLoader.Load(signedXml, ECooLimits.MaxDocumentBytes);
            var root = ECooReader.RootOf(document);
            var signature = ECooSignatureStructure.Check(document, root);
            keyId = signature.KeyId;
            // The resolver's own failures (a store that is down) are not bad input: they propagate.
            using var key = ImportKey(signature.KeyId, registeredPublicKey(signature.KeyId));
            CheckSignature(document, signature, key);
            var signedContent = SignedContent(document);
            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(signedContent), signature.DigestValue))
                throw new ECooFormatException(ECooFailure.BadSignature, "signature: the signed content does not match the Reference's digest");
            // Canonical XML can be a little longer than its source (<a/> becomes <a></a>).
            var signedRoot = ECooReader.RootOf(ECooXmlLoader.Load(signedContent, 4 * ECooLimits.MaxDocumentBytes));
            var certificate = ECooReader.ReadRoot(signedRoot, signatureAllowed: false);
            return new ECooVerification(true, certificate, keyId, documentHash, []);
        }
        catch (ECooFormatException e)
        {
            return new ECooVerification(false, null, keyId, documentHash, [.. e.Problems.Select(m => new ECooProblem(e.Failure, m))]);
        }
    }

    private static ECDsa ImportKey(Hash32 keyId, byte[]? publicKey)
    {
        if (publicKey is null)
            throw new ECooFormatException(ECooFailure.UnknownKey, $"signature: no key is registered as {keyId}");
        // The key must hash to the id: a resolver that returns another key must not make a signature verify under it.
        if (publicKey.Length != 65 || publicKey[0] != 0x04 || Keccak256.Hash(publicKey) != keyId)
            throw new ECooFormatException(ECooFailure.UnknownKey,
                $"signature: the key registered as {keyId} is not a 65-byte uncompressed P-256 key with that id");
        try
        {
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] },
            });
        }
        catch (CryptographicException)
        {
            throw new ECooFormatException(ECooFailure.UnknownKey, $"signature: the key registered as {keyId} is not a point on P-256");
        }
    }

    private static void CheckSignature(XmlDocument document, SignatureParts signature, ECDsa key)
    {
        EcdsaSha256SignatureDescription.Register();
        bool valid;
        try
        {
            var signedXml = new SignedXml(document);
            signedXml.LoadXml(signature.Element);
            valid = signedXml.CheckSignature(key);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or XmlException or InvalidOperationException)
        {
            throw new ECooFormatException(ECooFailure.BadSignature, $"signature: cannot be checked ({e.Message})");
        }
        if (!valid)
            throw new ECooFormatException(ECooFailure.BadSignature,
                $"signature: does not verify under the key registered as {signature.KeyId} (the content or SignedInfo was changed, or another key signed)");
    }

    /// <summary>
    /// Exactly what the Reference digests: the document (no comments, none are accepted anyway) without its Signature,
    /// exclusive-c14n'd. The structure check made sure there is one Signature, the root's last element.
    /// </summary>
    private static byte[] SignedContent(XmlDocument document)
    {
        var copy = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var root = (XmlElement)copy.AppendChild(copy.ImportNode(document.DocumentElement!, deep: true))!;
        var signature = copy.GetElementsByTagName("Signature", ECooDocument.SignatureNamespace)[0]!;
        root.RemoveChild(signature);
        var c14n = new XmlDsigExcC14NTransform(includeComments: false);
        c14n.LoadInput(copy);
        using var output = (Stream)c14n.GetOutput(typeof(Stream));
        using var bytes = new MemoryStream();
        output.CopyTo(bytes);
        return bytes.ToArray();
    }
}
