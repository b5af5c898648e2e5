using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// The camelCase JSON form of a certificate of origin: the CLI's input, and what <c>show --json</c> prints. Property
/// names are the model's in camelCase; times are <c>yyyy-MM-ddTHH:mm:ssZ</c>, dates <c>yyyy-MM-dd</c>, quantities
/// JSON numbers; absent and null optional values are the same. The README of this folder shows an example.
/// </summary>
public static class CertificateOfOriginJson
{
    /// <summary>The longest JSON input accepted, in characters.</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>Parses and validates certificate JSON strictly.</summary>
    /// <exception cref="CertificateOfOriginValidationException">
    /// Not JSON, an unknown or repeated property, a value of the wrong type, a missing required value, or any
    /// <see cref="CertificateOfOriginValidator"/> problem: all of them are listed, each with its path.
    /// </exception>
    public static CertificateOfOrigin Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
            throw new CertificateOfOriginValidationException($"$: {json.Length} characters, at most {MaxLength}");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new CertificateOfOriginValidationException($"$: not JSON ({e.Message})", e);
        }
        using (document)
        {
            var reader = new CertificateOfOriginJsonReader();
            var certificate = reader.Read(document.RootElement);
            var problems = reader.Problems.ToList();
            if (certificate is not null)
            {
                // A field already reported as unreadable is not reported again as missing or out of range.
                var reported = problems.Select(Path).ToHashSet(StringComparer.Ordinal);
                problems.AddRange(CertificateOfOriginValidator.FindProblems(certificate).Where(p => !reported.Contains(Path(p))));
            }
            if (problems.Count > 0)
                throw new CertificateOfOriginValidationException(problems);
            return certificate!;
        }
    }

    /// <summary>The certificate as indented JSON, properties in a fixed order, absent optional values left out.</summary>
    public static string Write(CertificateOfOrigin certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("certificateNumber", certificate.CertificateNumber);
            w.WriteString("issuingMember", certificate.IssuingMember);
            w.WriteString("issuingChamber", certificate.IssuingChamber);
            w.WriteString("issuingChamberName", certificate.IssuingChamberName);
            w.WriteString("placeOfIssue", certificate.PlaceOfIssue);
            w.WriteString("issuedAt", ECooText.Time(certificate.IssuedAt));
            w.WriteString("exportingCountry", certificate.ExportingCountry);
            w.WriteString("importingCountry", certificate.ImportingCountry);
            w.WriteString("preferentialRegime", certificate.PreferentialRegime);
            Party(w, "exporter", certificate.Exporter);
            if (certificate.Producer is not null)
                Party(w, "producer", certificate.Producer);
            Party(w, "consignee", certificate.Consignee);
            var t = certificate.Transport;
            w.WriteStartObject("transport");
            w.WriteString("mode", t.Mode);
            Optional(w, "meansOfTransport", t.MeansOfTransport);
            Optional(w, "portOfLoading", t.PortOfLoading);
            Optional(w, "portOfDischarge", t.PortOfDischarge);
            if (t.DepartureDate is { } departure)
                w.WriteString("departureDate", ECooText.Date(departure));
            w.WriteEndObject();
            w.WriteStartArray("goods");
            foreach (var item in certificate.Goods)
            {
                w.WriteStartObject();
                w.WriteNumber("lineNumber", item.LineNumber);
                w.WriteString("hsCode", item.HsCode);
                w.WriteString("description", item.Description);
                // The number is written as its canonical text, so 1.50 and 1.5 print alike.
                Number(w, "quantity", ECooText.Quantity(item.Quantity));
                w.WriteString("unitCode", item.UnitCode);
                w.WriteString("originCountry", item.OriginCountry);
                w.WriteString("originCriterion", item.OriginCriterion);
                Optional(w, "marks", item.Marks);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("invoice");
            w.WriteString("number", certificate.Invoice.Number);
            w.WriteString("date", ECooText.Date(certificate.Invoice.Date));
            w.WriteEndObject();
            Optional(w, "remarks", certificate.Remarks);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Party(Utf8JsonWriter w, string name, OriginParty party)
    {
        w.WriteStartObject(name);
        w.WriteString("name", party.Name);
        w.WriteString("address", party.Address);
        w.WriteString("country", party.Country);
        Optional(w, "taxId", party.TaxId);
        Optional(w, "aeoNumber", party.AeoNumber);
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }

    private static void Number(Utf8JsonWriter w, string name, string canonicalNumber)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(canonicalNumber, skipInputValidation: false);
    }

    private static string Path(string problem)
    {
        var colon = problem.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? problem : problem[..colon];
    }
}
