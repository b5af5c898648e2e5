using System.Text;
using CredentialLedger.Credentials.Origin;

namespace CredentialLedger.Credentials.Tests.Origin;

public sealed class ECooWriterTests
{
    /// <summary>The minimal certificate's XML, byte for byte (see README.md in the Origin folder of the SDK).</summary>
    internal const string MinimalXml =
        """
        <?xml version="1.0" encoding="utf-8"?>
        <CertificateOfOrigin xmlns="urn:credentialledger:eco:1">
          <CertificateNumber>1</CertificateNumber>
          <IssuingMember>UZ</IssuingMember>
          <IssuingChamber>UZ-CCI</IssuingChamber>
          <IssuingChamberName>Chamber of Commerce and Industry of Uzbekistan</IssuingChamberName>
          <PlaceOfIssue>Tashkent</PlaceOfIssue>
          <IssuedAt>2026-01-15T00:00:00Z</IssuedAt>
          <ExportingCountry>UZ</ExportingCountry>
          <ImportingCountry>KR</ImportingCountry>
          <PreferentialRegime>NON-PREFERENTIAL</PreferentialRegime>
          <Exporter>
            <Name>Samarkand Textile JSC</Name>
            <Address>1 Registan St, Samarkand</Address>
            <Country>UZ</Country>
          </Exporter>
          <Consignee>
            <Name>Busan Fabrics Co.</Name>
            <Address>3 Jungang-daero, Busan</Address>
            <Country>KR</Country>
          </Consignee>
          <Transport>
            <Mode>rail</Mode>
          </Transport>
          <Goods>
            <Item>
              <LineNumber>1</LineNumber>
              <HsCode>520811</HsCode>
              <Description>Cotton fabric, unbleached</Description>
              <Quantity>0.25</Quantity>
              <UnitCode>MTR</UnitCode>
              <OriginCountry>UZ</OriginCountry>
              <OriginCriterion>WO</OriginCriterion>
            </Item>
          </Goods>
          <Invoice>
            <Number>77</Number>
            <Date>2026-01-10</Date>
          </Invoice>
        </CertificateOfOrigin>
        """;

    [Fact]
    public void The_minimal_certificate_is_written_exactly_as_documented()
    {
        var bytes = ECooWriter.Write(OriginTestData.Minimal());

        Assert.Equal(MinimalXml, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void The_same_certificate_gives_the_same_bytes()
    {
        var first = ECooWriter.Write(OriginTestData.Certificate());
        var second = ECooWriter.Write(OriginTestData.Certificate());

        Assert.Equal(first, second);
    }

    [Fact]
    public void Equal_quantities_written_with_other_scales_give_the_same_bytes()
    {
        var c = OriginTestData.Certificate();
        var rescaled = c with { Goods = [c.Goods[0] with { Quantity = 1250.000m }, c.Goods[1] with { Quantity = 12.50m }] };

        Assert.Equal(c, rescaled);
        Assert.Equal(ECooWriter.Write(c), ECooWriter.Write(rescaled));
    }

    [Fact]
    public void The_output_is_utf8_without_bom_with_line_feeds_only()
    {
        var bytes = ECooWriter.Write(OriginTestData.Certificate());

        Assert.Equal((byte)'<', bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.Contains("<Name>Daesung Motor Parts &lt;Changwon&gt;</Name>", text, StringComparison.Ordinal);
        Assert.Contains("<IssuingChamberName>Korea Chamber of Commerce &amp; Industry</IssuingChamberName>", text, StringComparison.Ordinal);
        Assert.Contains("<Description>Static converters,\nbattery chargers</Description>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_certificate_is_not_written()
    {
        var e = Assert.Throws<CertificateOfOriginValidationException>(
            () => ECooWriter.Write(OriginTestData.Minimal() with { IssuingMember = "XX" }));

        Assert.Equal(["issuingMember: 'XX' is not an assigned ISO 3166-1 alpha-2 code"], e.Problems);
    }
}
