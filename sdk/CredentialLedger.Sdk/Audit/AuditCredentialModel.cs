using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Audit;

/// <summary>An anchored batch of AEO credentials.</summary>
/// <param name="Root">Its Merkle root.</param>
/// <param name="Issuer">The issuing member.</param>
/// <param name="Size">How many credentials it holds.</param>
/// <param name="Anchored">When it was anchored (all its credentials Active from then).</param>
public sealed record AuditCredentialBatch(Hash32 Root, MemberCode Issuer, uint Size, AuditStamp Anchored);

/// <summary>An AEO credential's full timeline: its anchoring, then every status change.</summary>
/// <param name="Credential">Its batch root and index.</param>
/// <param name="Issuer">The issuing member (from its batch).</param>
/// <param name="Anchored">When its batch was anchored.</param>
/// <param name="Status">Its status on chain at the end of the replay (the last change's).</param>
/// <param name="Changes">Every status change, in chain order.</param>
public sealed record AuditCredential(
    CredentialRef Credential, MemberCode Issuer, AuditStamp Anchored, CredentialStatus Status, IReadOnlyList<AuditStatusChange> Changes);

/// <summary>One status change of one credential.</summary>
/// <param name="Recorded">The log that recorded it (block, transaction, block time, sender).</param>
/// <param name="From">The status before.</param>
/// <param name="To">The status after.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="EffectiveAt">When the change takes effect (unix seconds; never after the block, possibly before).</param>
/// <param name="SupersededBy">For a renewal, the new credential.</param>
/// <param name="Many">Recorded by one of the <c>...Many</c> forms (one log for many credentials).</param>
public sealed record AuditStatusChange(
    AuditStamp Recorded, CredentialStatus From, CredentialStatus To, byte Reason, ulong EffectiveAt, CredentialRef? SupersededBy, bool Many);

/// <summary>An anchored batch of certificates of origin, with its revocations and first uses.</summary>
/// <param name="Root">Its Merkle root.</param>
/// <param name="Chamber">The anchoring chamber.</param>
/// <param name="Member">The chamber's member.</param>
/// <param name="Size">How many certificates it holds.</param>
/// <param name="Anchored">When it was anchored.</param>
/// <param name="Revocations">Revocations in chain order.</param>
/// <param name="Uses">First uses in chain order.</param>
public sealed record AuditOriginBatch(
    Hash32 Root, ChamberId Chamber, MemberCode Member, uint Size, AuditStamp Anchored, IReadOnlyList<AuditOriginRevocation> Revocations,
    IReadOnlyList<AuditOriginUse> Uses);

/// <summary>A certificate of origin revoked.</summary>
/// <param name="Index">The certificate's index in its batch.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="EffectiveAt">When the revocation takes effect.</param>
/// <param name="Recorded">When it was recorded.</param>
public sealed record AuditOriginRevocation(uint Index, byte Reason, ulong EffectiveAt, AuditStamp Recorded);

/// <summary>A certificate of origin used by an importing member for a declaration.</summary>
/// <param name="Index">The certificate's index in its batch.</param>
/// <param name="Member">The importing member.</param>
/// <param name="DeclarationRef">The member's declaration reference.</param>
/// <param name="Recorded">When it was recorded.</param>
public sealed record AuditOriginUse(uint Index, MemberCode Member, Hash32 DeclarationRef, AuditStamp Recorded);
