using System.Collections.Concurrent;
using System.Collections.Immutable;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Ledger;

/// <summary>
/// The registries' state and its history, rebuilt from their events alone: members and their membership periods,
/// signing keys, anchored batches, every credential's status changes, every MRA's versions and states over time,
/// chambers of commerce and their status over time, and certificate-of-origin batches, revocations and first uses.
/// It answers point-in-time questions ("status of X at t", "is an MRA between V and I in force at t") that the
/// contracts' views only answer for now.
/// <para>
/// One writer (<see cref="Apply"/>, in chain order; events at or before the last applied position are ignored, so a
/// replay never applies twice) and any number of concurrent readers: every entry is an immutable value swapped
/// whole, so a reader sees each entry before or after an event, never half of it.
/// </para>
/// </summary>
public sealed class LedgerHistory
{
    private readonly Lock _write = new();
    private readonly ConcurrentDictionary<MemberCode, ImmutableArray<MembershipPeriod>> _members = new();
    private readonly ConcurrentDictionary<Hash32, SigningKeyRecord> _keys = new();
    private readonly ConcurrentDictionary<Hash32, AnchoredBatch> _batches = new();
    private readonly ConcurrentDictionary<CredentialRef, ImmutableArray<StatusChangeRecord>> _statuses = new();
    private readonly ConcurrentDictionary<ulong, MraHistory> _mras = new();
    private readonly ConcurrentDictionary<MemberCode, ImmutableArray<ulong>> _mrasByMember = new();
    private readonly ConcurrentDictionary<ChamberId, ChamberHistory> _chambers = new();
    private readonly ConcurrentDictionary<Hash32, AnchoredOriginBatch> _originBatches = new();
    private readonly ConcurrentDictionary<OriginRef, OriginRevocationRecord> _originRevocations = new();
    private readonly ConcurrentDictionary<OriginRef, OriginUseRecord> _originUses = new();
    private LogPosition? _last;
    private long _eventCount;
    private LedgerFreshness? _freshness;

    /// <summary>The position of the last applied event, or null before the first.</summary>
    public LogPosition? LastApplied
    {
        get
        {
            lock (_write)
                return _last;
        }
    }

    /// <summary>How far the history was synced, or null before the first sync.</summary>
    public LedgerFreshness? Freshness => Volatile.Read(ref _freshness);

    /// <summary>Records that every event up to <paramref name="freshness"/>'s block is applied.</summary>
    public void MarkSynced(LedgerFreshness freshness)
    {
        ArgumentNullException.ThrowIfNull(freshness);
        Volatile.Write(ref _freshness, freshness);
    }

    /// <summary>How many events were applied.</summary>
    public long EventCount => Interlocked.Read(ref _eventCount);

    /// <summary>How many batches are anchored.</summary>
    public int BatchCount => _batches.Count;

    /// <summary>How many certificate-of-origin batches are anchored.</summary>
    public int OriginBatchCount => _originBatches.Count;

    /// <summary>Every chamber ever authorized, by id.</summary>
    public IReadOnlyList<ChamberHistory> Chambers => [.. _chambers.Values.OrderBy(c => c.Id)];

    /// <summary>Every member ever admitted.</summary>
    public IReadOnlyCollection<MemberCode> Members => [.. _members.Keys];

    /// <summary>Every MRA ever proposed, by id.</summary>
    public IReadOnlyList<MraHistory> Mras => [.. _mras.Values.OrderBy(m => m.Id)];

    /// <summary>
    /// Applies one event. <paramref name="blockTime"/> is the unix time of the event's block: membership, MRA and
    /// chamber state changes and certificate uses take effect at it (their events carry no time of their own).
    /// </summary>
    /// <returns>False when the event is at or before the last applied position (already applied).</returns>
    public bool Apply(RegistryEvent registryEvent, ulong blockTime)
    {
        ArgumentNullException.ThrowIfNull(registryEvent);
        lock (_write)
        {
            if (_last is { } last && registryEvent.Position <= last)
                return false;
            ApplyLocked(registryEvent, blockTime);
            _last = registryEvent.Position;
            Interlocked.Increment(ref _eventCount);
            return true;
        }
    }

