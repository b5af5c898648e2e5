using System.Collections.Immutable;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Ledger;

/// <summary>A chamber's status from a block time on.</summary>
/// <param name="From">The block time of the change.</param>
/// <param name="Status">Active (authorized), Suspended or Withdrawn.</param>
/// <param name="Reason">The reason code of a suspension or withdrawal (0 for an authorization or reinstatement).</param>
/// <param name="Position">The log of the change.</param>
public sealed record ChamberStatusChange(ulong From, ChamberStatus Status, byte Reason, LogPosition Position);

/// <summary>One period during which an account could write for a chamber: [From, Until), Until null while it lasts.</summary>
/// <param name="Account">The account.</param>
/// <param name="From">Block time it was added.</param>
/// <param name="Until">Block time it was removed, or null.</param>
/// <param name="Added">The log that added it.</param>
public sealed record ChamberAccountPeriod(Address Account, ulong From, ulong? Until, LogPosition Added);

/// <summary>A chamber of commerce as the events left it: its member, its status over time, and its accounts.</summary>
/// <param name="Id">The chamber.</param>
/// <param name="Member">The member that authorized it.</param>
/// <param name="MemberEpoch">
/// The member's membership (1 = first admission) in which it was authorized; 0 when the member was not a member then
/// (never on chain). The registry authorizes a chamber only while that same membership lasts: a member removed and
/// admitted again does not get its old chambers back (contracts/src/MemberRegistry.sol, <c>_memberStands</c>).
/// </param>
/// <param name="Statuses">Status changes in chain order, the authorization first.</param>
/// <param name="Accounts">Account periods in chain order.</param>
public sealed record ChamberHistory(
    ChamberId Id, MemberCode Member, uint MemberEpoch, ImmutableArray<ChamberStatusChange> Statuses, ImmutableArray<ChamberAccountPeriod> Accounts)
{
    /// <summary>Where the chamber was authorized.</summary>
    public LogPosition Authorized => Statuses[0].Position;

    /// <summary>Block time of the authorization.</summary>
    public ulong AuthorizedAt => Statuses[0].From;

    /// <summary>The status now (as of the last applied event).</summary>
    public ChamberStatus Status => Statuses[^1].Status;

    /// <summary>
    /// The change in force at unix second <paramref name="at"/> (the last one in chain order with a block time not after
    /// it), or null before the authorization. A change holds from its block's second on, so at the exact second of a
    /// suspension the chamber is suspended.
    /// </summary>
    public ChamberStatusChange? StatusAt(ulong at)
    {
        ChamberStatusChange? found = null;
        foreach (var change in Statuses)
        {
            if (change.From > at)
                break;
            found = change;
        }
        return found;
    }

    /// <summary>The accounts that could write for the chamber at unix second <paramref name="at"/>.</summary>
    public IReadOnlyList<Address> AccountsAt(ulong at) =>
        [.. Accounts.Where(a => at >= a.From && (a.Until is not { } u || at < u)).Select(a => a.Account).Distinct()];

    /// <summary>The accounts that may write for the chamber now (as of the last applied event).</summary>
    public IReadOnlyList<Address> CurrentAccounts => [.. Accounts.Where(a => a.Until is null).Select(a => a.Account)];
}

/// <summary>A certificate of origin's place on chain: its batch root and index.</summary>
/// <param name="Root">The batch root.</param>
/// <param name="Index">The index in the batch.</param>
public readonly record struct OriginRef(Hash32 Root, uint Index)
{
    /// <inheritdoc />
    public override string ToString() => $"{Root}#{Index}";
}

/// <summary>An anchored batch of certificates of origin.</summary>
/// <param name="Root">Its Merkle root.</param>
/// <param name="Chamber">The chamber that anchored it.</param>
/// <param name="Member">The chamber's member.</param>
/// <param name="Size">How many certificates it holds.</param>
/// <param name="AnchoredAt">Unix seconds of the anchoring block.</param>
/// <param name="Anchored">The anchoring log (block and transaction).</param>
public sealed record AnchoredOriginBatch(Hash32 Root, ChamberId Chamber, MemberCode Member, uint Size, ulong AnchoredAt, LogPosition Anchored);

/// <summary>The revocation of one certificate of origin (the registry allows one per certificate).</summary>
/// <param name="Certificate">The certificate.</param>
/// <param name="Reason">The reason code.</param>
/// <param name="EffectiveAt">Unix second it takes effect (possibly before its block).</param>
/// <param name="Position">The log that recorded it.</param>
public sealed record OriginRevocationRecord(OriginRef Certificate, byte Reason, ulong EffectiveAt, LogPosition Position)
{
    /// <summary>Whether the certificate is revoked at unix second <paramref name="at"/>: from the effective time on.</summary>
    public bool IsEffectiveAt(ulong at) => at >= EffectiveAt;
}

/// <summary>The first (and only standing) use of a certificate of origin for preference.</summary>
/// <param name="Certificate">The certificate.</param>
/// <param name="Member">The importing member that used it.</param>
/// <param name="DeclarationRef">The member's declaration reference.</param>
/// <param name="UsedAt">Unix seconds of the using block.</param>
/// <param name="Position">The log that recorded it.</param>
public sealed record OriginUseRecord(OriginRef Certificate, MemberCode Member, Hash32 DeclarationRef, ulong UsedAt, LogPosition Position);
