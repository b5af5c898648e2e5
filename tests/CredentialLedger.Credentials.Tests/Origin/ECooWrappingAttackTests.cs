using System.Security.Cryptography;
using System.Security.Cryptography.Xml;
using System.Xml;
using CredentialLedger.Credentials.Origin;
using static CredentialLedger.Credentials.Tests.Origin.XmlDsigTestKit;

namespace CredentialLedger.Credentials.Tests.Origin;

/// <summary>
/// XML signature wrapping and its relatives: a genuine signature made to vouch for content it did not sign. Each
/// attack is refused. Where the attack document is cryptographically valid for plain SignedXml (<see cref="NaiveCheck"/>),
/// the test says so: those are refused by the verifier's structure rules alone.
/// </summary>
public sealed class ECooWrappingAttackTests : IDisposable
{
    private const string Attacker = "urn:attacker";

    private readonly OriginTestData.Key _key = new();
    private readonly OriginTestData.Key _other = new();
    private readonly CertificateOfOrigin _genuine = OriginTestData.Certificate();
    private readonly CertificateOfOrigin _forged;
    private readonly byte[] _signed;

    public ECooWrappingAttackTests()
    {
        _forged = _genuine with
        {
            Consignee = new OriginParty("Shell Trading FZE", "Jebel Ali Free Zone", "AE"),
            Goods = [_genuine.Goods[0] with { Quantity = 99_000 }, _genuine.Goods[1]],
        };
        _signed = _key.Sign(_genuine);
        Assert.True(ECooVerifier.Verify(_signed, OriginTestData.Registered(_key, _other)).Valid);
    }

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    private ECooProblem AssertRefused(byte[] document, ECooFailure failure, string message)
    {
        var result = ECooVerifier.Verify(document, OriginTestData.Registered(_key, _other));

        Assert.False(result.Valid);
        Assert.Null(result.Certificate);
        var problem = Assert.Single(result.Problems);
        Assert.True(problem.Failure == failure, $"{failure} expected, got {problem.Failure}: {problem.Message}");
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        return problem;
    }

    /// <summary>The genuine signed document as a DOM, and its Signature.</summary>
    private (XmlDocument Document, XmlElement Signature) Genuine()
    {
        var document = Load(_signed);
        return (document, Signature(document));
    }

    /// <summary>The forged certificate as an unsigned DOM.</summary>
    private XmlDocument Forged() => Load(ECooWriter.Write(_forged));

    private byte[] SignWithRegisteredKey(XmlDocument document, Action<SignedXml> configure) => SignAnyway(document, _key.Ecdsa, _key.Id, configure);

    [Fact]
    public void Forged_root_with_the_signed_certificate_in_a_wrapper_before_the_signature()
    {
        var (genuine, signature) = Genuine();
        genuine.DocumentElement!.RemoveChild(signature);
        var forged = Forged();
        var wrapper = forged.CreateElement("Wrapper", Attacker);
        wrapper.AppendChild(forged.ImportNode(genuine.DocumentElement, deep: true));
        forged.DocumentElement!.AppendChild(wrapper);
        forged.DocumentElement.AppendChild(forged.ImportNode(signature, deep: true));

        AssertRefused(Save(forged), ECooFailure.BadSignature, "does not verify");
    }

    [Fact]
    public void Forged_root_with_the_signed_certificate_in_a_wrapper_after_the_signature()
    {
        var (genuine, signature) = Genuine();
        genuine.DocumentElement!.RemoveChild(signature);
        var forged = Forged();
        forged.DocumentElement!.AppendChild(forged.ImportNode(signature, deep: true));
        var wrapper = forged.CreateElement("Wrapper", Attacker);
        wrapper.AppendChild(forged.ImportNode(genuine.DocumentElement, deep: true));
        forged.DocumentElement.AppendChild(wrapper);

        AssertRefused(Save(forged), ECooFailure.SignatureStructure, "not the root's last element");
    }

    [Fact]
    public void Forged_root_holding_the_whole_signed_document_as_its_last_child()
    {
        var (genuine, _) = Genuine();
        var forged = Forged();
        forged.DocumentElement!.AppendChild(forged.ImportNode(genuine.DocumentElement!, deep: true));

        AssertRefused(Save(forged), ECooFailure.SignatureStructure, "not a direct child of the root");
    }

