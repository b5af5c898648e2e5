using System.Globalization;
using System.Xml;
using CredentialLedger.Credentials.Jwt;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// Checks a certificate of origin before it is signed and after it is read: every problem is reported at once, each
/// with its field path (<c>goods[0]</c> is the first line).
/// </summary>
public static class CertificateOfOriginValidator
{
    /// <summary>The most goods lines a certificate holds.</summary>
    public const int MaxGoodsItems = 999;

    /// <summary>The largest quantity a goods line may state (exclusive).</summary>
    public const decimal MaxQuantity = 1_000_000_000_000_000m;

    /// <summary>Throws when the certificate is invalid.</summary>
    /// <exception cref="CertificateOfOriginValidationException">Lists every problem.</exception>
    public static void Validate(CertificateOfOrigin certificate)
    {
        var problems = FindProblems(certificate);
        if (problems.Count > 0)
            throw new CertificateOfOriginValidationException(problems);
    }

    /// <summary>Every problem (empty when the certificate is valid).</summary>
    public static IReadOnlyList<string> FindProblems(CertificateOfOrigin certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var p = new List<string>();
        Code(p, "certificateNumber", certificate.CertificateNumber, 35,
            c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/', "1-35 characters of A-Z a-z 0-9 - /");
        Country(p, "issuingMember", certificate.IssuingMember);
        Code(p, "issuingChamber", certificate.IssuingChamber, 16, c => c is > ' ' and <= '~', "1-16 printable ASCII characters without spaces");
        Text(p, "issuingChamberName", certificate.IssuingChamberName, 200);
        Text(p, "placeOfIssue", certificate.PlaceOfIssue, 100);
        var issuedAt = certificate.IssuedAt;
        if (issuedAt.Offset != TimeSpan.Zero)
            p.Add($"issuedAt: {issuedAt:O} is not in UTC");
        if (issuedAt.Ticks % TimeSpan.TicksPerSecond != 0)
            p.Add("issuedAt: whole seconds only");
        if (issuedAt.UtcDateTime.Year is < 2000 or > 9998)
            p.Add($"issuedAt: year {issuedAt.UtcDateTime.Year} is out of range (2000-9998)");
        Country(p, "exportingCountry", certificate.ExportingCountry);
        Country(p, "importingCountry", certificate.ImportingCountry);
        if (certificate.ExportingCountry is not null && certificate.ExportingCountry == certificate.ImportingCountry)
            p.Add($"importingCountry: '{certificate.ImportingCountry}' is also the exporting country");
        Code(p, "preferentialRegime", certificate.PreferentialRegime, 32,
            c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-', "1-32 characters of A-Z 0-9 -");
        Party(p, "exporter", certificate.Exporter, required: true);
        Party(p, "producer", certificate.Producer, required: false);
        Party(p, "consignee", certificate.Consignee, required: true);
        Transport(p, certificate.Transport);
        Goods(p, certificate.Goods);
        if (certificate.Invoice is null)
            p.Add("invoice: required");
        else
        {
            Text(p, "invoice.number", certificate.Invoice.Number, 35);
            if (certificate.Invoice.Date.Year < 1990)
                p.Add($"invoice.date: {Date(certificate.Invoice.Date)} is before 1990");
        }
        if (certificate.Remarks is not null)
            Text(p, "remarks", certificate.Remarks, 2000, multiline: true);
        return p;
    }

    private static void Party(List<string> p, string field, OriginParty? party, bool required)
    {
        if (party is null)
        {
            if (required)
                p.Add($"{field}: required");
            return;
        }
        Text(p, field + ".name", party.Name, 200);
        Text(p, field + ".address", party.Address, 500);
        Country(p, field + ".country", party.Country);
        if (party.TaxId is not null)
            Code(p, field + ".taxId", party.TaxId, 35, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.', "1-35 characters of A-Z a-z 0-9 - / .");
        if (party.AeoNumber is not null)
            Code(p, field + ".aeoNumber", party.AeoNumber, 64, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/', "1-64 characters of A-Z a-z 0-9 - _ /");
    }

    private static void Transport(List<string> p, TransportDetails? transport)
    {
        if (transport is null)
        {
            p.Add("transport: required");
            return;
        }
        if (transport.Mode is null)
            p.Add("transport.mode: required");
        else if (!TransportModes.All.Contains(transport.Mode))
            p.Add($"transport.mode: '{Quote(transport.Mode)}' is not one of {string.Join(", ", TransportModes.All)}");
        if (transport.MeansOfTransport is not null)
            Text(p, "transport.meansOfTransport", transport.MeansOfTransport, 100);
        if (transport.PortOfLoading is not null)
            Text(p, "transport.portOfLoading", transport.PortOfLoading, 100);
        if (transport.PortOfDischarge is not null)
            Text(p, "transport.portOfDischarge", transport.PortOfDischarge, 100);
        if (transport.DepartureDate is { Year: < 1990 } departure)
            p.Add($"transport.departureDate: {Date(departure)} is before 1990");
    }

    private static void Goods(List<string> p, IReadOnlyList<GoodsItem>? goods)
    {
        if (goods is null || goods.Count == 0)
        {
            p.Add("goods: at least one line");
            return;
        }
        if (goods.Count > MaxGoodsItems)
        {
            p.Add($"goods: {goods.Count} lines, at most {MaxGoodsItems}");
            return;
        }
        for (var i = 0; i < goods.Count; i++)
        {
            var field = $"goods[{i}]";
            var item = goods[i];
            if (item is null)
            {
                p.Add($"{field}: required");
                continue;
            }
            if (item.LineNumber != i + 1)
                p.Add($"{field}.lineNumber: {item.LineNumber} is not {i + 1} (lines are numbered 1, 2, 3… in order)");
            if (item.HsCode is null)
                p.Add($"{field}.hsCode: required");
            else if (item.HsCode.Length is not (6 or 8 or 10) || !item.HsCode.All(char.IsAsciiDigit))
                p.Add($"{field}.hsCode: '{Quote(item.HsCode)}' is not 6, 8 or 10 digits");
            Text(p, field + ".description", item.Description, 500, multiline: true);
            if (item.Quantity <= 0)
                p.Add($"{field}.quantity: {item.Quantity.ToString(CultureInfo.InvariantCulture)} is not more than 0");
            else if (item.Quantity >= MaxQuantity)
                p.Add($"{field}.quantity: not less than {MaxQuantity.ToString(CultureInfo.InvariantCulture)}");
            else if (decimal.Round(item.Quantity, 6) != item.Quantity)
                p.Add($"{field}.quantity: at most 6 decimal places");
            Code(p, field + ".unitCode", item.UnitCode, 3, c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c),
                "a UN/ECE Recommendation 20 code (2-3 characters of A-Z 0-9)", minLength: 2);
            Country(p, field + ".originCountry", item.OriginCountry);
            Code(p, field + ".originCriterion", item.OriginCriterion, 16, c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '-',
                "an origin criterion (2-16 characters of A-Z 0-9 -, e.g. WO, PE, CTH, RVC40)", minLength: 2);
            if (item.Marks is not null)
                Text(p, field + ".marks", item.Marks, 500, multiline: true);
        }
    }

    private static void Country(List<string> p, string field, string? code)
    {
        if (code is null)
            p.Add($"{field}: required");
        else if (!CountryCodes.IsAssigned(code))
            p.Add($"{field}: '{Quote(code)}' is not an assigned ISO 3166-1 alpha-2 code");
    }

    private static void Code(List<string> p, string field, string? value, int max, Func<char, bool> allowed, string what, int minLength = 1)
    {
        if (string.IsNullOrEmpty(value))
            p.Add(Missing(field));
        else if (value.Length < minLength || value.Length > max || !value.All(allowed))
            p.Add($"{field}: '{Quote(value)}' is not {what}");
    }

    private static void Text(List<string> p, string field, string? value, int max, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value))
            p.Add(Missing(field));
        else if (value.Length > max)
            p.Add($"{field}: {value.Length} characters, at most {max}");
        else if (!IsXmlSafe(value, multiline))
            p.Add($"{field}: contains control characters{(multiline ? " (other than line feeds)" : "")} or characters XML cannot carry");
        else if (value.Trim() != value)
            p.Add($"{field}: leading or trailing spaces");
    }

    /// <summary>
    /// True when every character can travel in XML text unchanged: no control characters (a carriage return or tab
    /// would be normalised away by XML parsers, and the document would no longer say what was signed), no
    /// noncharacters, no lone surrogates.
    /// </summary>
    private static bool IsXmlSafe(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c))
            {
                i++;
                continue;
            }
            if (c == '\n' && multiline)
                continue;
            if (char.IsControl(c) || !XmlConvert.IsXmlChar(c))
                return false;
        }
        return true;
    }

    // Optional values are only checked when present (not null), so an empty one is there by mistake.
    private static string Missing(string field) =>
        OptionalFields.Any(f => field.EndsWith(f, StringComparison.Ordinal))
            ? $"{field}: empty; leave it out when there is none"
            : $"{field}: required";

    private static readonly string[] OptionalFields =
        [".taxId", ".aeoNumber", ".meansOfTransport", ".portOfLoading", ".portOfDischarge", ".marks", "remarks"];

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Quoted values are shortened: a problem message must stay readable whatever the input was.
    private static string Quote(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
