using CredentialLedger.Evm;

namespace CredentialLedger.Contracts.Events;

/// <summary><c>OriginBatchAnchored</c>: a chamber anchored the root of a batch of certificates of origin.</summary>
/// <param name="Root">The batch's Merkle root.</param>
/// <param name="Chamber">The anchoring chamber.</param>
/// <param name="Member">The chamber's member.</param>
/// <param name="Size">The number of certificates.</param>
/// <param name="AnchoredAt">The block time.</param>
public sealed record OriginBatchAnchored(Hash32 Root, ChamberId Chamber, MemberCode Member, uint Size, ulong AnchoredAt) : RegistryEvent;

/// <summary><c>CertificateRevoked</c>: the certificate is revoked from <paramref name="EffectiveAt"/>.</summary>
/// <param name="Root">The batch root.</param>
/// <param name="Index">The certificate's index.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="EffectiveAt">When the revocation takes effect.</param>
public sealed record CertificateRevoked(Hash32 Root, uint Index, byte Reason, ulong EffectiveAt) : RegistryEvent;

/// <summary><c>CertificateUsed</c>: an importing member used the certificate for a declaration (only the first use stands).</summary>
/// <param name="Root">The batch root.</param>
/// <param name="Index">The certificate's index.</param>
/// <param name="Member">The importing member.</param>
/// <param name="DeclarationRef">The member's declaration reference.</param>
public sealed record CertificateUsed(Hash32 Root, uint Index, MemberCode Member, Hash32 DeclarationRef) : RegistryEvent;