    [Fact]
    public void Signed_content_duplicated_with_a_forged_copy_first()
    {
        var (genuine, _) = Genuine();
        var forgedGoods = Select(Forged(), "/e:CertificateOfOrigin/e:Goods");
        var genuineGoods = Select(genuine, "/e:CertificateOfOrigin/e:Goods");
        genuine.DocumentElement!.InsertBefore(genuine.ImportNode(forgedGoods, deep: true), genuineGoods);

        AssertRefused(Save(genuine), ECooFailure.BadSignature, "does not verify");
    }

    [Fact]
    public void Signed_certificate_wrapped_in_an_envelope_element()
    {
        var (genuine, _) = Genuine();
        var envelope = new XmlDocument { PreserveWhitespace = true };
        envelope.AppendChild(envelope.CreateElement("Envelope", Attacker))!.AppendChild(envelope.ImportNode(genuine.DocumentElement!, deep: true));

        AssertRefused(Save(envelope), ECooFailure.Malformed, "the root is <Envelope> in namespace 'urn:attacker'");
    }

    [Fact]
    public void A_second_signature_by_another_registered_key_over_forged_content()
    {
        var (genuine, _) = Genuine();
        var other = Load(_other.Sign(_forged));
        genuine.DocumentElement!.AppendChild(genuine.ImportNode(Signature(other), deep: true));

        AssertRefused(Save(genuine), ECooFailure.SignatureStructure, "2 Signature elements; exactly one is accepted");
    }

    [Fact]
    public void The_signature_moved_to_the_start_of_the_root()
    {
        var (genuine, signature) = Genuine();
        genuine.DocumentElement!.PrependChild(signature);

        AssertRefused(Save(genuine), ECooFailure.SignatureStructure, "not the root's last element");
    }

    [Fact]
    public void The_signature_moved_into_a_child_element()
    {
        var (genuine, signature) = Genuine();
        Select(genuine, "/e:CertificateOfOrigin/e:Goods").AppendChild(signature);

        AssertRefused(Save(genuine), ECooFailure.SignatureStructure, "inside <Goods>, not a direct child of the root");
    }

    [Fact]
    public void A_copy_of_the_signature_hidden_in_a_foreign_element()
    {
        var (genuine, signature) = Genuine();
        var hidden = genuine.CreateElement("Hidden", Attacker);
        hidden.AppendChild(signature.CloneNode(deep: true));
        genuine.DocumentElement!.InsertBefore(hidden, signature);

        AssertRefused(Save(genuine), ECooFailure.SignatureStructure, "2 Signature elements");
    }

