using CredentialLedger.Evm;

namespace CredentialLedger.Contracts.Events;

/// <summary><c>MemberAdmitted</c>: the member became active (proposal 0 for founders).</summary>
/// <param name="Member">The member.</param>
/// <param name="Epoch">Its membership epoch (1 on first admission).</param>
/// <param name="ProposalId">The admitting proposal, or 0 for a founding member.</param>
public sealed record MemberAdmitted(MemberCode Member, uint Epoch, ulong ProposalId) : RegistryEvent;

/// <summary><c>MemberRemoved</c>: the member stopped being a member (its <c>OperatorRemoved</c> events come first).</summary>
/// <param name="Member">The member.</param>
/// <param name="ProposalId">The removing proposal.</param>
public sealed record MemberRemoved(MemberCode Member, ulong ProposalId) : RegistryEvent;

/// <summary><c>OperatorAdded</c>: the account may now write for the member.</summary>
/// <param name="Member">The member.</param>
/// <param name="Account">The operator account.</param>
public sealed record OperatorAdded(MemberCode Member, Address Account) : RegistryEvent;

/// <summary><c>OperatorRemoved</c>: the account may no longer write for the member.</summary>
/// <param name="Member">The member.</param>
/// <param name="Account">The operator account.</param>
public sealed record OperatorRemoved(MemberCode Member, Address Account) : RegistryEvent;

/// <summary><c>ProposalCreated</c>: a proposal was opened (the proposer's <c>VoteCast</c> follows).</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="Kind">Admit or remove.</param>
/// <param name="Subject">The member concerned.</param>
/// <param name="Proposer">The proposing member.</param>
/// <param name="FirstOperator">The first operator of an admitted member, or null for a removal.</param>
/// <param name="ExpiresAt">When voting and execution close.</param>
public sealed record ProposalCreated(
    ulong ProposalId, ProposalKind Kind, MemberCode Subject, MemberCode Proposer, Address? FirstOperator, ulong ExpiresAt) : RegistryEvent;

/// <summary><c>VoteCast</c>: the member voted for the proposal.</summary>
/// <param name="ProposalId">The proposal.</param>
/// <param name="Voter">The voting member.</param>
public sealed record VoteCast(ulong ProposalId, MemberCode Voter) : RegistryEvent;

/// <summary><c>ProposalExecuted</c>: the proposal had its majority and was carried out.</summary>
/// <param name="ProposalId">The proposal.</param>
public sealed record ProposalExecuted(ulong ProposalId) : RegistryEvent;

/// <summary><c>KeyRegistered</c>: a signing key was registered.</summary>
/// <param name="KeyId">keccak256 of the public key.</param>
/// <param name="Member">The owning member.</param>
/// <param name="Chamber">The owning chamber, or null for the member's own key.</param>
/// <param name="ValidFrom">First second the key may sign.</param>
/// <param name="ValidUntil">First second it may no longer sign, or 0 for no end.</param>
/// <param name="PublicKey">The 65-byte SEC1 uncompressed P-256 public key.</param>
public sealed record KeyRegistered(
    Hash32 KeyId, MemberCode Member, ChamberId? Chamber, ulong ValidFrom, ulong ValidUntil, ReadOnlyMemory<byte> PublicKey) : RegistryEvent
{
    /// <inheritdoc/>
    public bool Equals(KeyRegistered? other) =>
        base.Equals(other) && KeyId == other.KeyId && Member == other.Member && Chamber == other.Chamber
        && ValidFrom == other.ValidFrom && ValidUntil == other.ValidUntil && PublicKey.Span.SequenceEqual(other.PublicKey.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), KeyId);
}

/// <summary><c>KeyRevoked</c>: the key is no longer valid from <paramref name="EffectiveAt"/> (possibly in the past).</summary>
/// <param name="KeyId">The key.</param>
/// <param name="EffectiveAt">The first second it is no longer valid.</param>
/// <param name="Reason">The reason code.</param>
public sealed record KeyRevoked(Hash32 KeyId, ulong EffectiveAt, byte Reason) : RegistryEvent;

/// <summary><c>ChamberAuthorized</c>: the member authorized the chamber (its <c>ChamberAccountAdded</c> follows).</summary>
/// <param name="Chamber">The chamber.</param>
/// <param name="Member">The authorizing member.</param>
/// <param name="Account">The chamber's first writing account.</param>
public sealed record ChamberAuthorized(ChamberId Chamber, MemberCode Member, Address Account) : RegistryEvent;

/// <summary><c>ChamberSuspended</c>: the chamber may not issue until reinstated.</summary>
/// <param name="Chamber">The chamber.</param>
/// <param name="Reason">The reason code.</param>
public sealed record ChamberSuspended(ChamberId Chamber, byte Reason) : RegistryEvent;

/// <summary><c>ChamberReinstated</c>: the chamber may issue again.</summary>
/// <param name="Chamber">The chamber.</param>
public sealed record ChamberReinstated(ChamberId Chamber) : RegistryEvent;

/// <summary><c>ChamberWithdrawn</c>: the chamber is withdrawn for good.</summary>
/// <param name="Chamber">The chamber.</param>
/// <param name="Reason">The reason code.</param>
public sealed record ChamberWithdrawn(ChamberId Chamber, byte Reason) : RegistryEvent;

/// <summary><c>ChamberAccountAdded</c>: the account may now write for the chamber.</summary>
/// <param name="Chamber">The chamber.</param>
/// <param name="Account">The account.</param>
public sealed record ChamberAccountAdded(ChamberId Chamber, Address Account) : RegistryEvent;

/// <summary><c>ChamberAccountRemoved</c>: the account may no longer write for the chamber.</summary>
/// <param name="Chamber">The chamber.</param>
/// <param name="Account">The account.</param>
public sealed record ChamberAccountRemoved(ChamberId Chamber, Address Account) : RegistryEvent;
