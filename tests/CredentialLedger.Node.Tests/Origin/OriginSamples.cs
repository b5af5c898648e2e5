using System.Globalization;
using System.Text.Json.Nodes;
using CredentialLedger.Credentials.Origin;

namespace CredentialLedger.Node.Tests.Origin;

/// <summary>Certificates of origin for the node tests: KR exporters shipping to UZ under the KR-UZ FTA.</summary>
internal static class OriginSamples
{
    public const string Chamber = "KR-KCCI";

    public const string ChamberName = "Korea Chamber of Commerce and Industry";

    /// <summary>Certificate number <paramref name="n"/>, every field set, as the model.</summary>
    public static CertificateOfOrigin Certificate(int n, DateTimeOffset issuedAt, string chamber = Chamber) => new()
    {
        CertificateNumber = string.Create(CultureInfo.InvariantCulture, $"KCCI-2026/{n:D6}"),
        IssuingMember = "KR",
        IssuingChamber = chamber,
        IssuingChamberName = ChamberName,
        PlaceOfIssue = "Seoul",
        IssuedAt = issuedAt,
        ExportingCountry = "KR",
        ImportingCountry = "UZ",
        PreferentialRegime = "KR-UZ-FTA",
        Exporter = new OriginParty($"Hanbit Trading {n} Co., Ltd.", "12 Sejong-daero, Jung-gu, Seoul 04524", "KR", "123-45-67890", "KR-AEO-000001"),
        Consignee = new OriginParty("Toshkent Avto Savdo LLC", "7 Amir Temur Ave, Tashkent 100000", "UZ"),
        Transport = new TransportDetails(TransportModes.Sea, "HMM Algeciras V.012W", "KRPUS", "UZTAS"),
        Goods =
        [
            new GoodsItem(1, "870899", "Brake pads for passenger cars", 1250m + n, "NAR", "KR", "CTH"),
            new GoodsItem(2, "85044090", "Static converters", 12.5m, "KGM", "KR", "RVC40"),
        ],
        Invoice = new InvoiceReference(string.Create(CultureInfo.InvariantCulture, $"INV-2026-{n:D5}"), new DateOnly(2026, 2, 27)),
    };

    /// <summary>
    /// Certificate <paramref name="n"/> as the JSON a chamber sends: without the issuing member, chamber, name and time,
    /// which the node fills in.
    /// </summary>
    public static string Json(int n)
    {
        var json = JsonNode.Parse(CertificateOfOriginJson.Write(Certificate(n, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))))!.AsObject();
        json.Remove("issuingMember");
        json.Remove("issuingChamber");
        json.Remove("issuingChamberName");
        json.Remove("issuedAt");
        return json.ToJsonString();
    }

    /// <summary>Certificate <paramref name="n"/> as one line of a .jsonl file.</summary>
    public static string JsonLine(int n) => Json(n);
}
