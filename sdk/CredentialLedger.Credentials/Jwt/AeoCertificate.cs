using CredentialLedger.Evm;

namespace CredentialLedger.Credentials.Jwt;

/// <summary>AEO programme types (WCO SAFE Framework).</summary>
public enum AeoProgramme
{
    /// <summary>AEO-S: security and safety.</summary>
    AeoS = 1,

    /// <summary>AEO-C: customs simplifications.</summary>
    AeoC = 2,
}

/// <summary>The roles of an operator in the supply chain.</summary>
public enum AeoRole
{
    /// <summary>Importer.</summary>
    Importer = 1,

    /// <summary>Exporter.</summary>
    Exporter,

    /// <summary>Customs broker.</summary>
    CustomsBroker,

    /// <summary>Carrier.</summary>
    Carrier,

    /// <summary>Warehouse operator.</summary>
    WarehouseOperator,

    /// <summary>Freight forwarder.</summary>
    FreightForwarder,

    /// <summary>Manufacturer.</summary>
    Manufacturer,
}

/// <summary>The certified operator: the credential subject.</summary>
public sealed record AeoSubject
{
    /// <summary>The AEO number the administration gave the operator.</summary>
    public required string AeoNumber { get; init; }

    /// <summary>The operator's legal name.</summary>
    public required string LegalName { get; init; }

    /// <summary>Taxpayer identification number.</summary>
    public required string Tin { get; init; }

    /// <summary>Country of establishment, ISO 3166-1 alpha-2.</summary>
    public required string Country { get; init; }

    /// <summary>The programmes the operator is certified for.</summary>
    public required IReadOnlyList<AeoProgramme> Programmes { get; init; }

    /// <summary>The operator's roles.</summary>
    public required IReadOnlyList<AeoRole> Roles { get; init; }

    /// <inheritdoc />
    public bool Equals(AeoSubject? other) =>
        other is not null && AeoNumber == other.AeoNumber && LegalName == other.LegalName && Tin == other.Tin
        && Country == other.Country && Programmes.SequenceEqual(other.Programmes) && Roles.SequenceEqual(other.Roles);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(AeoNumber, Tin, Country);
}

/// <summary>Where the certificate's status lives: the CredentialRegistry of a chain.</summary>
/// <param name="ChainId">The chain id.</param>
/// <param name="CredentialRegistry">The CredentialRegistry contract.</param>
public sealed record LedgerStatusReference(ulong ChainId, Address CredentialRegistry);

/// <summary>
/// An AEO certificate: the data of a W3C Verifiable Credential 2.0 of type <c>AeoCertificate</c>
/// (see <see cref="VcJwt"/> for the JSON and JWS forms).
/// </summary>
public sealed record AeoCertificate
{
    /// <summary>The credential id, <c>urn:uuid:&lt;uuid&gt;</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The issuing member (customs administration), ISO 3166-1 alpha-2.</summary>
    public required string IssuerMember { get; init; }

    /// <summary>Start of validity (whole seconds, UTC).</summary>
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>End of validity.</summary>
    public required DateTimeOffset ValidUntil { get; init; }

    /// <summary>When the operator must be re-evaluated.</summary>
    public required DateOnly ReEvaluationDue { get; init; }

    /// <summary>The certified operator.</summary>
    public required AeoSubject Subject { get; init; }

    /// <summary>Where the status is kept.</summary>
    public required LedgerStatusReference Status { get; init; }

    /// <summary>A new random credential id (<c>urn:uuid:</c>, UUID version 4).</summary>
    public static string NewId() => "urn:uuid:" + Guid.NewGuid().ToString("D");
}
