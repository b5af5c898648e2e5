using System.Text;
using CredentialLedger.Credentials.Origin;
using CsCheck;

namespace CredentialLedger.Credentials.Tests.Origin;

public sealed class ECooReaderTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Minimal(string find, string replace)
    {
        Assert.Contains(find, ECooWriterTests.MinimalXml, StringComparison.Ordinal);
        return ECooWriterTests.MinimalXml.Replace(find, replace, StringComparison.Ordinal);
    }

    private static ECooFormatException Refused(string xml) => Assert.Throws<ECooFormatException>(() => ECooReader.Read(Utf8(xml)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Written_xml_reads_back_to_the_same_certificate(bool minimal)
    {
        var certificate = minimal ? OriginTestData.Minimal() : OriginTestData.Certificate();

        Assert.Equal(certificate, ECooReader.Read(ECooWriter.Write(certificate)));
    }

    [Fact]
    public void Any_certificate_reads_back_from_its_xml_and_json()
    {
        var text = Gen.OneOf("a", "Z", "9", " ", "&", "<", ">", "\"", "'", "é", "中", "😀", "-", "]]>", "&amp;")
            .Array[1, 12].Select(parts => string.Concat(parts).Trim()).Where(s => s.Length > 0);
        var multiline = Gen.Select(text, text, (a, b) => a + "\n" + b);
        var quantity = Gen.Select(Gen.Long[1, 999_999_999_999], Gen.Int[0, 6], (units, scale) => units / (decimal)Math.Pow(10, scale));
        var item = Gen.Select(text, quantity, Gen.Null(multiline, 0.3), Gen.OneOf("870899", "85044090", "8708991000"));
        var certificate = Gen.Select(text, text, item.Array[1, 6], Gen.Null(multiline, 0.3), Gen.Int[0, 100_000_000], (name, address, items, remarks, seconds) =>
            OriginTestData.Certificate() with
            {
                IssuingChamberName = name,
                IssuedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds),
                Exporter = new OriginParty(name, address, "KR"),
                Goods = [.. items.Select((g, i) => new GoodsItem(i + 1, g.Item4, g.Item1, g.Item2, "KGM", "KR", "CTSH", g.Item3))],
                Remarks = remarks,
            });

        certificate.Sample(c =>
        {
            Assert.Equal(c, ECooReader.Read(ECooWriter.Write(c)));
            Assert.Equal(c, CertificateOfOriginJson.Parse(CertificateOfOriginJson.Write(c)));
        }, iter: 200);
    }

    [Fact]
    public void A_signed_document_reads_without_verifying()
    {
        using var key = new OriginTestData.Key();

        Assert.Equal(OriginTestData.Certificate(), ECooReader.Read(key.Sign(OriginTestData.Certificate())));
    }

    [Fact]
    public void Character_references_are_text_like_any_other()
    {
        var xml = Minimal("<IssuingMember>UZ</IssuingMember>", "<IssuingMember>&#x55;&#90;</IssuingMember>");

        Assert.Equal("UZ", ECooReader.Read(Utf8(xml)).IssuingMember);
    }

    public static TheoryData<string, string, string, string> StructureCases => new()
    {
        { "unknown element", "<PlaceOfIssue>Tashkent</PlaceOfIssue>", "<PlaceOfIssue>Tashkent</PlaceOfIssue><Colour>red</Colour>",
            "CertificateOfOrigin: <IssuedAt> expected, found <Colour>" },
        { "element given twice", "<PlaceOfIssue>Tashkent</PlaceOfIssue>", "<PlaceOfIssue>Tashkent</PlaceOfIssue><PlaceOfIssue>Seoul</PlaceOfIssue>",
            "CertificateOfOrigin: <PlaceOfIssue> given twice" },
        { "optional element given twice", "<Mode>rail</Mode>", "<Mode>rail</Mode><PortOfLoading>a</PortOfLoading><PortOfLoading>b</PortOfLoading>",
            "Transport: <PortOfLoading> given twice" },
        { "required element missing", "<PlaceOfIssue>Tashkent</PlaceOfIssue>", "",
            "CertificateOfOrigin: <PlaceOfIssue> expected, found <IssuedAt>" },
        { "last element missing", "<Number>77</Number>\n    <Date>2026-01-10</Date>", "<Number>77</Number>", "Invoice: <Date> missing" },
        { "elements out of order", "<Mode>rail</Mode>", "<PortOfLoading>KRPUS</PortOfLoading><Mode>rail</Mode>",
            "Transport: <Mode> expected, found <PortOfLoading>" },
        { "attribute on a value", "<IssuingMember>", "<IssuingMember id=\"x\">", "CertificateOfOrigin/IssuingMember: attribute 'id' is not accepted" },
        { "xml:lang attribute", "<Name>Busan", "<Name xml:lang=\"en\">Busan", "Consignee/Name: attribute 'xml:lang' is not accepted" },
        { "Id attribute on the root", "<CertificateOfOrigin ", "<CertificateOfOrigin Id=\"c\" ", "CertificateOfOrigin: attribute 'Id' is not accepted" },
        { "text between elements", "<Mode>rail</Mode>", "rail<Mode>rail</Mode>", "Transport: text where only elements are expected" },
        { "element inside a value", "<Mode>rail</Mode>", "<Mode><b>rail</b></Mode>", "Transport/Mode: holds elements; only text is expected" },
        { "element in another namespace", "<Mode>rail</Mode>", "<Mode xmlns=\"urn:other\">rail</Mode>",
            "Transport: <Mode> expected, found <Mode> in namespace 'urn:other'" },
        { "element in no namespace", "<Mode>rail</Mode>", "<Mode xmlns=\"\">rail</Mode>", "Transport: <Mode> expected, found <Mode> in namespace ''" },
        { "root in another namespace", "xmlns=\"urn:credentialledger:eco:1\"", "xmlns=\"urn:credentialledger:eco:2\"",
            "document: the root is <CertificateOfOrigin> in namespace 'urn:credentialledger:eco:2'" },
        { "Signature before the end", "<Goods>", "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"/><Goods>",
            "CertificateOfOrigin: <Goods> expected, found <Signature> in namespace 'http://www.w3.org/2000/09/xmldsig#'" },
        { "element after the Signature", "</Invoice>", "</Invoice><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"/><Remarks>x</Remarks>",
            "CertificateOfOrigin: nothing more expected, found <Remarks>" },
    };

    [Theory]
    [MemberData(nameof(StructureCases))]
    public void A_document_not_in_the_one_structure_is_malformed(string name, string find, string replace, string expected)
    {
        var e = Refused(Minimal(find, replace));

        Assert.True(e.Failure == ECooFailure.Malformed, name);
        Assert.StartsWith(expected, Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> ValueCases => new()
    {
        { "<Quantity>0.25</Quantity>", "<Quantity>0.250</Quantity>", "goods[0].quantity: '0.250' is not a decimal number in its plain form" },
        { "<Quantity>0.25</Quantity>", "<Quantity>+0.25</Quantity>", "goods[0].quantity: '+0.25' is not" },
        { "<Quantity>0.25</Quantity>", "<Quantity>2.5e-1</Quantity>", "goods[0].quantity: '2.5e-1' is not" },
        { "<Quantity>0.25</Quantity>", "<Quantity>.25</Quantity>", "goods[0].quantity: '.25' is not" },
        { "<Quantity>0.25</Quantity>", "<Quantity> 0.25</Quantity>", "goods[0].quantity: ' 0.25' is not" },
        { "<Quantity>0.25</Quantity>", "<Quantity>0</Quantity>", "goods[0].quantity: 0 is not more than 0" },
        { "<LineNumber>1</LineNumber>", "<LineNumber>01</LineNumber>", "goods[0].lineNumber: '01' is not a line number" },
        { "<LineNumber>1</LineNumber>", "<LineNumber>2</LineNumber>", "goods[0].lineNumber: 2 is not 1" },
        { "<IssuedAt>2026-01-15T00:00:00Z</IssuedAt>", "<IssuedAt>2026-01-15T00:00:00+00:00</IssuedAt>", "issuedAt: '2026-01-15T00:00:00+00:00' is not a UTC time" },
        { "<IssuedAt>2026-01-15T00:00:00Z</IssuedAt>", "<IssuedAt>2026-01-15T00:00:00.5Z</IssuedAt>", "issuedAt: '2026-01-15T00:00:00.5Z' is not a UTC time" },
        { "<Date>2026-01-10</Date>", "<Date>2026-1-10</Date>", "invoice.date: '2026-1-10' is not a date yyyy-MM-dd" },
        { "<Mode>rail</Mode>", "<Mode>rail</Mode><DepartureDate>2026-02-30</DepartureDate>", "transport.departureDate: '2026-02-30' is not a date" },
        { "<Mode>rail</Mode>", "<Mode> rail</Mode>", "transport.mode: ' rail' is not one of" },
        { "<PlaceOfIssue>Tashkent</PlaceOfIssue>", "<PlaceOfIssue/>", "placeOfIssue: required" },
        { "<IssuingMember>UZ</IssuingMember>", "<IssuingMember>XX</IssuingMember>", "issuingMember: 'XX' is not an assigned" },
        { "<Name>Busan Fabrics Co.</Name>", "<Name>Busan&#9;Fabrics</Name>", "consignee.name: contains control characters" },
    };

    [Theory]
    [MemberData(nameof(ValueCases))]
    public void A_value_not_in_its_one_form_is_invalid_content(string find, string replace, string expected)
    {
        var e = Refused(Minimal(find, replace));

        Assert.Equal(ECooFailure.InvalidContent, e.Failure);
        Assert.StartsWith(expected, Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_content_problem_is_reported_at_once()
    {
        var xml = Minimal("<IssuingMember>UZ</IssuingMember>", "<IssuingMember>XX</IssuingMember>")
            .Replace("<Quantity>0.25</Quantity>", "<Quantity>1.0</Quantity>", StringComparison.Ordinal)
            .Replace("<HsCode>520811</HsCode>", "<HsCode>52081</HsCode>", StringComparison.Ordinal)
            .Replace("<Goods>", "<Goods>\n    <Item><LineNumber>2</LineNumber><HsCode>520811</HsCode><Description>x</Description><Quantity>1</Quantity>"
                + "<UnitCode>MTR</UnitCode><OriginCountry>UZ</OriginCountry><OriginCriterion>WO</OriginCriterion></Item>", StringComparison.Ordinal);

        var e = Refused(xml);

        Assert.Equal(ECooFailure.InvalidContent, e.Failure);
        Assert.Equal(
        [
            "goods[1].quantity: '1.0' is not a decimal number in its plain form (e.g. 12, 0.5)",
            "issuingMember: 'XX' is not an assigned ISO 3166-1 alpha-2 code",
            "goods[0].lineNumber: 2 is not 1 (lines are numbered 1, 2, 3… in order)",
            "goods[1].lineNumber: 1 is not 2 (lines are numbered 1, 2, 3… in order)",
            "goods[1].hsCode: '52081' is not 6, 8 or 10 digits",
        ], e.Problems);
    }

    [Fact]
    public void Empty_goods_is_invalid_content()
    {
        var start = ECooWriterTests.MinimalXml.IndexOf("<Goods>", StringComparison.Ordinal);
        var end = ECooWriterTests.MinimalXml.IndexOf("</Goods>", StringComparison.Ordinal);
        var xml = ECooWriterTests.MinimalXml[..start] + "<Goods>" + ECooWriterTests.MinimalXml[end..];

        var e = Refused(xml);

        Assert.Equal(ECooFailure.InvalidContent, e.Failure);
        Assert.Equal(["goods: at least one line"], e.Problems);
    }

    [Fact]
    public void More_than_999_goods_lines_are_refused_while_reading()
    {
        var item = ECooWriterTests.MinimalXml[ECooWriterTests.MinimalXml.IndexOf("<Item>", StringComparison.Ordinal)..
            (ECooWriterTests.MinimalXml.IndexOf("</Item>", StringComparison.Ordinal) + 7)];
        var compact = string.Concat(item.Split('\n').Select(line => line.Trim())).Replace("Cotton fabric, unbleached", "x", StringComparison.Ordinal);
        var xml = Minimal(item, string.Concat(Enumerable.Repeat(compact, 1000)));
        Assert.True(Utf8(xml).Length < ECooLimits.MaxDocumentBytes);

        var e = Refused(xml);

        Assert.Equal(ECooFailure.Malformed, e.Failure);
        Assert.Equal("Goods: more than 999 <Item> elements", Assert.Single(e.Problems));
    }
}
