using CredentialLedger.Credentials.Origin;

namespace CredentialLedger.Credentials.Tests.Origin;

public sealed class CertificateOfOriginValidatorTests
{
    private static readonly CertificateOfOrigin Valid = OriginTestData.Certificate();

    private static CertificateOfOrigin Goods0(Func<GoodsItem, GoodsItem> change) => Valid with { Goods = [change(Valid.Goods[0]), Valid.Goods[1]] };

    /// <summary>One invalid value each, and the problem expected for it (the start of the message).</summary>
    private static readonly Dictionary<string, (Func<CertificateOfOrigin, CertificateOfOrigin> Change, string Problem)> Cases = new()
    {
        ["certificateNumber empty"] = (c => c with { CertificateNumber = "" }, "certificateNumber: required"),
        ["certificateNumber 36 characters"] = (c => c with { CertificateNumber = new string('1', 36) }, "certificateNumber: '111"),
        ["certificateNumber with a space"] = (c => c with { CertificateNumber = "KCCI 1" }, "certificateNumber: 'KCCI 1' is not 1-35 characters"),
        ["issuingMember unassigned"] = (c => c with { IssuingMember = "XX" }, "issuingMember: 'XX' is not an assigned ISO 3166-1 alpha-2 code"),
        ["issuingMember lowercase"] = (c => c with { IssuingMember = "kr" }, "issuingMember: 'kr' is not an assigned"),
        ["issuingChamber with a space"] = (c => c with { IssuingChamber = "KR KCCI" }, "issuingChamber: 'KR KCCI' is not 1-16 printable ASCII"),
        ["issuingChamber 17 characters"] = (c => c with { IssuingChamber = new string('K', 17) }, "issuingChamber: 'KKK"),
        ["issuingChamber not ASCII"] = (c => c with { IssuingChamber = "KR-ÄCCI" }, "issuingChamber: 'KR-ÄCCI' is not"),
        ["issuingChamberName empty"] = (c => c with { IssuingChamberName = " " }, "issuingChamberName: required"),
        ["issuingChamberName 201 characters"] = (c => c with { IssuingChamberName = new string('a', 201) }, "issuingChamberName: 201 characters, at most 200"),
        ["issuingChamberName with a tab"] = (c => c with { IssuingChamberName = "Korea\tChamber" }, "issuingChamberName: contains control characters"),
        ["issuingChamberName with a line feed"] = (c => c with { IssuingChamberName = "Korea\nChamber" }, "issuingChamberName: contains control characters"),
        ["issuingChamberName with a lone surrogate"] = (c => c with { IssuingChamberName = "Korea \uD800" }, "issuingChamberName: contains control characters"),
        ["issuingChamberName with a leading space"] = (c => c with { IssuingChamberName = " Korea" }, "issuingChamberName: leading or trailing spaces"),
        ["placeOfIssue empty"] = (c => c with { PlaceOfIssue = "" }, "placeOfIssue: required"),
        ["placeOfIssue 101 characters"] = (c => c with { PlaceOfIssue = new string('a', 101) }, "placeOfIssue: 101 characters, at most 100"),
        ["issuedAt not UTC"] = (c => c with { IssuedAt = new DateTimeOffset(2026, 3, 2, 18, 30, 0, TimeSpan.FromHours(9)) }, "issuedAt: 2026-03-02T18:30:00.0000000+09:00 is not in UTC"),
        ["issuedAt with milliseconds"] = (c => c with { IssuedAt = c.IssuedAt.AddMilliseconds(1) }, "issuedAt: whole seconds only"),
        ["issuedAt in 1999"] = (c => c with { IssuedAt = new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero) }, "issuedAt: year 1999 is out of range"),
        ["exportingCountry unassigned"] = (c => c with { ExportingCountry = "ZZ" }, "exportingCountry: 'ZZ' is not an assigned"),
        ["importingCountry missing"] = (c => c with { ImportingCountry = null! }, "importingCountry: required"),
        ["importingCountry is the exporting country"] = (c => c with { ImportingCountry = "KR" }, "importingCountry: 'KR' is also the exporting country"),
        ["preferentialRegime lowercase"] = (c => c with { PreferentialRegime = "rcep" }, "preferentialRegime: 'rcep' is not 1-32 characters of A-Z 0-9 -"),
        ["preferentialRegime 33 characters"] = (c => c with { PreferentialRegime = new string('R', 33) }, "preferentialRegime: 'RRR"),
        ["exporter missing"] = (c => c with { Exporter = null! }, "exporter: required"),
        ["exporter.name empty"] = (c => c with { Exporter = c.Exporter with { Name = "" } }, "exporter.name: required"),
        ["exporter.address 501 characters"] = (c => c with { Exporter = c.Exporter with { Address = new string('a', 501) } }, "exporter.address: 501 characters, at most 500"),
        ["exporter.country UK (GB is the code)"] = (c => c with { Exporter = c.Exporter with { Country = "UK" } }, "exporter.country: 'UK' is not an assigned"),
        ["exporter.taxId with a space"] = (c => c with { Exporter = c.Exporter with { TaxId = "123 45" } }, "exporter.taxId: '123 45' is not 1-35 characters"),
        ["exporter.taxId empty"] = (c => c with { Exporter = c.Exporter with { TaxId = "" } }, "exporter.taxId: empty; leave it out when there is none"),
        ["exporter.aeoNumber with #"] = (c => c with { Exporter = c.Exporter with { AeoNumber = "KR#1" } }, "exporter.aeoNumber: 'KR#1' is not 1-64 characters"),
        ["producer.name empty"] = (c => c with { Producer = c.Producer! with { Name = "" } }, "producer.name: required"),
        ["consignee missing"] = (c => c with { Consignee = null! }, "consignee: required"),
        ["consignee.country lowercase"] = (c => c with { Consignee = c.Consignee with { Country = "uz" } }, "consignee.country: 'uz' is not an assigned"),
        ["transport missing"] = (c => c with { Transport = null! }, "transport: required"),
        ["transport.mode unknown"] = (c => c with { Transport = c.Transport with { Mode = "ship" } }, "transport.mode: 'ship' is not one of sea, air, road, rail, multimodal, post"),
        ["transport.mode missing"] = (c => c with { Transport = c.Transport with { Mode = null! } }, "transport.mode: required"),
        ["transport.meansOfTransport empty"] = (c => c with { Transport = c.Transport with { MeansOfTransport = "" } }, "transport.meansOfTransport: empty; leave it out"),
        ["transport.portOfLoading with a line feed"] = (c => c with { Transport = c.Transport with { PortOfLoading = "KR\nPUS" } }, "transport.portOfLoading: contains control characters"),
        ["transport.portOfDischarge 101 characters"] = (c => c with { Transport = c.Transport with { PortOfDischarge = new string('p', 101) } }, "transport.portOfDischarge: 101 characters"),
        ["transport.departureDate in 1989"] = (c => c with { Transport = c.Transport with { DepartureDate = new DateOnly(1989, 1, 1) } }, "transport.departureDate: 1989-01-01 is before 1990"),
        ["goods empty"] = (c => c with { Goods = [] }, "goods: at least one line"),
        ["goods missing"] = (c => c with { Goods = null! }, "goods: at least one line"),
        ["goods 1000 lines"] = (c => c with { Goods = [.. Enumerable.Range(1, 1000).Select(i => c.Goods[0] with { LineNumber = i })] }, "goods: 1000 lines, at most 999"),
        ["goods[1] null"] = (c => c with { Goods = [c.Goods[0], null!] }, "goods[1]: required"),
        ["goods[1].lineNumber out of order"] = (c => c with { Goods = [c.Goods[0], c.Goods[1] with { LineNumber = 3 }] }, "goods[1].lineNumber: 3 is not 2"),
        ["goods[0].hsCode letters"] = (c => Goods0(g => g with { HsCode = "ABC" }), "goods[0].hsCode: 'ABC' is not 6, 8 or 10 digits"),
        ["goods[0].hsCode 7 digits"] = (c => Goods0(g => g with { HsCode = "8708991" }), "goods[0].hsCode: '8708991' is not 6, 8 or 10 digits"),
        ["goods[0].hsCode with a dot"] = (c => Goods0(g => g with { HsCode = "8708.99" }), "goods[0].hsCode: '8708.99' is not 6, 8 or 10 digits"),
        ["goods[0].hsCode missing"] = (c => Goods0(g => g with { HsCode = null! }), "goods[0].hsCode: required"),
        ["goods[0].description empty"] = (c => Goods0(g => g with { Description = "" }), "goods[0].description: required"),
        ["goods[0].description 501 characters"] = (c => Goods0(g => g with { Description = new string('d', 501) }), "goods[0].description: 501 characters, at most 500"),
        ["goods[0].description with a carriage return"] = (c => Goods0(g => g with { Description = "a\r\nb" }), "goods[0].description: contains control characters (other than line feeds)"),
        ["goods[0].quantity zero"] = (c => Goods0(g => g with { Quantity = 0 }), "goods[0].quantity: 0 is not more than 0"),
        ["goods[0].quantity negative"] = (c => Goods0(g => g with { Quantity = -1.5m }), "goods[0].quantity: -1.5 is not more than 0"),
        ["goods[0].quantity too large"] = (c => Goods0(g => g with { Quantity = 1_000_000_000_000_000m }), "goods[0].quantity: not less than 1000000000000000"),
        ["goods[0].quantity 7 decimal places"] = (c => Goods0(g => g with { Quantity = 0.0000001m }), "goods[0].quantity: at most 6 decimal places"),
        ["goods[0].unitCode lowercase"] = (c => Goods0(g => g with { UnitCode = "kgm" }), "goods[0].unitCode: 'kgm' is not a UN/ECE Recommendation 20 code"),
        ["goods[0].unitCode 4 characters"] = (c => Goods0(g => g with { UnitCode = "KGMS" }), "goods[0].unitCode: 'KGMS' is not"),
        ["goods[0].unitCode 1 character"] = (c => Goods0(g => g with { UnitCode = "K" }), "goods[0].unitCode: 'K' is not"),
        ["goods[0].originCountry EU"] = (c => Goods0(g => g with { OriginCountry = "EU" }), "goods[0].originCountry: 'EU' is not an assigned"),
        ["goods[0].originCriterion lowercase"] = (c => Goods0(g => g with { OriginCriterion = "wo" }), "goods[0].originCriterion: 'wo' is not an origin criterion"),
        ["goods[0].originCriterion with a space"] = (c => Goods0(g => g with { OriginCriterion = "RVC 40" }), "goods[0].originCriterion: 'RVC 40' is not"),
        ["goods[0].marks with a tab"] = (c => Goods0(g => g with { Marks = "A\tB" }), "goods[0].marks: contains control characters"),
        ["goods[0].marks empty"] = (c => Goods0(g => g with { Marks = "" }), "goods[0].marks: empty; leave it out"),
        ["invoice missing"] = (c => c with { Invoice = null! }, "invoice: required"),
        ["invoice.number empty"] = (c => c with { Invoice = c.Invoice with { Number = "" } }, "invoice.number: required"),
        ["invoice.number 36 characters"] = (c => c with { Invoice = c.Invoice with { Number = new string('9', 36) } }, "invoice.number: 36 characters, at most 35"),
        ["invoice.date in 1989"] = (c => c with { Invoice = c.Invoice with { Date = new DateOnly(1989, 12, 31) } }, "invoice.date: 1989-12-31 is before 1990"),
        ["remarks empty"] = (c => c with { Remarks = "" }, "remarks: empty; leave it out when there is none"),
        ["remarks 2001 characters"] = (c => c with { Remarks = new string('r', 2001) }, "remarks: 2001 characters, at most 2000"),
        ["remarks with a trailing line feed"] = (c => c with { Remarks = "Checked.\n" }, "remarks: leading or trailing spaces"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void An_invalid_value_is_reported_with_its_field_path(string name)
    {
        var (change, expected) = Cases[name];

        var e = Assert.Throws<CertificateOfOriginValidationException>(() => CertificateOfOriginValidator.Validate(change(Valid)));

        var problem = Assert.Single(e.Problems);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var certificate = Valid with
        {
            IssuingMember = "XX",
            Consignee = Valid.Consignee with { Name = "" },
            Goods = [Valid.Goods[0] with { HsCode = "ABC" }, Valid.Goods[1] with { Quantity = 0 }],
            Remarks = "",
        };

        var problems = Assert.Throws<CertificateOfOriginValidationException>(() => CertificateOfOriginValidator.Validate(certificate)).Problems;

        Assert.Equal(
        [
            "issuingMember: 'XX' is not an assigned ISO 3166-1 alpha-2 code",
            "consignee.name: required",
            "goods[0].hsCode: 'ABC' is not 6, 8 or 10 digits",
            "goods[1].quantity: 0 is not more than 0",
            "remarks: empty; leave it out when there is none",
        ], problems);
        Assert.Equal(problems, CertificateOfOriginValidator.FindProblems(certificate));
    }

    [Fact]
    public void The_test_certificates_are_valid()
    {
        Assert.Empty(CertificateOfOriginValidator.FindProblems(OriginTestData.Certificate()));
        Assert.Empty(CertificateOfOriginValidator.FindProblems(OriginTestData.Minimal()));
    }

    [Fact]
    public void Values_at_their_limits_are_valid()
    {
        var certificate = Valid with
        {
            CertificateNumber = new string('A', 34) + "/",
            IssuingChamber = "!~" + new string('Z', 14),
            IssuingChamberName = new string('n', 200),
            PreferentialRegime = new string('R', 32),
            Exporter = Valid.Exporter with { Address = new string('a', 500), Name = "Ünal Dış Ticaret 😀 A.Ş." },
            Goods = [.. Enumerable.Range(1, 999).Select(i => Valid.Goods[0] with
            {
                LineNumber = i, HsCode = "8708991000", Quantity = 999_999_999_999_999.999999m, UnitCode = "C62",
                OriginCriterion = "RVC40-CTSH",
            })],
            Remarks = new string('r', 1999) + "!",
        };

        Assert.Empty(CertificateOfOriginValidator.FindProblems(certificate));
    }

    [Fact]
    public void A_null_certificate_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => CertificateOfOriginValidator.Validate(null!));
    }
}
