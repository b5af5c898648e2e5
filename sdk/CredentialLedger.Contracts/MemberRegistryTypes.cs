using CredentialLedger.Evm;

namespace CredentialLedger.Contracts;

/// <summary>Lifecycle of a member (<c>IMemberRegistry.MemberStatus</c>).</summary>
public enum MemberStatus : byte
{
    /// <summary>Never admitted.</summary>
    None = 0,

    /// <summary>An active member.</summary>
    Active = 1,

    /// <summary>Removed by a vote; a new vote may admit it again (a new epoch).</summary>
    Removed = 2,
}

/// <summary>What a governance proposal asks for (<c>IMemberRegistry.ProposalKind</c>).</summary>
public enum ProposalKind : byte
{
    /// <summary>Admit a member.</summary>
    Admit = 0,

    /// <summary>Remove a member.</summary>
    Remove = 1,
}

/// <summary>Lifecycle of a chamber of commerce (<c>IMemberRegistry.ChamberStatus</c>).</summary>
public enum ChamberStatus : byte
{
    /// <summary>Never authorized.</summary>
    None = 0,

    /// <summary>May anchor and revoke certificates of origin.</summary>
    Active = 1,

    /// <summary>May not issue until reinstated.</summary>
    Suspended = 2,

    /// <summary>Withdrawn for good.</summary>
    Withdrawn = 3,
}

/// <summary>A member's record (<c>IMemberRegistry.Member</c>).</summary>
/// <param name="Code">The member.</param>
/// <param name="Status">Its status; <see cref="MemberStatus.None"/> for a code never admitted.</param>
/// <param name="Epoch">How many times it was admitted; grants of an earlier membership never revive.</param>
/// <param name="Since">Unix seconds of its last admission or removal.</param>
/// <param name="OperatorCount">How many operator accounts it has.</param>
public sealed record MemberRecord(MemberCode Code, MemberStatus Status, uint Epoch, ulong Since, byte OperatorCount);

/// <summary>A governance proposal (<c>IMemberRegistry.Proposal</c>).</summary>
/// <param name="Id">The proposal id (from 1).</param>
/// <param name="Kind">Admit or remove.</param>
/// <param name="Subject">The member concerned.</param>
/// <param name="Proposer">The member that proposed it.</param>
/// <param name="Executed">Whether it was carried out.</param>
/// <param name="CreatedAt">Unix seconds it was opened.</param>
/// <param name="ExpiresAt">Unix seconds from which it can no longer be voted on or executed.</param>
/// <param name="FirstOperator">For an admission, the new member's first operator; null for a removal.</param>
public sealed record Proposal(
    ulong Id, ProposalKind Kind, MemberCode Subject, MemberCode Proposer, bool Executed, ulong CreatedAt, ulong ExpiresAt,
    Address? FirstOperator);

/// <summary>The votes of a proposal that count now (from members active in the membership that voted).</summary>
/// <param name="Votes">The counted votes.</param>
/// <param name="Required">The votes a majority of the active members needs.</param>
public sealed record ProposalTally(ulong Votes, ulong Required)
{
    /// <summary>Whether the proposal has its majority.</summary>
    public bool HasMajority => Votes >= Required;
}

/// <summary>A credential-signing key (<c>IMemberRegistry.SigningKey</c>): a P-256 key in SEC1 uncompressed form.</summary>
/// <param name="KeyId">keccak256 of the public key.</param>
/// <param name="Member">The owning member.</param>
/// <param name="Chamber">The owning chamber, or null for the member's own key.</param>
/// <param name="ValidFrom">First unix second the key may sign.</param>
/// <param name="ValidUntil">First unix second it may no longer sign, or 0 for no end.</param>
/// <param name="RevokedAt">First unix second it is revoked from, or 0 when not revoked.</param>
/// <param name="RevocationReason">The revocation reason code (0 when not revoked).</param>
/// <param name="PublicKey">The 65-byte public key (0x04 || X || Y).</param>
public sealed record SigningKey(
    Hash32 KeyId, MemberCode Member, ChamberId? Chamber, ulong ValidFrom, ulong ValidUntil, ulong RevokedAt,
    byte RevocationReason, ReadOnlyMemory<byte> PublicKey)
{
    /// <summary>Whether the key was valid for signing at <paramref name="at"/> (unix seconds), as <c>keyValidAt</c> decides.</summary>
    public bool IsValidAt(ulong at) => at >= ValidFrom && (ValidUntil == 0 || at < ValidUntil) && (RevokedAt == 0 || at < RevokedAt);

    /// <inheritdoc/>
    public bool Equals(SigningKey? other) =>
        other is not null && KeyId == other.KeyId && Member == other.Member && Chamber == other.Chamber
        && ValidFrom == other.ValidFrom && ValidUntil == other.ValidUntil && RevokedAt == other.RevokedAt
        && RevocationReason == other.RevocationReason && PublicKey.Span.SequenceEqual(other.PublicKey.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(KeyId, RevokedAt);
}

/// <summary>The answer of <c>keyValidAt</c>.</summary>
/// <param name="Valid">Whether the key was registered and valid for signing at the time asked.</param>
/// <param name="Member">The owning member, or null for an unknown key.</param>
/// <param name="Chamber">The owning chamber, or null for a member's own key (or an unknown key).</param>
public sealed record KeyValidity(bool Valid, MemberCode? Member, ChamberId? Chamber);

/// <summary>A chamber of commerce (<c>IMemberRegistry.Chamber</c>).</summary>
/// <param name="Id">The chamber.</param>
/// <param name="Member">The member that authorized it.</param>
/// <param name="Status">Its status.</param>
/// <param name="MemberEpoch">The membership (epoch) of its member that authorized it.</param>
public sealed record ChamberRecord(ChamberId Id, MemberCode Member, ChamberStatus Status, uint MemberEpoch);

/// <summary>The answer of <c>chamberOf</c> for an account of a chamber.</summary>
/// <param name="Member">The chamber's member.</param>
/// <param name="Chamber">The chamber the account writes for.</param>
/// <param name="Authorized">Whether the chamber may issue now (active, and its member active in the same membership).</param>
public sealed record ChamberMembership(MemberCode Member, ChamberId Chamber, bool Authorized);
