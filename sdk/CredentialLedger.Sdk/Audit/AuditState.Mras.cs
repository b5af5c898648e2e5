using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;

namespace CredentialLedger.Sdk.Audit;

// Mutual Recognition Arrangements (MraRegistry.sol).
public sealed partial class AuditState
{
    private const int MaxParties = 64;

    private sealed class MraEntry(MraProposed proposed, AuditStamp stamp)
    {
        public MraProposed Proposed { get; } = proposed;
        public AuditStamp Stamp { get; } = stamp;
        public MemberCode[] Parties { get; } = [.. proposed.Parties];
        public MraStatus Status { get; set; } = MraStatus.Active;
        public uint Concluded { get; set; }
        public List<MraVersionEntry> Versions { get; } = [];
        public List<AuditMraStateChange> StateChanges { get; } = [];

        /// <summary>(block time, status, concluded version) after each change, in chain order: what "in force at t" reads.</summary>
        public List<MraMoment> Timeline { get; } = [];

        public bool IsParty(MemberCode member) => Array.IndexOf(Parties, member) >= 0;
    }

    private sealed class MraVersionEntry(uint version, MemberCode proposer, uint scope, uint benefits, ulong validFrom, ulong validUntil, AuditStamp opened)
    {
        public uint Version { get; } = version;
        public MemberCode Proposer { get; } = proposer;
        public uint Scope { get; } = scope;
        public uint Benefits { get; } = benefits;
        public ulong ValidFrom { get; } = validFrom;
        public ulong ValidUntil { get; } = validUntil;
        public AuditStamp Opened { get; } = opened;
        public List<AuditMraAcceptance> Acceptances { get; } = [];
        public HashSet<MemberCode> Accepted { get; } = [];
        public AuditStamp? Concluded { get; set; }

        public bool Covers(ulong at) => at >= ValidFrom && (ValidUntil == 0 || at < ValidUntil);
    }

    private readonly record struct MraMoment(ulong From, MraStatus Status, uint Concluded);

    private readonly Dictionary<ulong, MraEntry> _mras = [];
    private readonly Dictionary<MemberCode, List<ulong>> _mrasByMember = [];
    private ulong _mraCount;

    private void OnMraProposed(MraProposed e, AuditStamp s)
    {
        // A second proposal of one id is ContractRules' (mra.version); ids also come in sequence.
        if (_mras.ContainsKey(e.MraId))
            return;
        if (e.MraId != _mraCount + 1)
            Violate(s, AuditRules.MraVersion, $"MRA {e.MraId} proposed, but the next MRA id is {_mraCount + 1}");
        _mraCount = Math.Max(_mraCount, e.MraId);
        if (!IsOperatorOf(s.Sender, e.Proposer))
            Violate(s, AuditRules.MraActor, $"{Sender(s)} proposed MRA {e.MraId} for {e.Proposer} without being its operator");
        var ascending = true;
        for (var i = 1; i < e.Parties.Count; i++)
            ascending &= e.Parties[i - 1] < e.Parties[i];
        if (e.Parties.Count < 2 || e.Parties.Count > MaxParties || !ascending)
            Violate(s, AuditRules.MraParty, $"MRA {e.MraId} proposed with parties {string.Join(", ", e.Parties)} (2 to {MaxParties}, ascending, distinct)");
        foreach (var party in e.Parties.Where(p => !IsActive(p)))
            Violate(s, AuditRules.MraParty, $"MRA {e.MraId} names {party}, which is not an active member");
        if (!e.Parties.Contains(e.Proposer))
            Violate(s, AuditRules.MraParty, $"MRA {e.MraId} proposed by {e.Proposer}, which is not a party");
        CheckTerms(e.MraId, 1, e.Scope, e.ValidFrom, e.ValidUntil, s);
        var mra = new MraEntry(e, s);
        mra.Versions.Add(new MraVersionEntry(1, e.Proposer, e.Scope, e.Benefits, e.ValidFrom, e.ValidUntil, s));
        mra.Timeline.Add(new MraMoment(s.Time, MraStatus.Active, 0));
        _mras[e.MraId] = mra;
        foreach (var party in mra.Parties.Distinct())
        {
            if (!_mrasByMember.TryGetValue(party, out var ids))
                _mrasByMember[party] = ids = [];
            ids.Add(e.MraId);
        }
    }

    private void CheckTerms(ulong id, uint version, uint scope, ulong validFrom, ulong validUntil, AuditStamp s)
    {
        if (scope == 0)
            Violate(s, AuditRules.MraVersion, $"MRA {id} version {version} has an empty scope");
        if (validUntil != 0 && validUntil <= validFrom)
            Violate(s, AuditRules.MraVersion, $"MRA {id} version {version} has an empty window [{validFrom}, {validUntil})");
    }

