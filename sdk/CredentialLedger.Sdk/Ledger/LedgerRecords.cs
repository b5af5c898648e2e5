using System.Collections.Immutable;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Ledger;

/// <summary>A registered signing key as the events left it.</summary>
/// <param name="KeyId">keccak-256 of <paramref name="PublicKey"/>.</param>
/// <param name="Member">The owning member.</param>
/// <param name="Chamber">The owning chamber, or null for the member's own (AEO) key.</param>
/// <param name="PublicKey">The 65-byte uncompressed P-256 key.</param>
/// <param name="ValidFrom">First unix second it may sign.</param>
/// <param name="ValidUntil">First unix second it may no longer sign, or 0 for no end.</param>
/// <param name="RevokedAt">First unix second it is revoked, or null.</param>
/// <param name="Registered">Where it was registered.</param>
public sealed record SigningKeyRecord(
    Hash32 KeyId, MemberCode Member, ChamberId? Chamber, byte[] PublicKey, ulong ValidFrom, ulong ValidUntil, ulong? RevokedAt,
    LogPosition Registered)
{
    /// <summary>Whether the key may sign at unix second <paramref name="at"/> (contracts/README.md, "Signing keys").</summary>
    public bool IsValidAt(ulong at) => at >= ValidFrom && (ValidUntil == 0 || at < ValidUntil) && (RevokedAt is not { } r || at < r);
}

/// <summary>An anchored batch of AEO credentials.</summary>
/// <param name="Root">Its Merkle root.</param>
/// <param name="Issuer">The member that anchored it.</param>
/// <param name="Size">How many credentials it holds.</param>
/// <param name="AnchoredAt">Unix seconds of the anchoring block.</param>
/// <param name="Anchored">The anchoring log (block and transaction).</param>
public sealed record AnchoredBatch(Hash32 Root, MemberCode Issuer, uint Size, ulong AnchoredAt, LogPosition Anchored);

/// <summary>One status change of one credential.</summary>
/// <param name="Status">The new status.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="EffectiveAt">Unix second it takes effect (possibly before its block).</param>
/// <param name="Position">The log that recorded it.</param>
/// <param name="SupersededBy">For a renewal, the new credential (root, index).</param>
public sealed record StatusChangeRecord(CredentialStatus Status, byte Reason, ulong EffectiveAt, LogPosition Position, CredentialRef? SupersededBy);

/// <summary>A credential's place on chain: its batch root and index.</summary>
/// <param name="Root">The batch root.</param>
/// <param name="Index">The index in the batch.</param>
public readonly record struct CredentialRef(Hash32 Root, uint Index)
{
    /// <inheritdoc />
    public override string ToString() => $"{Root}#{Index}";
}

/// <summary>A credential's status at a time, with the change that set it (null while it is as anchored).</summary>
/// <param name="Status">The status.</param>
/// <param name="Change">The change in force, or null when none is.</param>
public sealed record StatusAt(CredentialStatus Status, StatusChangeRecord? Change);

/// <summary>The terms of one MRA version.</summary>
/// <param name="Version">The version (from 1).</param>
/// <param name="Scope">Programme types recognized: bit p = programme p (0 AEO-S, 1 AEO-C).</param>
/// <param name="Benefits">Benefits granted (bitmask, contracts/README.md).</param>
/// <param name="ValidFrom">First unix second in force.</param>
/// <param name="ValidUntil">First unix second no longer in force, or 0 for no end.</param>
public sealed record MraVersionTerms(uint Version, uint Scope, uint Benefits, ulong ValidFrom, ulong ValidUntil)
{
    /// <summary>Whether unix second <paramref name="at"/> is inside the validity window.</summary>
    public bool CoversTime(ulong at) => at >= ValidFrom && (ValidUntil == 0 || at < ValidUntil);
}

/// <summary>An MRA's status and governing version from a block time on.</summary>
/// <param name="From">The block time of the change.</param>
/// <param name="Status">Active, Suspended or Terminated.</param>
/// <param name="ConcludedVersion">The version every party accepted, or 0.</param>
/// <param name="Position">The log of the change.</param>
public sealed record MraState(ulong From, MraStatus Status, uint ConcludedVersion, LogPosition Position);

/// <summary>An MRA as the events left it: parties, every version's terms, and its state over time.</summary>
/// <param name="Id">The MRA id.</param>
/// <param name="Parties">The parties, ascending.</param>
/// <param name="Versions">Terms by version (index 0 = version 1).</param>
/// <param name="States">State changes in chain order.</param>
public sealed record MraHistory(ulong Id, ImmutableArray<MemberCode> Parties, ImmutableArray<MraVersionTerms> Versions, ImmutableArray<MraState> States)
{
    /// <summary>The state at unix second <paramref name="at"/> (the last change with a block time not after it), or null.</summary>
    public MraState? StateAt(ulong at)
    {
        MraState? found = null;
        foreach (var s in States)
        {
            if (s.From > at)
                break;
            found = s;
        }
        return found;
    }

    /// <summary>The governing terms when the MRA is in force at <paramref name="at"/>, else null.</summary>
    public MraVersionTerms? InForceAt(ulong at)
    {
        if (StateAt(at) is not { Status: MraStatus.Active, ConcludedVersion: > 0 } state)
            return null;
        var terms = Versions[(int)state.ConcludedVersion - 1];
        return terms.CoversTime(at) ? terms : null;
    }
}

/// <summary>A member's membership periods: [From, Until) in unix seconds, Until null while it lasts.</summary>
/// <param name="From">Block time of admission.</param>
/// <param name="Until">Block time of removal, or null.</param>
public readonly record struct MembershipPeriod(ulong From, ulong? Until)
{
    /// <summary>Whether unix second <paramref name="at"/> falls in the period.</summary>
    public bool Contains(ulong at) => at >= From && (Until is not { } u || at < u);
}
