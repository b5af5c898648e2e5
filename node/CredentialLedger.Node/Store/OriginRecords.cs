using CredentialLedger.Evm;

namespace CredentialLedger.Node.Store;

/// <summary>A certificate of origin's state as the node holds it.</summary>
public enum OriginState
{
    /// <summary>Issued (anchored, or waiting for its batch).</summary>
    Issued = 0,

    /// <summary>Revoked by its chamber, for good (on chain once its revocation is sent).</summary>
    Revoked = 1,

    /// <summary>Never anchored: its chamber lost its authorization before its batch reached the chain. Issue it again once reinstated.</summary>
    Refused = 2,
}

/// <summary>A certificate of origin ready to store: signed, with its document hash.</summary>
/// <param name="Id">The node's id for it (urn:uuid:...).</param>
/// <param name="Chamber">The issuing chamber.</param>
/// <param name="CertificateNumber">The chamber's number for it (unique per chamber).</param>
/// <param name="Exporter">The exporter's name (for lists).</param>
/// <param name="Xml">The signed XML document, byte for byte.</param>
/// <param name="DocumentHash">keccak-256 of <paramref name="Xml"/>: the document hash in its Merkle leaf.</param>
/// <param name="KeyId">The chamber's signing key.</param>
/// <param name="IssuedAt">The issue time written in the document (unix seconds).</param>
/// <param name="IdempotencyKey">Optional: a retried request with the same key returns the first certificate.</param>
public sealed record NewOriginCertificate(
    string Id, string Chamber, string CertificateNumber, string Exporter, byte[] Xml, Hash32 DocumentHash, Hash32 KeyId, long IssuedAt,
    string? IdempotencyKey);

/// <summary>A certificate's revocation.</summary>
/// <param name="Reason">The reason code.</param>
/// <param name="EffectiveAt">When it takes effect (unix seconds).</param>
/// <param name="OnChain">True once the revoking transaction is confirmed.</param>
/// <param name="TransactionHash">The revoking transaction, once sent.</param>
/// <param name="Error">Why the chain would not take it, when it never will.</param>
public sealed record OriginRevocation(int Reason, long EffectiveAt, bool OnChain, Hash32? TransactionHash, string? Error);

/// <summary>A certificate of origin as stored.</summary>
public sealed record OriginCertificateRecord
{
    /// <summary>Acceptance order.</summary>
    public required long Sequence { get; init; }

    /// <summary>urn:uuid:...</summary>
    public required string Id { get; init; }

    /// <summary>The issuing chamber.</summary>
    public required string Chamber { get; init; }

    /// <summary>The chamber's number for it.</summary>
    public required string CertificateNumber { get; init; }

    /// <summary>The exporter's name.</summary>
    public required string Exporter { get; init; }

    /// <summary>The signed XML document.</summary>
    public required byte[] Xml { get; init; }

    /// <summary>keccak-256 of the XML bytes.</summary>
    public required Hash32 DocumentHash { get; init; }

    /// <summary>The chamber's signing key.</summary>
    public required Hash32 KeyId { get; init; }

    /// <summary>The issue time in the document (unix seconds).</summary>
    public required long IssuedAt { get; init; }

    /// <summary>When the node accepted it (unix ms).</summary>
    public required long AcceptedAt { get; init; }

    /// <summary>Its state.</summary>
    public required OriginState State { get; init; }

    /// <summary>Set once its batch's transaction is confirmed.</summary>
    public AnchorRecord? Anchor { get; init; }

    /// <summary>Set once revoked.</summary>
    public OriginRevocation? Revocation { get; init; }

    /// <summary>Why it was never anchored (state Refused).</summary>
    public string? Refusal { get; init; }
}

/// <summary>A filter and page for <see cref="OriginStore.List"/>.</summary>
public sealed record OriginQuery(int PageSize, long AfterSequence = 0, string? Chamber = null, OriginState? State = null, bool? Anchored = null);
