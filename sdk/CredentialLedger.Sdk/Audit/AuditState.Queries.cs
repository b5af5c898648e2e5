using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Audit;

// Point-in-time answers over the replayed history. Times are unix seconds; every answer uses all the replay knows
// (a change back-dated before its block counts from its effective time, as LedgerHistory counts it).
public sealed partial class AuditState
{
    /// <summary>Every member ever admitted, ascending.</summary>
    public IReadOnlyList<MemberCode> MemberCodes => [.. _members.Values.Where(m => m.Periods.Count > 0).Select(m => m.Code).Order()];

    /// <summary>Whether <paramref name="member"/> was a member at <paramref name="at"/> (admitted at or before it, removed after it).</summary>
    public bool IsMemberAt(MemberCode member, ulong at) =>
        _members.TryGetValue(member, out var m) && m.Periods.Any(p => p.Admitted.Time <= at && (p.Removed is not { } r || at < r.Time));

    /// <summary>The anchored AEO batch with <paramref name="root"/>, or null.</summary>
    public AuditCredentialBatch? CredentialBatch(CredentialLedger.Evm.Hash32 root) => _credentialBatches.TryGetValue(root, out var b) ? b.Batch : null;

    /// <summary>
    /// The credential's status at <paramref name="at"/>: not anchored before its batch's block time (or outside its
    /// batch); then, like <see cref="LedgerHistory.StatusOf"/>, a terminal change (revoked, superseded) in effect wins,
    /// otherwise the last change in chain order whose effective time is not after <paramref name="at"/>; with none, Active.
    /// A suspension recorded in a block with time T and effective then is in force at T, not at T − 1.
    /// </summary>
    public AuditCredentialStatus StatusAt(CredentialRef credential, ulong at)
    {
        if (!_credentialBatches.TryGetValue(credential.Root, out var batch))
            return new AuditCredentialStatus(credential, at, null, false, null, null);
        if (credential.Index >= batch.Batch.Size || batch.Batch.Anchored.Time > at)
            return new AuditCredentialStatus(credential, at, batch.Batch, false, null, null);
        if (!batch.Credentials.TryGetValue(credential.Index, out var entry))
            return new AuditCredentialStatus(credential, at, batch.Batch, true, CredentialStatus.Active, null);
        AuditStatusChange? terminal = null, latest = null;
        foreach (var change in entry.Changes)
        {
            if (change.EffectiveAt > at)
                continue;
            if (change.To is CredentialStatus.Revoked or CredentialStatus.Superseded)
                terminal ??= change;
            latest = change;
        }
        var decisive = terminal ?? latest;
        return new AuditCredentialStatus(credential, at, batch.Batch, true, decisive?.To ?? CredentialStatus.Active, decisive);
    }

    /// <summary>The credential's changes in chain order (empty while it is as anchored, or when unknown).</summary>
    public IReadOnlyList<AuditStatusChange> TimelineOf(CredentialRef credential) =>
        _credentialBatches.TryGetValue(credential.Root, out var batch) && batch.Credentials.TryGetValue(credential.Index, out var entry)
            ? entry.Changes : [];

    /// <summary>
    /// Every change to <paramref name="issuer"/>'s credentials whose time (effective or recorded, per
    /// <paramref name="basis"/>) falls in [<paramref name="from"/>, <paramref name="to"/>), in chain order.
    /// </summary>
    public IReadOnlyList<AuditCredentialChange> ChangesOf(MemberCode issuer, ulong from, ulong to, AuditTimeBasis basis = AuditTimeBasis.Effective)
    {
        if (!_changesByIssuer.TryGetValue(issuer, out var changes))
            return [];
        var found = new List<AuditCredentialChange>();
        foreach (var c in changes)
        {
            var time = basis == AuditTimeBasis.Effective ? c.Change.EffectiveAt : c.Change.Recorded.Time;
            if (time >= from && time < to)
                found.Add(c);
        }
        return found;
    }

    /// <summary>
    /// The MRAs with both members as parties in force at <paramref name="at"/>, by id, with their governing terms. As the
    /// registry's <c>recognizes</c> view: the members must be distinct and both members then. An MRA is in force from
    /// the block time of its concluding block (or its version's validFrom, when later) on.
    /// </summary>
    public IReadOnlyList<AuditMraInForce> MrasInForce(MemberCode verifier, MemberCode issuer, ulong at)
    {
        if (verifier == issuer || !IsMemberAt(verifier, at) || !IsMemberAt(issuer, at) || !_mrasByMember.TryGetValue(verifier, out var ids))
            return [];
        var found = new List<AuditMraInForce>();
        foreach (var id in ids.Distinct().Order())
        {
            var mra = _mras[id];
            if (mra.IsParty(issuer) && InForce(mra, at) is { } inForce)
                found.Add(inForce);
        }
        return found;
    }