    /// <summary>
    /// The MRA, after checking the sender is an operator of <paramref name="party"/> and that it is a party; null when
    /// unknown (ContractRules reports events of MRAs and versions never created: mra.version).
    /// </summary>
    private MraEntry? Mra(ulong id, MemberCode party, string what, AuditStamp s)
    {
        if (!_mras.TryGetValue(id, out var mra))
            return null;
        if (!IsOperatorOf(s.Sender, party))
            Violate(s, AuditRules.MraActor, $"{Sender(s)} recorded the {what} of MRA {id} for {party} without being its operator");
        if (!mra.IsParty(party))
            Violate(s, AuditRules.MraParty, $"{what} of MRA {id} by {party}, which is not a party");
        return mra;
    }

    private void OnMraAmended(MraAmended e, AuditStamp s)
    {
        if (Mra(e.MraId, e.Proposer, "amendment", s) is not { } mra)
            return;
        if (mra.Status == MraStatus.Terminated)
            Violate(s, AuditRules.MraTransition, $"MRA {e.MraId} amended after its termination");
        if (e.Version != mra.Versions.Count + 1)
            return;
        CheckTerms(e.MraId, e.Version, e.Scope, e.ValidFrom, e.ValidUntil, s);
        mra.Versions.Add(new MraVersionEntry(e.Version, e.Proposer, e.Scope, e.Benefits, e.ValidFrom, e.ValidUntil, s));
    }

    private void OnMraAccepted(MraAccepted e, AuditStamp s)
    {
        if (Mra(e.MraId, e.Party, "acceptance", s) is not { } mra)
            return;
        if (mra.Status == MraStatus.Terminated)
            Violate(s, AuditRules.MraTransition, $"MRA {e.MraId} accepted by {e.Party} after its termination");
        if (e.Version == 0 || e.Version > mra.Versions.Count)
            return;
        if (e.Version != mra.Versions.Count)
            Violate(s, AuditRules.MraAcceptance, $"MRA {e.MraId} version {e.Version} accepted by {e.Party}, but version {mra.Versions.Count} is the latest");
        var version = mra.Versions[(int)e.Version - 1];
        if (!version.Accepted.Add(e.Party))
        {
            Violate(s, AuditRules.MraAcceptance, $"MRA {e.MraId} version {e.Version} accepted a second time by {e.Party}");
            return;
        }
        version.Acceptances.Add(new AuditMraAcceptance(e.Party, s));
    }

    private void OnMraConcluded(MraConcluded e, AuditStamp s)
    {
        if (!_mras.TryGetValue(e.MraId, out var mra) || e.Version == 0 || e.Version > mra.Versions.Count)
            return;
        var version = mra.Versions[(int)e.Version - 1];
        var missing = mra.Parties.Where(p => !version.Accepted.Contains(p)).ToList();
        if (missing.Count > 0)
            Violate(s, AuditRules.MraAcceptance, $"MRA {e.MraId} version {e.Version} concluded before {string.Join(", ", missing)} accepted it");
        if (version.Concluded is { } before)
            Violate(s, AuditRules.MraAcceptance, $"MRA {e.MraId} version {e.Version} concluded a second time (first in block {before.Block})");
        version.Concluded ??= s;
        mra.Concluded = e.Version;
        mra.Timeline.Add(new MraMoment(s.Time, mra.Status, e.Version));
    }

    private void OnMraStatus(ulong id, MemberCode party, MraStatus to, byte reason, AuditStamp s)
    {
        var what = to switch { MraStatus.Suspended => "suspension", MraStatus.Active => "resumption", _ => "termination" };
        if (Mra(id, party, what, s) is not { } mra)
            return;
        var legal = to switch
        {
            MraStatus.Suspended => mra.Status == MraStatus.Active,
            MraStatus.Active => mra.Status == MraStatus.Suspended,
            _ => mra.Status != MraStatus.Terminated,
        };
        if (!legal)
            Violate(s, AuditRules.MraTransition, $"MRA {id} changed from {mra.Status} to {to}");
        // Terminated is for good: a forged change out of it is reported, not applied.
        if (mra.Status == MraStatus.Terminated)
            return;
        mra.Status = to;
        mra.StateChanges.Add(new AuditMraStateChange(s, to, party, reason));
        mra.Timeline.Add(new MraMoment(s.Time, to, mra.Concluded));
    }
}
