using System.Xml;
using CredentialLedger.Evm;

namespace CredentialLedger.Credentials.Origin;

/// <summary>The parts of an accepted Signature element.</summary>
/// <param name="Element">The Signature element (the root's last child element).</param>
/// <param name="KeyId">The key id its KeyName names.</param>
/// <param name="DigestValue">The SHA-256 digest its one Reference states.</param>
internal sealed record SignatureParts(XmlElement Element, Hash32 KeyId, byte[] DigestValue);

/// <summary>
/// The wrapping defence: the signature must have exactly the one shape <see cref="ECooSigner"/> writes, so that what is
/// verified (the whole document, reference URI "") is what is read. One Signature in the whole document, the root's
/// last element; SignedInfo with exclusive c14n, ecdsa-sha256 and exactly one Reference with URI "", transforms exactly
/// [enveloped-signature, exclusive c14n] and SHA-256; SignatureValue; KeyInfo with exactly one KeyName holding a key id;
/// no Object, no Manifest, no attribute anywhere that is not listed here, no other XMLDSig element anywhere else.
/// </summary>
internal static class ECooSignatureStructure
{
    private const string Ds = ECooDocument.SignatureNamespace;
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    /// <summary>The signature's parts, or an <see cref="ECooFormatException"/> (SignatureMissing or SignatureStructure).</summary>
    public static SignatureParts Check(XmlDocument document, XmlElement root)
    {
        var signatures = document.GetElementsByTagName("Signature", Ds);
        if (signatures.Count == 0)
            throw new ECooFormatException(ECooFailure.SignatureMissing, "signature: the document has no XMLDSig Signature element");
        if (signatures.Count > 1)
            throw Structure($"signature: {signatures.Count} Signature elements; exactly one is accepted");
        var signature = (XmlElement)signatures[0]!;
        if (signature.ParentNode != root)
            throw Structure($"signature: the Signature is inside <{signature.ParentNode?.LocalName}>, not a direct child of the root");
        if (LastElement(root) != signature)
            throw Structure("signature: the Signature is not the root's last element");
        foreach (XmlElement element in document.GetElementsByTagName("*", Ds))
        {
            if (!IsWithin(element, signature))
                throw Structure($"signature: an XMLDSig <{element.LocalName}> outside the Signature");
        }

        Attributes(signature, "Signature");
        var parts = Elements(signature, "Signature", "SignedInfo", "SignatureValue", "KeyInfo");

        var signedInfo = Elements(parts[0], "SignedInfo", "CanonicalizationMethod", "SignatureMethod", "Reference");
        Attributes(parts[0], "SignedInfo");
        Algorithm(signedInfo[0], "SignedInfo/CanonicalizationMethod", ECooDocument.ExclusiveC14N);
        Algorithm(signedInfo[1], "SignedInfo/SignatureMethod", ECooDocument.EcdsaSha256);

        var reference = signedInfo[2];
        Attributes(reference, "Reference", "URI");
        if (reference.GetAttribute("URI") != "")
            throw Structure($"signature: Reference URI is '{Short(reference.GetAttribute("URI"))}'; only \"\" (the whole document) is accepted");
        var referenceParts = Elements(reference, "Reference", "Transforms", "DigestMethod", "DigestValue");
        Attributes(referenceParts[0], "Transforms");
        var transforms = Elements(referenceParts[0], "Transforms", "Transform", "Transform");
        Algorithm(transforms[0], "Transforms/Transform[1]", ECooDocument.EnvelopedSignatureTransform);
        Algorithm(transforms[1], "Transforms/Transform[2]", ECooDocument.ExclusiveC14N);
        Algorithm(referenceParts[1], "Reference/DigestMethod", ECooDocument.Sha256);
        var digest = Base64(referenceParts[2], "Reference/DigestValue", 32);

        Base64(parts[1], "SignatureValue", 64);

        Attributes(parts[2], "KeyInfo");
        var keyName = Elements(parts[2], "KeyInfo", "KeyName")[0];
        var keyText = XmlChildrenText(keyName, "KeyInfo/KeyName");
        if (!Hash32.TryParse(keyText, out var keyId) || keyId.ToString() != keyText)
            throw Structure($"signature: KeyName '{Short(keyText)}' is not a key id (0x and 64 lowercase hex digits)");
        return new SignatureParts(signature, keyId, digest);
    }

