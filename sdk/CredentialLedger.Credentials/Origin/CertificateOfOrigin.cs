namespace CredentialLedger.Credentials.Origin;

/// <summary>
/// An electronic certificate of origin (e-CoO) issued by a chamber of commerce: the data of the signed XML document
/// (see <see cref="ECooWriter"/> and the README of this folder for the XML). Codes are strings, checked by
/// <see cref="CertificateOfOriginValidator"/>.
/// </summary>
public sealed record CertificateOfOrigin
{
    /// <summary>The chamber's certificate number: 1-35 characters of <c>A-Z a-z 0-9 - /</c>.</summary>
    public required string CertificateNumber { get; init; }

    /// <summary>The customs administration the chamber belongs to, ISO 3166-1 alpha-2.</summary>
    public required string IssuingMember { get; init; }

    /// <summary>The chamber's on-chain id as ASCII text (1-16 printable characters, no spaces), e.g. <c>KR-KCCI</c>.</summary>
    public required string IssuingChamber { get; init; }

    /// <summary>The chamber's name.</summary>
    public required string IssuingChamberName { get; init; }

    /// <summary>Where the certificate was issued (a city).</summary>
    public required string PlaceOfIssue { get; init; }

    /// <summary>When it was issued: UTC, whole seconds.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The country of export, ISO 3166-1 alpha-2.</summary>
    public required string ExportingCountry { get; init; }

    /// <summary>The country of import (destination), ISO 3166-1 alpha-2.</summary>
    public required string ImportingCountry { get; init; }

    /// <summary>The agreement or regime the origin is certified under, e.g. <c>RCEP</c>, <c>KR-UZ-FTA</c> or <c>NON-PREFERENTIAL</c>.</summary>
    public required string PreferentialRegime { get; init; }

    /// <summary>The exporter (consignor).</summary>
    public required OriginParty Exporter { get; init; }

    /// <summary>The producer, when it is named.</summary>
    public OriginParty? Producer { get; init; }

    /// <summary>The consignee (importer).</summary>
    public required OriginParty Consignee { get; init; }

    /// <summary>How the goods travel.</summary>
    public required TransportDetails Transport { get; init; }

    /// <summary>The goods, 1 to 999 lines numbered 1, 2, 3… in order.</summary>
    public required IReadOnlyList<GoodsItem> Goods { get; init; }

    /// <summary>The commercial invoice the goods are sold under.</summary>
    public required InvoiceReference Invoice { get; init; }

    /// <summary>Free-text remarks, when any.</summary>
    public string? Remarks { get; init; }

    /// <inheritdoc />
    public bool Equals(CertificateOfOrigin? other) =>
        other is not null
        && CertificateNumber == other.CertificateNumber && IssuingMember == other.IssuingMember
        && IssuingChamber == other.IssuingChamber && IssuingChamberName == other.IssuingChamberName
        && PlaceOfIssue == other.PlaceOfIssue && IssuedAt == other.IssuedAt
        && ExportingCountry == other.ExportingCountry && ImportingCountry == other.ImportingCountry
        && PreferentialRegime == other.PreferentialRegime && Equals(Exporter, other.Exporter)
        && Equals(Producer, other.Producer) && Equals(Consignee, other.Consignee) && Equals(Transport, other.Transport)
        && (ReferenceEquals(Goods, other.Goods) || (Goods is not null && other.Goods is not null && Goods.SequenceEqual(other.Goods)))
        && Equals(Invoice, other.Invoice) && Remarks == other.Remarks;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CertificateNumber, IssuingChamber, IssuedAt);
}

/// <summary>A party named on the certificate (exporter, producer, consignee).</summary>
/// <param name="Name">Legal name.</param>
/// <param name="Address">Postal address, one line.</param>
/// <param name="Country">Country of the address, ISO 3166-1 alpha-2.</param>
/// <param name="TaxId">Tax identification number, when given.</param>
/// <param name="AeoNumber">The party's AEO number, when it is an authorized economic operator.</param>
public sealed record OriginParty(string Name, string Address, string Country, string? TaxId = null, string? AeoNumber = null);

/// <summary>How the goods are transported.</summary>
/// <param name="Mode">One of <see cref="TransportModes.All"/>: sea, air, road, rail, multimodal, post.</param>
/// <param name="MeansOfTransport">Vessel, flight or vehicle, when known.</param>
/// <param name="PortOfLoading">Port or place of loading, when known.</param>
/// <param name="PortOfDischarge">Port or place of discharge, when known.</param>
/// <param name="DepartureDate">Date of departure, when known.</param>
public sealed record TransportDetails(
    string Mode, string? MeansOfTransport = null, string? PortOfLoading = null, string? PortOfDischarge = null, DateOnly? DepartureDate = null);

/// <summary>The transport modes a certificate names (UN/ECE Recommendation 19 codes in the README).</summary>
public static class TransportModes
{
    /// <summary>Maritime transport.</summary>
    public const string Sea = "sea";

    /// <summary>Air transport.</summary>
    public const string Air = "air";

    /// <summary>Road transport.</summary>
    public const string Road = "road";

    /// <summary>Rail transport.</summary>
    public const string Rail = "rail";

    /// <summary>More than one mode.</summary>
    public const string Multimodal = "multimodal";

    /// <summary>Postal consignment.</summary>
    public const string Post = "post";

    /// <summary>Every mode.</summary>
    public static IReadOnlyList<string> All { get; } = [Sea, Air, Road, Rail, Multimodal, Post];
}

/// <summary>One line of goods.</summary>
/// <param name="LineNumber">1 for the first line, then 2, 3… in order.</param>
/// <param name="HsCode">Harmonized System code: 6, 8 or 10 digits.</param>
/// <param name="Description">Description of the goods.</param>
/// <param name="Quantity">Quantity, more than 0, at most 6 decimal places.</param>
/// <param name="UnitCode">Unit of measure, UN/ECE Recommendation 20 (e.g. KGM, NAR, MTR, LTR).</param>
/// <param name="OriginCountry">Country of origin, ISO 3166-1 alpha-2.</param>
/// <param name="OriginCriterion">The origin criterion met, e.g. WO, PE, CTH, CTSH, RVC40, PSR.</param>
/// <param name="Marks">Marks and numbers on the packages, when any.</param>
public sealed record GoodsItem(
    int LineNumber, string HsCode, string Description, decimal Quantity, string UnitCode, string OriginCountry, string OriginCriterion,
    string? Marks = null);

/// <summary>The commercial invoice.</summary>
/// <param name="Number">Invoice number.</param>
/// <param name="Date">Invoice date.</param>
public sealed record InvoiceReference(string Number, DateOnly Date);