    private void ApplyLocked(RegistryEvent e, ulong blockTime)
    {
        switch (e)
        {
            case MemberAdmitted m:
                _members.AddOrUpdate(m.Member, [new MembershipPeriod(blockTime, null)], (_, p) => p.Add(new MembershipPeriod(blockTime, null)));
                break;
            case MemberRemoved m when _members.TryGetValue(m.Member, out var periods) && periods.Length > 0:
                _members[m.Member] = periods.SetItem(periods.Length - 1, periods[^1] with { Until = blockTime });
                break;
            case KeyRegistered k:
                _keys[k.KeyId] = new SigningKeyRecord(k.KeyId, k.Member, k.Chamber, k.PublicKey.ToArray(), k.ValidFrom, k.ValidUntil, null, k.Position);
                break;
            case KeyRevoked k when _keys.TryGetValue(k.KeyId, out var key):
                // A revocation may only move earlier (contracts/README.md).
                _keys[k.KeyId] = key with { RevokedAt = key.RevokedAt is { } r ? Math.Min(r, k.EffectiveAt) : k.EffectiveAt };
                break;
            case BatchAnchored b:
                _batches[b.Root] = new AnchoredBatch(b.Root, b.Issuer, b.Size, b.AnchoredAt, b.Position);
                break;
            case CredentialStatusChanged c:
                AddChange(new CredentialRef(c.Root, c.Index), new StatusChangeRecord(c.Status, c.Reason, c.EffectiveAt, c.Position, null));
                break;
            case CredentialStatusesChanged c:
                foreach (var index in c.Indices)
                    AddChange(new CredentialRef(c.Root, index), new StatusChangeRecord(c.Status, c.Reason, c.EffectiveAt, c.Position, null));
                break;
            case CredentialSuperseded c:
                AddChange(new CredentialRef(c.Root, c.Index),
                    new StatusChangeRecord(CredentialStatus.Superseded, c.Reason, c.EffectiveAt, c.Position, new CredentialRef(c.NewRoot, c.NewIndex)));
                break;
            case MraProposed p:
                _mras[p.MraId] = new MraHistory(p.MraId, [.. p.Parties],
                    [new MraVersionTerms(1, p.Scope, p.Benefits, p.ValidFrom, p.ValidUntil)],
                    [new MraState(blockTime, MraStatus.Active, 0, p.Position)]);
                foreach (var party in p.Parties)
                    _mrasByMember.AddOrUpdate(party, [p.MraId], (_, ids) => ids.Add(p.MraId));
                break;
            case MraAmended a when _mras.TryGetValue(a.MraId, out var mra) && a.Version == mra.Versions.Length + 1:
                _mras[a.MraId] = mra with { Versions = mra.Versions.Add(new MraVersionTerms(a.Version, a.Scope, a.Benefits, a.ValidFrom, a.ValidUntil)) };
                break;
            case MraConcluded c when _mras.TryGetValue(c.MraId, out var concluded) && c.Version >= 1 && c.Version <= concluded.Versions.Length:
                // A version never recorded has no terms: governing by it would make every later InForceAt throw.
                ChangeMra(c.MraId, blockTime, c.Position, s => s with { ConcludedVersion = c.Version });
                break;
            case MraSuspended s:
                ChangeMra(s.MraId, blockTime, s.Position, state => state with { Status = MraStatus.Suspended });
                break;
            case MraResumed resumed:
                ChangeMra(resumed.MraId, blockTime, resumed.Position, state => state with { Status = MraStatus.Active });
                break;
            case MraTerminated t:
                ChangeMra(t.MraId, blockTime, t.Position, state => state with { Status = MraStatus.Terminated });
                break;
            case ChamberAuthorized c:
                // The registry never authorizes an id twice, not even after a withdrawal (MemberRegistryChamberExists).
                _chambers.TryAdd(c.Chamber, new ChamberHistory(c.Chamber, c.Member, MemberEpochAt(c.Member, blockTime),
                    [new ChamberStatusChange(blockTime, ChamberStatus.Active, 0, c.Position)], []));
                break;
            case ChamberSuspended s:
                ChangeChamber(s.Chamber, ChamberStatus.Suspended, s.Reason, blockTime, s.Position);
                break;
            case ChamberReinstated reinstated:
                ChangeChamber(reinstated.Chamber, ChamberStatus.Active, 0, blockTime, reinstated.Position);
                break;
            case ChamberWithdrawn w:
                ChangeChamber(w.Chamber, ChamberStatus.Withdrawn, w.Reason, blockTime, w.Position);
                break;
            case ChamberAccountAdded a when _chambers.TryGetValue(a.Chamber, out var chamber):
                _chambers[a.Chamber] = chamber with { Accounts = chamber.Accounts.Add(new ChamberAccountPeriod(a.Account, blockTime, null, a.Position)) };
                break;
            case ChamberAccountRemoved a when _chambers.TryGetValue(a.Chamber, out var chamber):
                for (var i = chamber.Accounts.Length - 1; i >= 0; i--)
                {
                    if (chamber.Accounts[i].Account == a.Account && chamber.Accounts[i].Until is null)
                    {
                        _chambers[a.Chamber] = chamber with { Accounts = chamber.Accounts.SetItem(i, chamber.Accounts[i] with { Until = blockTime }) };
                        break;
                    }
                }
                break;
            case OriginBatchAnchored b:
                _originBatches.TryAdd(b.Root, new AnchoredOriginBatch(b.Root, b.Chamber, b.Member, b.Size, b.AnchoredAt, b.Position));
                break;
            case CertificateRevoked revoked:
                // One revocation per certificate on chain (OriginRegistryAlreadyRevoked): the first recorded stands.
                _originRevocations.TryAdd(new OriginRef(revoked.Root, revoked.Index),
                    new OriginRevocationRecord(new OriginRef(revoked.Root, revoked.Index), revoked.Reason, revoked.EffectiveAt, revoked.Position));
                break;
            case CertificateUsed u:
                // Only the first use stands (a second markUsed reverts with it).
                _originUses.TryAdd(new OriginRef(u.Root, u.Index),
                    new OriginUseRecord(new OriginRef(u.Root, u.Index), u.Member, u.DeclarationRef, blockTime, u.Position));
                break;
            default:
                // Operators, proposals and votes do not bear on verification.
                break;
        }
    }