    private static XmlElement? LastElement(XmlElement parent)
    {
        for (var node = parent.LastChild; node is not null; node = node.PreviousSibling)
        {
            if (node is XmlElement element)
                return element;
        }
        return null;
    }

    private static bool IsWithin(XmlNode node, XmlElement ancestor)
    {
        for (XmlNode? n = node; n is not null; n = n.ParentNode)
        {
            if (n == ancestor)
                return true;
        }
        return false;
    }

    /// <summary>The child elements, which must be exactly <paramref name="names"/> in the XMLDSig namespace, in order.</summary>
    private static List<XmlElement> Elements(XmlElement parent, string path, params string[] names)
    {
        var elements = new List<XmlElement>();
        foreach (XmlNode node in parent.ChildNodes)
        {
            if (node is XmlElement element)
            {
                if (element.NamespaceURI != Ds)
                    throw Structure($"signature: <{element.LocalName}> in namespace '{element.NamespaceURI}' inside {path}");
                if (element.LocalName == "Object")
                    throw Structure("signature: ds:Object is not accepted");
                elements.Add(element);
            }
            else if (node is not (XmlWhitespace or XmlSignificantWhitespace))
                throw Structure($"signature: {path} holds a {node.NodeType} node; only elements are expected");
        }
        var found = string.Join(", ", elements.Select(e => e.LocalName));
        if (elements.Count != names.Length || !elements.Select(e => e.LocalName).SequenceEqual(names, StringComparer.Ordinal))
            throw Structure($"signature: {path} holds [{found}]; exactly [{string.Join(", ", names)}] is accepted");
        return elements;
    }

    /// <summary>Throws unless the element's attributes (namespace declarations aside) are exactly <paramref name="required"/>.</summary>
    private static void Attributes(XmlElement element, string path, params string[] required)
    {
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.NamespaceURI == XmlnsNamespace)
                continue;
            if (attribute.NamespaceURI.Length != 0 || !required.Contains(attribute.LocalName, StringComparer.Ordinal))
                throw Structure($"signature: attribute '{attribute.Name}' on {path} is not accepted");
        }
        foreach (var name in required)
        {
            if (!element.HasAttribute(name))
                throw Structure($"signature: {path} has no {name} attribute");
        }
    }

    /// <summary>An element that only names an algorithm: exactly that Algorithm attribute, no content.</summary>
    private static void Algorithm(XmlElement element, string path, string algorithm)
    {
        Attributes(element, path, "Algorithm");
        var actual = element.GetAttribute("Algorithm");
        if (actual != algorithm)
            throw Structure($"signature: {path} Algorithm is '{Short(actual)}'; only {algorithm} is accepted");
        if (element.ChildNodes.Cast<XmlNode>().Any(n => n is not (XmlWhitespace or XmlSignificantWhitespace)))
            throw Structure($"signature: {path} has content (parameters are not accepted)");
    }

    private static byte[] Base64(XmlElement element, string path, int length)
    {
        var text = XmlChildrenText(element, path);
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != length)
            throw Structure($"signature: {path} is not {length} bytes of base64");
        return buffer[..written];
    }

    private static string XmlChildrenText(XmlElement element, string path)
    {
        Attributes(element, path);
        try
        {
            return XmlChildren.Text(element, path);
        }
        catch (ECooFormatException e)
        {
            throw Structure("signature: " + e.Message);
        }
    }

    private static string Short(string value) => value.Length <= 80 ? value : value[..80] + "…";

    private static ECooFormatException Structure(string message) => new(ECooFailure.SignatureStructure, message);
}
