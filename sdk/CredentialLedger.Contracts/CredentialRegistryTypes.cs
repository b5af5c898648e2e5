using CredentialLedger.Evm;

namespace CredentialLedger.Contracts;

/// <summary>A credential's status (<c>ICredentialRegistry.CredentialStatus</c>). Revoked and Superseded are terminal.</summary>
public enum CredentialStatus : byte
{
    /// <summary>Valid (the state of every credential of a freshly anchored batch).</summary>
    Active = 0,

    /// <summary>Suspended; may be reinstated or revoked.</summary>
    Suspended = 1,

    /// <summary>Revoked for good.</summary>
    Revoked = 2,

    /// <summary>Replaced by a renewed credential, for good.</summary>
    Superseded = 3,
}

/// <summary>An anchored batch of AEO credentials (<c>ICredentialRegistry.Batch</c>).</summary>
/// <param name="Root">The batch's Merkle root.</param>
/// <param name="Issuer">The member that anchored it.</param>
/// <param name="Size">The number of credentials; indices are 0 to Size - 1.</param>
/// <param name="AnchoredAt">Unix seconds of the anchoring block.</param>
public sealed record CredentialBatch(Hash32 Root, MemberCode Issuer, uint Size, ulong AnchoredAt);
