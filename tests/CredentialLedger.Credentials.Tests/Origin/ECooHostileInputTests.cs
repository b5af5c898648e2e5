using System.Text;
using CredentialLedger.Credentials.Origin;
using CsCheck;

namespace CredentialLedger.Credentials.Tests.Origin;

/// <summary>
/// Input built to hurt the parser: each is refused by the reader with an <see cref="ECooFormatException"/> of the
/// expected failure, and by the verifier with a result (never an exception).
/// </summary>
public sealed class ECooHostileInputTests : IDisposable
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    private static readonly string Body = ECooWriterTests.MinimalXml[Declaration.Length..];

    private readonly OriginTestData.Key _key = new();

    public void Dispose() => _key.Dispose();

    private static byte[] Minimal(string find, string replace)
    {
        Assert.Contains(find, ECooWriterTests.MinimalXml, StringComparison.Ordinal);
        return XmlDsigTestKit.Utf8(ECooWriterTests.MinimalXml.Replace(find, replace, StringComparison.Ordinal));
    }

    private const string Tashkent = "<PlaceOfIssue>Tashkent</PlaceOfIssue>";

    /// <summary>Each hostile document, the failure expected, and a piece of the message.</summary>
    private static readonly Dictionary<string, (Func<byte[]> Document, ECooFailure Failure, string Message)> Cases = new()
    {
        ["internal DTD subset"] = (() => XmlDsigTestKit.Utf8(Declaration + "<!DOCTYPE CertificateOfOrigin [<!ENTITY city \"Tashkent\">]>\n"
            + Body.Replace(Tashkent, "<PlaceOfIssue>&city;</PlaceOfIssue>", StringComparison.Ordinal)), ECooFailure.Malformed, "DTD is prohibited"),
        ["external entity (XXE)"] = (() => XmlDsigTestKit.Utf8(Declaration + "<!DOCTYPE CertificateOfOrigin [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
            + Body.Replace(Tashkent, "<PlaceOfIssue>&xxe;</PlaceOfIssue>", StringComparison.Ordinal)), ECooFailure.Malformed, "DTD is prohibited"),
        ["external DTD"] = (() => XmlDsigTestKit.Utf8(Declaration + "<!DOCTYPE CertificateOfOrigin SYSTEM \"http://127.0.0.1:9/eco.dtd\">\n" + Body),
            ECooFailure.Malformed, "DTD is prohibited"),
        ["billion laughs"] = (() => XmlDsigTestKit.Utf8(Declaration + "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">"))
            + "]>\n" + Body.Replace(Tashkent, "<PlaceOfIssue>&lol9;</PlaceOfIssue>", StringComparison.Ordinal)), ECooFailure.Malformed, "DTD is prohibited"),
        ["parameter entity"] = (() => XmlDsigTestKit.Utf8(Declaration + "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p\"> %p;]>\n" + Body),
            ECooFailure.Malformed, "DTD is prohibited"),
        ["undeclared entity"] = (() => Minimal(Tashkent, "<PlaceOfIssue>&city;</PlaceOfIssue>"), ECooFailure.Malformed, "not well-formed"),
        ["comment inside a value"] = (() => Minimal(Tashkent, "<PlaceOfIssue>Tash<!-- -->kent</PlaceOfIssue>"), ECooFailure.Malformed, "comments are not accepted"),
        ["comment before the root"] = (() => XmlDsigTestKit.Utf8(Declaration + "<!-- issued by KCCI -->\n" + Body), ECooFailure.Malformed, "comments are not accepted"),
        ["processing instruction"] = (() => Minimal(Tashkent, Tashkent + "<?evil data?>"), ECooFailure.Malformed, "processing instructions are not accepted"),
        ["stylesheet instruction before the root"] = (() => XmlDsigTestKit.Utf8(Declaration + "<?xml-stylesheet href=\"http://127.0.0.1:9/x.xsl\"?>\n" + Body),
            ECooFailure.Malformed, "processing instructions are not accepted"),
        ["CDATA section"] = (() => Minimal(Tashkent, "<PlaceOfIssue><![CDATA[Tashkent]]></PlaceOfIssue>"), ECooFailure.Malformed, "CDATA sections are not accepted"),
        ["declared encoding other than UTF-8"] = (() => XmlDsigTestKit.Utf8("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + Body),
            ECooFailure.Malformed, "only UTF-8 is accepted"),
        ["UTF-16 bytes"] = (() => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Body)], ECooFailure.Malformed, "not UTF-8"),
        ["invalid UTF-8"] = (() => [.. Minimal(Tashkent, "<PlaceOfIssue>X</PlaceOfIssue>").Select(b => b == (byte)'X' ? (byte)0xC3 : b)], ECooFailure.Malformed, "not UTF-8"),
        ["NUL character reference"] = (() => Minimal(Tashkent, "<PlaceOfIssue>Tash&#0;kent</PlaceOfIssue>"), ECooFailure.Malformed, "not well-formed"),
        ["deep nesting"] = (() => Minimal(Tashkent, string.Concat(Enumerable.Repeat("<a>", 30_000)) + string.Concat(Enumerable.Repeat("</a>", 30_000))),
            ECooFailure.Malformed, "nested deeper than 8 levels"),
        ["empty"] = (() => [], ECooFailure.Malformed, "document: empty"),
        ["not XML"] = (() => XmlDsigTestKit.Utf8("certificate of origin"), ECooFailure.Malformed, "not well-formed"),
        ["truncated"] = (() => XmlDsigTestKit.Utf8(ECooWriterTests.MinimalXml[..500]), ECooFailure.Malformed, "not well-formed"),
        ["two roots"] = (() => XmlDsigTestKit.Utf8(ECooWriterTests.MinimalXml + Body), ECooFailure.Malformed, "not well-formed"),
        ["oversize bytes are refused before parsing"] = (() => new byte[ECooLimits.MaxDocumentBytes + 1], ECooFailure.TooLarge, $"at most {ECooLimits.MaxDocumentBytes}"),
        ["oversize well-formed document"] = (() => XmlDsigTestKit.Utf8(ECooWriterTests.MinimalXml + new string(' ', ECooLimits.MaxDocumentBytes)),
            ECooFailure.TooLarge, $"at most {ECooLimits.MaxDocumentBytes}"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_reader_refuses_it(string name)
    {
        var (document, failure, message) = Cases[name];

        var e = Assert.Throws<ECooFormatException>(() => ECooReader.Read(document()));

        Assert.Equal(failure, e.Failure);
        Assert.Contains(message, Assert.Single(e.Problems), StringComparison.Ordinal);
        Assert.DoesNotContain("root:x", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void The_verifier_refuses_it_with_a_result(string name)
    {
        var (document, failure, message) = Cases[name];
        var bytes = document();

        var result = ECooVerifier.Verify(bytes, OriginTestData.Registered(_key));

        Assert.False(result.Valid);
        Assert.Null(result.Certificate);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(failure, problem.Failure);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Equal(ECooDocument.HashOf(bytes), result.DocumentHash);
    }

    [Fact]
    public void A_document_of_exactly_the_limit_is_read()
    {
        var text = ECooWriterTests.MinimalXml + "\n";
        var padded = XmlDsigTestKit.Utf8(text + new string(' ', ECooLimits.MaxDocumentBytes - XmlDsigTestKit.Utf8(text).Length));
        Assert.Equal(ECooLimits.MaxDocumentBytes, padded.Length);

        Assert.Equal(OriginTestData.Minimal(), ECooReader.Read(padded));
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_allowed()
    {
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. XmlDsigTestKit.Utf8(ECooWriterTests.MinimalXml)];

        Assert.Equal(OriginTestData.Minimal(), ECooReader.Read(withBom));
    }

    [Fact]
    public void No_single_byte_change_makes_a_signed_document_say_something_else()
    {
        var original = OriginTestData.Minimal();
        var signed = _key.Sign(original);
        var registered = OriginTestData.Registered(_key);

        Gen.Select(Gen.Int[0, signed.Length - 1], Gen.Byte).Sample((position, value) =>
        {
            var changed = (byte[])signed.Clone();
            changed[position] = value;

            var result = ECooVerifier.Verify(changed, registered); // never throws

            // A change c14n ignores (e.g. the declaration's "utf-8" spelled "UTF-8") may still verify: then it says
            // exactly what was signed, and its document hash differs, so it is not the anchored document.
            if (result.Valid)
                Assert.Equal(original, result.Certificate);
            else
                Assert.NotEmpty(result.Problems);
        }, iter: 400);
    }
}