    // The member's membership epoch (1-based, as the registry counts admissions) if it is a member at blockTime, else 0.
    private uint MemberEpochAt(MemberCode member, ulong blockTime)
    {
        var periods = MembershipOf(member);
        return periods.Length > 0 && periods[^1].Contains(blockTime) ? (uint)periods.Length : 0;
    }

    private void ChangeChamber(ChamberId id, ChamberStatus status, byte reason, ulong blockTime, LogPosition position)
    {
        // Withdrawal is terminal (MemberRegistryChamberStatus): nothing after it changes the chamber.
        if (!_chambers.TryGetValue(id, out var chamber) || chamber.Status == ChamberStatus.Withdrawn)
            return;
        _chambers[id] = chamber with { Statuses = chamber.Statuses.Add(new ChamberStatusChange(blockTime, status, reason, position)) };
    }

    private void AddChange(CredentialRef credential, StatusChangeRecord change) =>
        _statuses.AddOrUpdate(credential, [change], (_, changes) => changes.Add(change));

    private void ChangeMra(ulong mraId, ulong blockTime, LogPosition position, Func<MraState, MraState> change)
    {
        if (!_mras.TryGetValue(mraId, out var mra))
            return;
        var next = change(mra.States[^1]) with { From = blockTime, Position = position };
        _mras[mraId] = mra with { States = mra.States.Add(next) };
    }

    /// <summary>Whether <paramref name="member"/> was a member at unix second <paramref name="at"/>.</summary>
    public bool IsMemberAt(MemberCode member, ulong at) =>
        _members.TryGetValue(member, out var periods) && periods.Any(p => p.Contains(at));

    /// <summary>The member's membership periods (empty when never admitted).</summary>
    public ImmutableArray<MembershipPeriod> MembershipOf(MemberCode member) =>
        _members.TryGetValue(member, out var periods) ? periods : [];

    /// <summary>The registered key with id <paramref name="keyId"/>, or null.</summary>
    public SigningKeyRecord? GetKey(Hash32 keyId) => _keys.GetValueOrDefault(keyId);

    /// <summary>The anchored batch with root <paramref name="root"/>, or null.</summary>
    public AnchoredBatch? GetBatch(Hash32 root) => _batches.GetValueOrDefault(root);

    /// <summary>Every status change of the credential, in chain order (empty while it is as anchored).</summary>
    public ImmutableArray<StatusChangeRecord> ChangesOf(CredentialRef credential) =>
        _statuses.TryGetValue(credential, out var changes) ? changes : [];

