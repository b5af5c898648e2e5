using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Evm;

namespace CredentialLedger.Credentials.Tests.Origin;

/// <summary>
/// DOM helpers for the attack tests, and a signer that signs whatever shape it is told to (another reference, more
/// transforms, another algorithm): what an attacker holding a signature over another shape, or a careless signer,
/// would produce. A <see cref="NaiveCheck"/> with plain SignedXml shows such a document IS cryptographically valid, so
/// the verifier's refusal is its own structure check at work, not a broken signature.
/// </summary>
internal static class XmlDsigTestKit
{
    public const string Ds = ECooDocument.SignatureNamespace;

    public static XmlDocument Load(byte[] bytes)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        return document;
    }

    public static byte[] Save(XmlDocument document)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), NewLineHandling = NewLineHandling.None }))
            document.Save(writer);
        return stream.ToArray();
    }

    /// <summary>Edits the document's text (the bytes are UTF-8); the find string must be there.</summary>
    public static byte[] Replace(byte[] document, string find, string replace)
    {
        var text = Encoding.UTF8.GetString(document);
        Assert.Contains(find, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(find, replace, StringComparison.Ordinal));
    }

    public static XmlNamespaceManager Namespaces(XmlDocument document)
    {
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("ds", Ds);
        ns.AddNamespace("e", ECooDocument.Namespace);
        return ns;
    }

    public static XmlElement Select(XmlDocument document, string xpath) =>
        (XmlElement?)document.SelectSingleNode(xpath, Namespaces(document)) ?? throw new InvalidOperationException($"{xpath} not found");

    public static XmlElement Signature(XmlDocument document) => Select(document, "//ds:Signature");

    /// <summary>
    /// Signs <paramref name="document"/> with <paramref name="configure"/> adding the references (none added here),
    /// ecdsa-sha256 and exclusive c14n unless <paramref name="configure"/> changes them, KeyName = <paramref name="keyId"/>;
    /// the Signature is appended to <paramref name="parent"/> (the root by default).
    /// </summary>
    public static byte[] SignAnyway(
        XmlDocument document, AsymmetricAlgorithm key, Hash32 keyId, Action<SignedXml> configure, XmlElement? parent = null, KeyedHashAlgorithm? hmac = null)
    {
        EcdsaSha256SignatureDescription.Register();
        var signedXml = new SignedXml(document) { SigningKey = key };
        signedXml.SignedInfo!.CanonicalizationMethod = ECooDocument.ExclusiveC14N;
        signedXml.SignedInfo.SignatureMethod = ECooDocument.EcdsaSha256;
        configure(signedXml);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoName(keyId.ToString()));
        signedXml.KeyInfo = keyInfo;
        if (hmac is null)
            signedXml.ComputeSignature();
        else
            signedXml.ComputeSignature(hmac);
        (parent ?? document.DocumentElement!).AppendChild(document.ImportNode(signedXml.GetXml(), deep: true));
        return Save(document);
    }

    /// <summary>A reference with the given transforms and SHA-256.</summary>
    public static Reference Reference(string uri, params Transform[] transforms)
    {
        var reference = new Reference(uri) { DigestMethod = ECooDocument.Sha256 };
        foreach (var transform in transforms)
            reference.AddTransform(transform);
        return reference;
    }

    /// <summary>The reference ECooSigner makes.</summary>
    public static Reference StandardReference() => Reference("", new XmlDsigEnvelopedSignatureTransform(), new XmlDsigExcC14NTransform());

    /// <summary>What plain SignedXml says of the (first) signature: the check a verifier without a structure check makes.</summary>
    public static bool NaiveCheck(byte[] document, AsymmetricAlgorithm key)
    {
        EcdsaSha256SignatureDescription.Register();
        var dom = Load(document);
        var signedXml = new SignedXml(dom);
        signedXml.LoadXml(Signature(dom));
        return signedXml.CheckSignature(key);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
