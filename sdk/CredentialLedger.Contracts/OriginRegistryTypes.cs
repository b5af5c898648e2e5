using CredentialLedger.Evm;

namespace CredentialLedger.Contracts;

/// <summary>An anchored batch of certificates of origin (<c>IOriginRegistry.Batch</c>).</summary>
/// <param name="Root">The batch's Merkle root.</param>
/// <param name="Chamber">The chamber of commerce that anchored it.</param>
/// <param name="Member">The chamber's member.</param>
/// <param name="Size">The number of certificates; indices are 0 to Size - 1.</param>
/// <param name="AnchoredAt">Unix seconds of the anchoring block.</param>
public sealed record OriginBatch(Hash32 Root, ChamberId Chamber, MemberCode Member, uint Size, ulong AnchoredAt);

/// <summary>The first (and only standing) use of a certificate of origin for preference (<c>IOriginRegistry.Use</c>).</summary>
/// <param name="Member">The importing member that used it.</param>
/// <param name="UsedAt">Unix seconds of the use.</param>
/// <param name="DeclarationRef">The importing member's declaration reference.</param>
public sealed record CertificateUse(MemberCode Member, ulong UsedAt, Hash32 DeclarationRef);