    /// <summary>
    /// The credential's status at unix second <paramref name="at"/>. Effective times may be back-dated, so chain order
    /// and time order can differ: a terminal change (revoked, superseded) in effect at <paramref name="at"/> wins;
    /// otherwise the last change in chain order whose effective time is not after <paramref name="at"/> (each change
    /// holds from its effective time on, over every change recorded before it); with none, the credential is Active as
    /// anchored. From the block of the last change on, this is the registry's current status.
    /// </summary>
    public StatusAt StatusOf(CredentialRef credential, ulong at)
    {
        StatusChangeRecord? terminal = null, latest = null;
        foreach (var change in ChangesOf(credential))
        {
            if (change.EffectiveAt > at)
                continue;
            if (change.Status is CredentialStatus.Revoked or CredentialStatus.Superseded)
                terminal ??= change;
            // Chain order, not the latest effective time: the registry's status is the last change's. Suspended,
            // reinstated, then suspended again back-dated before the reinstatement is Suspended on chain; picking the
            // latest effective time would answer Active (the reinstatement) and recognize a suspended credential.
            latest = change;
        }
        var decisive = terminal ?? latest;
        return new StatusAt(decisive?.Status ?? CredentialStatus.Active, decisive);
    }

    /// <summary>The MRA with id <paramref name="mraId"/>, or null.</summary>
    public MraHistory? GetMra(ulong mraId) => _mras.GetValueOrDefault(mraId);

    /// <summary>Every MRA the member is a party to, by id.</summary>
    public IReadOnlyList<MraHistory> MrasOf(MemberCode member) =>
        _mrasByMember.TryGetValue(member, out var ids) ? [.. ids.Select(id => _mras[id])] : [];

    /// <summary>
    /// The MRAs in force at <paramref name="at"/> with both members as parties, by id, with their governing terms.
    /// Like the contract's <c>recognizes</c> view, both must be members at that time and distinct.
    /// </summary>
    public IReadOnlyList<(MraHistory Mra, MraVersionTerms Terms)> MrasInForce(MemberCode verifier, MemberCode issuer, ulong at)
    {
        if (verifier == issuer || !IsMemberAt(verifier, at) || !IsMemberAt(issuer, at))
            return [];
        var found = new List<(MraHistory, MraVersionTerms)>();
        foreach (var mra in MrasOf(verifier))
        {
            if (mra.Parties.Contains(issuer) && mra.InForceAt(at) is { } terms)
                found.Add((mra, terms));
        }
        return found;
    }

    /// <summary>The chamber with id <paramref name="chamber"/>, or null when never authorized.</summary>
    public ChamberHistory? GetChamber(ChamberId chamber) => _chambers.GetValueOrDefault(chamber);

    /// <summary>Every chamber <paramref name="member"/> ever authorized, by id.</summary>
    public IReadOnlyList<ChamberHistory> ChambersOf(MemberCode member) => [.. _chambers.Values.Where(c => c.Member == member).OrderBy(c => c.Id)];

    /// <summary>
    /// Whether the chamber was authorized at unix second <paramref name="at"/>, as the registry's <c>chamberOf</c>
    /// answers: its status was Active (authorized and not suspended or withdrawn; each change holds from its block's
    /// second on) and its member was a member at that second, in the same membership that authorized it.
    /// </summary>
    public bool IsChamberAuthorizedAt(ChamberId chamber, ulong at) =>
        _chambers.TryGetValue(chamber, out var c)
        && c.StatusAt(at) is { Status: ChamberStatus.Active }
        && c.MemberEpoch > 0
        && MembershipOf(c.Member) is var periods && periods.Length >= c.MemberEpoch && periods[(int)c.MemberEpoch - 1].Contains(at);

    /// <summary>The anchored certificate-of-origin batch with root <paramref name="root"/>, or null.</summary>
    public AnchoredOriginBatch? GetOriginBatch(Hash32 root) => _originBatches.GetValueOrDefault(root);

    /// <summary>The certificate's revocation (whatever its effective time), or null when not revoked.</summary>
    public OriginRevocationRecord? OriginRevocationOf(OriginRef certificate) => _originRevocations.GetValueOrDefault(certificate);

    /// <summary>The certificate's first use for preference, or null when unused.</summary>
    public OriginUseRecord? OriginUseOf(OriginRef certificate) => _originUses.GetValueOrDefault(certificate);
}
