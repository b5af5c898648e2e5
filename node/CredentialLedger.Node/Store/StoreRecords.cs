using CredentialLedger.Evm;

namespace CredentialLedger.Node.Store;

/// <summary>A certificate's status as the node has accepted it (the chain follows once the change is anchored).</summary>
public enum CertificateState
{
    /// <summary>In force.</summary>
    Active = 1,

    /// <summary>Suspended; may be reinstated or revoked.</summary>
    Suspended = 2,

    /// <summary>Revoked for good.</summary>
    Revoked = 3,

    /// <summary>Replaced by a renewal, for good.</summary>
    Superseded = 4,
}

/// <summary>What a status change does.</summary>
public enum ChangeKind
{
    /// <summary>Issuance (anchored in a Merkle batch).</summary>
    Issue = 0,

    /// <summary>Active to Suspended.</summary>
    Suspend = 1,

    /// <summary>Suspended to Active.</summary>
    Reinstate = 2,

    /// <summary>Active or Suspended to Revoked.</summary>
    Revoke = 3,

    /// <summary>Active to Superseded (renewal).</summary>
    Supersede = 4,
}

/// <summary>Where a certificate is anchored.</summary>
/// <param name="Root">The batch's Merkle root.</param>
/// <param name="Index">The leaf index in the batch.</param>
/// <param name="Proof">The sibling hashes from leaf to root.</param>
/// <param name="BlockNumber">The block of the anchoring transaction.</param>
/// <param name="TransactionHash">The anchoring transaction.</param>
/// <param name="BlockTime">The block's timestamp (unix seconds).</param>
public sealed record AnchorRecord(Hash32 Root, uint Index, IReadOnlyList<Hash32> Proof, ulong BlockNumber, Hash32 TransactionHash, long BlockTime);

/// <summary>A certificate as stored.</summary>
public sealed record CertificateRecord
{
    /// <summary>Acceptance order.</summary>
    public required long Sequence { get; init; }

    /// <summary>urn:uuid:...</summary>
    public required string Id { get; init; }

    /// <summary>The AEO number of the subject.</summary>
    public required string AeoNumber { get; init; }

    /// <summary>The compact JWS.</summary>
    public required string Jws { get; init; }

    /// <summary>keccak-256 of the JWS.</summary>
    public required Hash32 DocumentHash { get; init; }

    /// <summary>The signing key's on-chain id.</summary>
    public required Hash32 KeyId { get; init; }

    /// <summary>When the node accepted it (unix ms).</summary>
    public required long AcceptedAt { get; init; }

    /// <summary>The latest accepted status.</summary>
    public required CertificateState State { get; init; }

    /// <summary>The certificate this one renews.</summary>
    public string? Renews { get; init; }

    /// <summary>The renewal that superseded this one.</summary>
    public string? SupersededBy { get; init; }

    /// <summary>Set once the batch's transaction is confirmed.</summary>
    public AnchorRecord? Anchor { get; init; }

    /// <summary>Accepted changes (issuance included) not yet confirmed on chain.</summary>
    public int PendingChanges { get; init; }
}

/// <summary>One accepted status change.</summary>
public sealed record StatusChangeRecord(
    long Sequence, string CertificateId, ChangeKind Kind, CertificateState State, int Reason, long EffectiveAt,
    long AcceptedAt, string? ReplacementId, bool Anchored, Hash32? TransactionHash);