    /// <summary>Whether MRA <paramref name="mraId"/> was in force at <paramref name="at"/> (its state and window), with its terms; null when not.</summary>
    public AuditMraInForce? MraInForceAt(ulong mraId, ulong at) => _mras.TryGetValue(mraId, out var mra) ? InForce(mra, at) : null;

    /// <summary>
    /// Whether <paramref name="verifier"/> recognized the credential at <paramref name="at"/>: anchored and Active then,
    /// both members then, and (for another member's credential) an MRA in force between them whose scope covers one of
    /// <paramref name="programmes"/> (scope bits, <see cref="Verification.AeoVerifier.ScopeBit"/>). Without programmes, the
    /// answer lists the MRAs in force and is undecided (null) when everything else holds.
    /// </summary>
    public AuditRecognition RecognitionAt(CredentialRef credential, MemberCode verifier, ulong at, uint? programmes = null)
    {
        var status = StatusAt(credential, at);
        var reasons = new List<string>();
        if (status.Batch is null)
            reasons.Add($"no batch with root {credential.Root} was anchored");
        else if (credential.Index >= status.Batch.Size)
            reasons.Add($"index {credential.Index} is outside its batch of {status.Batch.Size}");
        else if (!status.Anchored)
            reasons.Add($"not anchored yet: its batch was anchored at {AuditJsonWriter.FormatTime(status.Batch.Anchored.Time)}");
        else if (status.Status != CredentialStatus.Active)
            reasons.Add($"{status.Status} since {AuditJsonWriter.FormatTime(status.Change!.EffectiveAt)} (reason {status.Change.Reason}, block {status.Change.Recorded.Block})");
        var issuer = status.Batch?.Issuer;
        if (!IsMemberAt(verifier, at))
            reasons.Add($"{verifier} was not a member then");
        if (issuer is { } i && !IsMemberAt(i, at))
            reasons.Add($"the issuer {i} was not a member then");
        IReadOnlyList<AuditMraInForce> inForce = issuer is { } other && other != verifier ? MrasInForce(verifier, other, at) : [];
        AuditMraInForce? mra = null;
        bool? recognized;
        if (issuer is null || issuer == verifier)
        {
            recognized = reasons.Count == 0;
        }
        else if (inForce.Count == 0)
        {
            reasons.Add($"no MRA between {verifier} and {issuer} was in force");
            recognized = false;
        }
        else if (programmes is { } scope)
        {
            mra = inForce.FirstOrDefault(m => (m.Scope & scope) != 0);
            if (mra is null)
                reasons.Add($"MRA {string.Join(", ", inForce.Select(m => m.MraId))} in force, but none covers the credential's programmes (scope bits {scope})");
            recognized = reasons.Count == 0;
        }
        else
        {
            recognized = reasons.Count == 0 ? null : false;
        }
        return new AuditRecognition(credential, verifier, at, recognized, issuer, status, programmes, mra, inForce, reasons);
    }

    private static MraVersionEntry? GoverningAt(MraEntry mra, int moment, ulong at)
    {
        var state = mra.Timeline[moment];
        if (state.Status != MraStatus.Active || state.Concluded == 0)
            return null;
        var terms = mra.Versions[(int)state.Concluded - 1];
        return terms.Covers(at) ? terms : null;
    }

    /// <summary>The last timeline entry with a block time not after <paramref name="at"/>, or −1.</summary>
    private static int MomentAt(MraEntry mra, ulong at)
    {
        var found = -1;
        for (var i = 0; i < mra.Timeline.Count && mra.Timeline[i].From <= at; i++)
            found = i;
        return found;
    }

    private static AuditMraInForce? InForce(MraEntry mra, ulong at)
    {
        var k = MomentAt(mra, at);
        if (k < 0 || GoverningAt(mra, k, at) is not { } terms)
            return null;
        // Walk back while the MRA was in force without a break, to find when this in-force period began.
        var since = Math.Max(mra.Timeline[k].From, GoverningAt(mra, k, at)!.ValidFrom);
        while (since == mra.Timeline[k].From && since > 0)
        {
            var previous = MomentAt(mra, since - 1);
            if (previous < 0 || GoverningAt(mra, previous, since - 1) is not { } earlier)
                break;
            k = previous;
            since = Math.Max(mra.Timeline[k].From, earlier.ValidFrom);
        }
        return new AuditMraInForce(mra.Proposed.MraId, terms.Version, terms.Scope, terms.Benefits, terms.ValidFrom, terms.ValidUntil, since);
    }
}