    [Fact]
    public void A_reference_to_an_Id_elsewhere_signing_only_the_genuine_copy()
    {
        // The registered key signed only an evidence element holding the genuine certificate; the root says otherwise.
        var forged = Forged();
        var evidence = forged.CreateElement("Evidence", Attacker);
        evidence.SetAttribute("Id", "genuine");
        evidence.AppendChild(forged.ImportNode(Load(ECooWriter.Write(_genuine)).DocumentElement!, deep: true));
        forged.DocumentElement!.AppendChild(evidence);
        var document = SignWithRegisteredKey(forged, s => s.AddReference(Reference("#genuine", new XmlDsigExcC14NTransform())));
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "Reference URI is '#genuine'; only \"\" (the whole document) is accepted");
    }

    [Fact]
    public void A_forged_element_carrying_the_signed_elements_Id()
    {
        var forged = Forged();
        var evidence = forged.CreateElement("Evidence", Attacker);
        evidence.SetAttribute("Id", "genuine");
        forged.DocumentElement!.AppendChild(evidence);
        var document = Load(SignWithRegisteredKey(forged, s => s.AddReference(Reference("#genuine", new XmlDsigExcC14NTransform()))));
        var decoy = document.CreateElement("Decoy", Attacker);
        decoy.SetAttribute("Id", "genuine");
        document.DocumentElement!.PrependChild(decoy);

        AssertRefused(Save(document), ECooFailure.SignatureStructure, "Reference URI is '#genuine'");
    }

    [Fact]
    public void A_reference_by_xpointer_to_the_root()
    {
        var document = SignWithRegisteredKey(Forged(),
            s => s.AddReference(Reference("#xpointer(/)", new XmlDsigEnvelopedSignatureTransform(), new XmlDsigExcC14NTransform())));
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "Reference URI is '#xpointer(/)'");
    }

    [Fact]
    public void A_reference_without_a_URI()
    {
        var document = Replace(_signed, "<Reference URI=\"\">", "<Reference>");

        AssertRefused(document, ECooFailure.SignatureStructure, "Reference has no URI attribute");
    }

    [Fact]
    public void A_comment_in_signed_text_that_cuts_what_a_naive_reader_reads()
    {
        // c14n drops comments, so the signature still holds; a reader taking the first text node would see "1".
        var document = Replace(_signed, "<Quantity>1250</Quantity>", "<Quantity>1<!-- -->250</Quantity>");
        Assert.True(NaiveCheck(document, _key.Ecdsa));
        Assert.Equal("1", Select(Load(document), "//e:Item/e:Quantity").FirstChild!.Value);

        AssertRefused(document, ECooFailure.Malformed, "comments are not accepted");
    }

    [Fact]
    public void A_comment_in_the_certificate_number()
    {
        var document = Replace(_signed, "KCCI-2026/000123", "KCCI-2026/000<!---->123");
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.Malformed, "comments are not accepted");
    }

    [Fact]
    public void A_processing_instruction_in_signed_content()
    {
        AssertRefused(Replace(_signed, "<Goods>", "<Goods><?display quantity=99000?>"), ECooFailure.Malformed, "processing instructions are not accepted");
    }

    [Fact]
    public void Whitespace_added_inside_a_signed_value()
    {
        AssertRefused(Replace(_signed, "<HsCode>870899</HsCode>", "<HsCode>870899 </HsCode>"), ECooFailure.BadSignature, "does not verify");
    }

    [Fact]
    public void Whitespace_changed_between_signed_elements()
    {
        AssertRefused(Replace(_signed, "\n  <IssuingMember>", "\n      <IssuingMember>"), ECooFailure.BadSignature, "does not verify");
    }

    [Fact]
    public void The_root_moved_to_another_namespace()
    {
        AssertRefused(Replace(_signed, "xmlns=\"urn:credentialledger:eco:1\"", "xmlns=\"urn:credentialledger:eco:2\""),
            ECooFailure.Malformed, "the root is <CertificateOfOrigin> in namespace 'urn:credentialledger:eco:2'");
    }

    [Fact]
    public void The_same_element_spelled_with_a_prefix_changes_the_signed_bytes()
    {
        var document = Replace(_signed, "<Goods>", "<e:Goods xmlns:e=\"urn:credentialledger:eco:1\">");
        document = Replace(document, "</Goods>", "</e:Goods>");

        AssertRefused(document, ECooFailure.BadSignature, "does not verify");
    }

    [Fact]
    public void The_XMLDSig_namespace_redeclared_on_SignedInfo()
    {
        AssertRefused(Replace(_signed, "<SignedInfo>", "<SignedInfo xmlns=\"urn:attacker\">"),
            ECooFailure.SignatureStructure, "<SignedInfo> in namespace 'urn:attacker' inside Signature");
    }

    [Fact]
    public void The_signature_in_a_look_alike_namespace()
    {
        AssertRefused(Replace(_signed, "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\">", "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#x\">"),
            ECooFailure.SignatureMissing, "no XMLDSig Signature element");
    }

    [Fact]
    public void Content_in_a_swapped_default_namespace_validly_signed()
    {
        // Signed as it stands, so the signature holds: what is refused is the content, read after the signature.
        var text = System.Text.Encoding.UTF8.GetString(ECooWriter.Write(_genuine))
            .Replace("<Goods>", "<Goods xmlns=\"urn:credentialledger:eco:evil\">", StringComparison.Ordinal);
        var document = SignWithRegisteredKey(Load(Utf8(text)), s => s.AddReference(StandardReference()));
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.Malformed, "<Goods> expected, found <Goods> in namespace 'urn:credentialledger:eco:evil'");
    }

    [Fact]
    public void An_Object_carrying_a_forged_copy_next_to_a_genuine_reference()
    {
        var forgedCopy = Forged();
        var document = SignWithRegisteredKey(Load(ECooWriter.Write(_genuine)), s =>
        {
            s.AddReference(StandardReference());
            s.AddObject(new DataObject { Id = "copy", Data = forgedCopy.DocumentElement!.ChildNodes });
        });
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "ds:Object is not accepted");
    }

    [Fact]
    public void An_Object_signed_instead_of_the_document()
    {
        var genuineCopy = Load(ECooWriter.Write(_genuine));
        var document = SignWithRegisteredKey(Forged(), s =>
        {
            s.AddReference(Reference("#copy", new XmlDsigExcC14NTransform()));
            s.AddObject(new DataObject { Id = "copy", Data = genuineCopy.DocumentElement!.ChildNodes });
        });
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "ds:Object is not accepted");
    }

    [Fact]
    public void An_XPath_transform_that_leaves_the_goods_unsigned()
    {
        var xpath = new XmlDocument().CreateElement("XPath", Ds);
        xpath.InnerText = "not(ancestor-or-self::*[local-name()='Goods'])";
        var filter = new XmlDsigXPathTransform();
        filter.LoadInnerXml(xpath.SelectNodes(".")!);
        var signed = SignWithRegisteredKey(Load(ECooWriter.Write(_genuine)),
            s => s.AddReference(Reference("", new XmlDsigEnvelopedSignatureTransform(), filter, new XmlDsigExcC14NTransform())));
        var document = Replace(signed, "<Quantity>1250</Quantity>", "<Quantity>99000</Quantity>");

        AssertRefused(document, ECooFailure.SignatureStructure, "Transforms holds [Transform, Transform, Transform]");
    }

    [Fact]
    public void An_XSLT_transform_added_to_the_reference()
    {
        var document = Replace(_signed, "<Transforms>",
            "<Transforms><Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"><xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"/></Transform>");

        AssertRefused(document, ECooFailure.SignatureStructure, "Transforms holds [Transform, Transform, Transform]");
    }

    [Fact]
    public void The_transforms_in_the_other_order()
    {
        var document = SignWithRegisteredKey(Load(ECooWriter.Write(_genuine)),
            s => s.AddReference(Reference("", new XmlDsigExcC14NTransform(), new XmlDsigEnvelopedSignatureTransform())));
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "Transforms/Transform[1] Algorithm is 'http://www.w3.org/2001/10/xml-exc-c14n#'");
    }

    [Fact]
    public void An_HMAC_signature_keyed_with_the_public_key()
    {
        // Algorithm confusion: the public key is public, so anybody can compute this "signature".
        using var hmac = new HMACSHA256(_key.PublicKey);
        var document = SignAnyway(Load(ECooWriter.Write(_forged)), null!, _key.Id, s => s.AddReference(StandardReference()), hmac: hmac);

        AssertRefused(document, ECooFailure.SignatureStructure, "SignatureMethod Algorithm is 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256'");
    }

    [Fact]
    public void An_RSA_signature_under_the_registered_key_name()
    {
        using var rsa = RSA.Create(2048);
        var document = SignAnyway(Load(ECooWriter.Write(_forged)), rsa, _key.Id, s =>
        {
            s.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
            s.AddReference(StandardReference());
        });
        Assert.True(NaiveCheck(document, rsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "SignatureMethod Algorithm is 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'");
    }

    [Fact]
    public void Inclusive_canonicalization_of_SignedInfo()
    {
        var document = SignWithRegisteredKey(Load(ECooWriter.Write(_genuine)), s =>
        {
            s.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigC14NTransformUrl;
            s.AddReference(StandardReference());
        });
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "CanonicalizationMethod Algorithm is 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'");
    }

    [Fact]
    public void A_SHA1_digest()
    {
        var document = SignWithRegisteredKey(Load(ECooWriter.Write(_genuine)), s =>
        {
            var reference = StandardReference();
            reference.DigestMethod = SignedXml.XmlDsigSHA1Url;
            s.AddReference(reference);
        });
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "DigestMethod Algorithm is 'http://www.w3.org/2000/09/xmldsig#sha1'");
    }

    [Fact]
    public void Exclusive_canonicalization_with_an_inclusive_namespace_list()
    {
        var document = SignWithRegisteredKey(Load(ECooWriter.Write(_genuine)),
            s => s.AddReference(Reference("", new XmlDsigEnvelopedSignatureTransform(), new XmlDsigExcC14NTransform("ds e"))));
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "Transforms/Transform[2] has content (parameters are not accepted)");
    }

    [Fact]
    public void Two_references_to_the_whole_document()
    {
        var document = SignWithRegisteredKey(Load(ECooWriter.Write(_genuine)), s =>
        {
            s.AddReference(StandardReference());
            s.AddReference(StandardReference());
        });
        Assert.True(NaiveCheck(document, _key.Ecdsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "SignedInfo holds [CanonicalizationMethod, SignatureMethod, Reference, Reference]");
    }

    [Fact]
    public void The_KeyName_swapped_for_another_registered_key()
    {
        var document = Replace(_signed, _key.Id.ToString(), _other.Id.ToString());

        AssertRefused(document, ECooFailure.BadSignature, $"does not verify under the key registered as {_other.Id}");
    }

    [Fact]
    public void Two_KeyNames_the_first_naming_another_key()
    {
        var document = Replace(_signed, "<KeyInfo>", $"<KeyInfo><KeyName>{_other.Id}</KeyName>");

        AssertRefused(document, ECooFailure.SignatureStructure, "KeyInfo holds [KeyName, KeyName]; exactly [KeyName] is accepted");
    }

    [Fact]
    public void An_attacker_key_embedded_next_to_the_registered_key_name()
    {
        // Signed by a key nobody registered, naming the registered key, with the attacker's key embedded for a
        // verifier that takes keys from the document.
        using var attacker = new OriginTestData.Key();
        var signed = Replace(attacker.Sign(_forged), attacker.Id.ToString(), _key.Id.ToString());
        var document = Replace(signed, "</KeyName>", $"</KeyName><KeyValue><ECKeyValue xmlns=\"http://www.w3.org/2009/xmldsig11#\">{Convert.ToBase64String(attacker.PublicKey)}</ECKeyValue></KeyValue>");
        Assert.True(NaiveCheck(document, attacker.Ecdsa));

        AssertRefused(document, ECooFailure.SignatureStructure, "KeyInfo holds [KeyName, KeyValue]");
    }

    [Fact]
    public void A_KeyName_that_is_not_a_key_id()
    {
        var upper = "0x" + _key.Id.ToString()[2..].ToUpperInvariant();

        AssertRefused(Replace(_signed, _key.Id.ToString(), upper), ECooFailure.SignatureStructure, "is not a key id (0x and 64 lowercase hex digits)");
        AssertRefused(Replace(_signed, _key.Id.ToString(), " " + _key.Id), ECooFailure.SignatureStructure, "is not a key id");
    }

    [Fact]
    public void An_element_appended_after_the_signature()
    {
        AssertRefused(Replace(_signed, "</Signature>", "</Signature><Remarks>Origin waived</Remarks>"),
            ECooFailure.SignatureStructure, "not the root's last element");
    }

    [Fact]
    public void An_Id_attribute_on_the_signature()
    {
        AssertRefused(Replace(_signed, "<Signature xmlns", "<Signature Id=\"s\" xmlns"), ECooFailure.SignatureStructure, "attribute 'Id' on Signature is not accepted");
    }

    [Fact]
    public void Line_ends_as_CRLF_verify_because_XML_normalizes_them_but_the_document_hash_changes()
    {
        // Not an attack: XML parsers read CR LF as LF, so this says exactly what was signed. Its bytes, and so its
        // document hash, differ: it is not the anchored document, which the anchoring check finds.
        var crlf = Utf8(System.Text.Encoding.UTF8.GetString(_signed).Replace("\n", "\r\n", StringComparison.Ordinal));

        var result = ECooVerifier.Verify(crlf, OriginTestData.Registered(_key));

        Assert.True(result.Valid);
        Assert.Equal(_genuine, result.Certificate);
        Assert.NotEqual(ECooDocument.HashOf(_signed), result.DocumentHash);
    }
}
