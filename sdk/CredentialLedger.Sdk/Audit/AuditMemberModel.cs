using CredentialLedger.Contracts;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

/// <summary>A member: its membership periods and operator accounts.</summary>
/// <param name="Code">The ISO 3166-1 alpha-2 code.</param>
/// <param name="Status">Its status at the end of the replay (Active or Removed).</param>
/// <param name="Periods">Membership periods, in chain order.</param>
/// <param name="Operators">Operator accounts, by when they were added (chain order).</param>
public sealed record AuditMember(
    MemberCode Code, MemberStatus Status, IReadOnlyList<AuditMembershipPeriod> Periods, IReadOnlyList<AuditOperatorPeriod> Operators);

/// <summary>One membership: admitted (by a proposal, or 0 for a founder) until removed.</summary>
/// <param name="Epoch">The membership epoch (1 on first admission).</param>
/// <param name="ProposalId">The admitting proposal, 0 for a founding member.</param>
/// <param name="Admitted">The admission.</param>
/// <param name="Removed">The removal, or null while it lasts.</param>
/// <param name="RemovalProposalId">The removing proposal, or null.</param>
public sealed record AuditMembershipPeriod(uint Epoch, ulong ProposalId, AuditStamp Admitted, AuditStamp? Removed, ulong? RemovalProposalId);

/// <summary>One period an account wrote for a member.</summary>
/// <param name="Account">The operator account.</param>
/// <param name="Added">When it was added.</param>
/// <param name="Removed">When it was removed, or null.</param>
public sealed record AuditOperatorPeriod(Address Account, AuditStamp Added, AuditStamp? Removed);

/// <summary>A governance proposal and its votes.</summary>
/// <param name="Id">The proposal id.</param>
/// <param name="Kind">Admit or remove.</param>
/// <param name="Subject">The member concerned.</param>
/// <param name="Proposer">The proposing member.</param>
/// <param name="FirstOperator">The first operator of an admitted member, or null.</param>
/// <param name="ExpiresAt">When voting and execution close (unix seconds).</param>
/// <param name="Created">When it was created.</param>
/// <param name="Votes">Votes in chain order.</param>
/// <param name="Executed">When it was executed, or null.</param>
public sealed record AuditProposal(
    ulong Id, ProposalKind Kind, MemberCode Subject, MemberCode Proposer, Address? FirstOperator, ulong ExpiresAt, AuditStamp Created,
    IReadOnlyList<AuditVote> Votes, AuditStamp? Executed);

/// <summary>A member's vote.</summary>
/// <param name="Voter">The voting member.</param>
/// <param name="Cast">When.</param>
public sealed record AuditVote(MemberCode Voter, AuditStamp Cast);

/// <summary>A signing key and its revocations.</summary>
/// <param name="KeyId">keccak-256 of the public key.</param>
/// <param name="Member">The owning member.</param>
/// <param name="Chamber">The owning chamber, or null for the member's own key.</param>
/// <param name="ValidFrom">First second it may sign.</param>
/// <param name="ValidUntil">First second it may no longer sign, or 0 for no end.</param>
/// <param name="Registered">When it was registered.</param>
/// <param name="Revocations">Revocations in chain order (each may only move the revocation earlier).</param>
public sealed record AuditKey(
    Hash32 KeyId, MemberCode Member, ChamberId? Chamber, ulong ValidFrom, ulong ValidUntil, AuditStamp Registered,
    IReadOnlyList<AuditKeyRevocation> Revocations)
{
    /// <summary>The first second the key is revoked (the earliest revocation), or null.</summary>
    public ulong? RevokedAt => Revocations.Count == 0 ? null : Revocations.Min(r => r.EffectiveAt);
}

/// <summary>One revocation of a key.</summary>
/// <param name="Recorded">When it was recorded.</param>
/// <param name="EffectiveAt">The first second the key is no longer valid.</param>
/// <param name="Reason">The reason code.</param>
public sealed record AuditKeyRevocation(AuditStamp Recorded, ulong EffectiveAt, byte Reason);

/// <summary>A chamber of commerce: its authorization, status changes and accounts.</summary>
/// <param name="Id">The chamber id.</param>
/// <param name="Member">The authorizing member.</param>
/// <param name="MemberEpoch">The member's membership epoch at authorization (the chamber stands only while it lasts).</param>
/// <param name="Authorized">When it was authorized.</param>
/// <param name="Status">Its status at the end of the replay.</param>
/// <param name="Changes">Suspensions, reinstatements and the withdrawal, in chain order.</param>
/// <param name="Accounts">Its writing accounts, in chain order of addition.</param>
public sealed record AuditChamber(
    ChamberId Id, MemberCode Member, uint MemberEpoch, AuditStamp Authorized, ChamberStatus Status, IReadOnlyList<AuditChamberChange> Changes,
    IReadOnlyList<AuditChamberAccount> Accounts);

/// <summary>A chamber's status change.</summary>
/// <param name="Recorded">When.</param>
/// <param name="Status">The new status.</param>
/// <param name="Reason">The reason code (0 for a reinstatement).</param>
public sealed record AuditChamberChange(AuditStamp Recorded, ChamberStatus Status, byte Reason);

/// <summary>One period an account wrote for a chamber.</summary>
/// <param name="Account">The account.</param>
/// <param name="Added">When it was added.</param>
/// <param name="Removed">When it was removed, or null.</param>
public sealed record AuditChamberAccount(Address Account, AuditStamp Added, AuditStamp? Removed);
