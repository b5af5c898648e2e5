using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

// Members, operators, governance, keys and chambers (MemberRegistry.sol).
public sealed partial class AuditState
{
    /// <summary>Who an account writes for now: a member's operator (no chamber) or a chamber's account.</summary>
    private readonly record struct Account(MemberCode Member, ChamberId? Chamber);

    private sealed class MemberEntry(MemberCode code)
    {
        public MemberCode Code { get; } = code;
        public MemberStatus Status { get; set; }
        public uint Epoch { get; set; }
        public List<AuditMembershipPeriod> Periods { get; } = [];
        public List<AuditOperatorPeriod> Operators { get; } = [];
        public Dictionary<Address, int> OpenOperators { get; } = [];
    }

    private sealed class ProposalEntry(ProposalCreated created, AuditStamp stamp)
    {
        public ProposalCreated Created { get; } = created;
        public AuditStamp Stamp { get; } = stamp;
        public List<AuditVote> Votes { get; } = [];
        public Dictionary<MemberCode, uint> VoteEpochs { get; } = [];
        public AuditStamp? Executed { get; set; }
        public bool CarriedOutInTransaction { get; set; }
    }

    private sealed class KeyEntry(KeyRegistered registered, AuditStamp stamp)
    {
        public KeyRegistered Registered { get; } = registered;
        public AuditStamp Stamp { get; } = stamp;
        public List<AuditKeyRevocation> Revocations { get; } = [];
        public ulong? RevokedAt { get; set; }
    }

    private sealed class ChamberEntry(ChamberId id, MemberCode member, uint memberEpoch, AuditStamp authorized)
    {
        public ChamberId Id { get; } = id;
        public MemberCode Member { get; } = member;
        public uint MemberEpoch { get; } = memberEpoch;
        public AuditStamp Authorized { get; } = authorized;
        public ChamberStatus Status { get; set; } = ChamberStatus.Active;
        public List<AuditChamberChange> Changes { get; } = [];
        public List<AuditChamberAccount> Accounts { get; } = [];
        public Dictionary<Address, int> OpenAccounts { get; } = [];
    }

    private readonly Dictionary<MemberCode, MemberEntry> _members = [];
    private readonly Dictionary<Address, Account> _accounts = [];
    private readonly Dictionary<ulong, ProposalEntry> _proposals = [];
    private readonly Dictionary<Hash32, KeyEntry> _keys = [];
    private readonly Dictionary<ChamberId, ChamberEntry> _chambers = [];
    private int _activeMembers;
    private ulong _proposalCount;

    // The member registry's first transaction (its deployment, which admits the founders).
    private (ulong Block, Hash32 Transaction)? _deployment;

    // Members admitted in the current transaction, with the first operator their admission names (null: any, for a founder).
    private readonly Dictionary<MemberCode, Address?> _admittedInTransaction = [];
    private readonly List<(OperatorRemoved Event, AuditStamp Stamp)> _removalsAwaitingMember = [];
    private readonly List<(ulong ProposalId, AuditStamp Stamp)> _awaitingExecution = [];

    private void EndMemberTransaction()
    {
        foreach (var (e, s) in _removalsAwaitingMember)
            Violate(s, AuditRules.OperatorActor, $"{Sender(s)} removed operator {e.Account} of {e.Member} without being its operator, and no removal of {e.Member} followed in the transaction");
        foreach (var (id, s) in _awaitingExecution)
            Violate(s, AuditRules.ProposalRule, $"proposal {id} was carried out but not marked executed in the same transaction");
        _removalsAwaitingMember.Clear();
        _awaitingExecution.Clear();
        _admittedInTransaction.Clear();
        foreach (var p in _proposals.Values)
            p.CarriedOutInTransaction = false;
    }

    private bool IsOperatorOf(Address sender, MemberCode member) =>
        _accounts.TryGetValue(sender, out var a) && a.Chamber is null && a.Member == member;

    private bool IsActive(MemberCode member) => _members.TryGetValue(member, out var m) && m.Status == MemberStatus.Active;

    /// <summary>The chamber is active and its member active in the membership that authorized it (the contract's <c>chamberOf</c>).</summary>
    private bool Stands(ChamberEntry c) =>
        c.Status == ChamberStatus.Active && _members.TryGetValue(c.Member, out var m) && m.Status == MemberStatus.Active && m.Epoch == c.MemberEpoch;

    private bool MemberStands(ChamberEntry c) =>
        _members.TryGetValue(c.Member, out var m) && m.Status == MemberStatus.Active && m.Epoch == c.MemberEpoch;

    private MemberEntry Member(MemberCode code)
    {
        if (!_members.TryGetValue(code, out var m))
            _members[code] = m = new MemberEntry(code);
        return m;
    }

    private (int Votes, int Required) Tally(ProposalEntry p)
    {
        var votes = 0;
        foreach (var (voter, epoch) in p.VoteEpochs)
        {
            if (_members.TryGetValue(voter, out var m) && m.Status == MemberStatus.Active && m.Epoch == epoch)
                votes++;
        }
        return (votes, _activeMembers / 2 + 1);
    }

    private void NoteMemberRegistry(AuditStamp s) => _deployment ??= (s.Block, s.Transaction);

    // ---------------------------------------------------------------- admission and removal

    private void OnMemberAdmitted(MemberAdmitted e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        var member = Member(e.Member);
        Address? firstOperator = null;
        if (e.ProposalId == 0)
        {
            if (_deployment is not { } d || d.Block != s.Block || d.Transaction != s.Transaction)
                Violate(s, AuditRules.MemberAdmission, $"{e.Member} admitted as a founder (proposal 0) outside the member registry's deployment");
        }
        else if (CarriedOut(e.ProposalId, ProposalKind.Admit, e.Member, s, AuditRules.MemberAdmission) is { } proposal)
        {
            firstOperator = proposal.Created.FirstOperator;
        }
        if (member.Status == MemberStatus.Active)
            Violate(s, AuditRules.MemberAdmission, $"{e.Member} admitted while already an active member");
        if (e.Epoch != member.Epoch + 1)
            Violate(s, AuditRules.MemberAdmission, $"{e.Member} admitted in epoch {e.Epoch}, but its previous epoch was {member.Epoch}");
        if (member.Status != MemberStatus.Active)
            _activeMembers++;
        member.Status = MemberStatus.Active;
        member.Epoch = e.Epoch;
        member.Periods.Add(new AuditMembershipPeriod(e.Epoch, e.ProposalId, s, null, null));
        _admittedInTransaction[e.Member] = firstOperator;
    }

    private void OnMemberRemoved(MemberRemoved e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        var member = Member(e.Member);
        CarriedOut(e.ProposalId, ProposalKind.Remove, e.Member, s, AuditRules.MemberRemoval);
        if (member.Status != MemberStatus.Active)
            Violate(s, AuditRules.MemberRemoval, $"{e.Member} removed while not an active member");
        else if (_activeMembers == 1)
            Violate(s, AuditRules.MemberRemoval, $"{e.Member}, the last active member, removed");
        _removalsAwaitingMember.RemoveAll(r => r.Event.Member == e.Member);
        if (member.OpenOperators.Count > 0)
        {
            Violate(s, AuditRules.MemberRemoval, $"{e.Member} removed while its operators {string.Join(", ", member.OpenOperators.Keys.Order())} were not removed first");
            foreach (var account in member.OpenOperators.Keys.ToList())
                CloseOperator(member, account, s);
        }
        if (member.Status == MemberStatus.Active)
            _activeMembers--;
        member.Status = MemberStatus.Removed;
        if (member.Periods.Count > 0 && member.Periods[^1].Removed is null)
            member.Periods[^1] = member.Periods[^1] with { Removed = s, RemovalProposalId = e.ProposalId };
    }

    /// <summary>
    /// Checks that proposal <paramref name="id"/> may carry out this admission or removal now: it exists, is of that
    /// kind and subject, is open, and has its majority among the members active before the change.
    /// </summary>
    private ProposalEntry? CarriedOut(ulong id, ProposalKind kind, MemberCode subject, AuditStamp s, string rule)
    {
        if (!_proposals.TryGetValue(id, out var p))
        {
            Violate(s, rule, $"{subject} {(kind == ProposalKind.Admit ? "admitted" : "removed")} by proposal {id}, which was never created");
            return null;
        }
        if (p.Created.Kind != kind || p.Created.Subject != subject)
            Violate(s, rule, $"proposal {id} is to {p.Created.Kind.ToString().ToLowerInvariant()} {p.Created.Subject}, not to {kind.ToString().ToLowerInvariant()} {subject}");
        if (p.Executed is not null)
            Violate(s, AuditRules.ProposalMajority, $"proposal {id} carried out again after its execution in block {p.Executed.Value.Block}");
        if (s.Time >= p.Created.ExpiresAt)
            Violate(s, AuditRules.ProposalMajority, $"proposal {id} carried out at {s.Time}, after it expired at {p.Created.ExpiresAt}");
        var (votes, required) = Tally(p);
        if (votes < required)
            Violate(s, AuditRules.ProposalMajority, $"proposal {id} carried out with {votes} valid vote(s) of {_activeMembers} active members; {required} needed");
        p.CarriedOutInTransaction = true;
        _awaitingExecution.Add((id, s));
        return p;
    }

    // ---------------------------------------------------------------- operators

    private void OnOperatorAdded(OperatorAdded e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        var member = Member(e.Member);
        var ofAdmission = _admittedInTransaction.TryGetValue(e.Member, out var expected) && member.OpenOperators.Count == 0;
        if (ofAdmission)
        {
            if (expected is { } first && first != e.Account)
                Violate(s, AuditRules.OperatorActor, $"{e.Member}'s first operator is {e.Account}, but its admitting proposal names {first}");
        }
        else if (!IsOperatorOf(s.Sender, e.Member))
        {
            Violate(s, AuditRules.OperatorActor, $"{Sender(s)} added operator {e.Account} to {e.Member} without being its operator");
        }
        if (member.Status != MemberStatus.Active)
            Violate(s, AuditRules.OperatorAccount, $"operator {e.Account} added to {e.Member}, which is not an active member");
        if (e.Account == Address.Zero || _accounts.ContainsKey(e.Account))
        {
            Violate(s, AuditRules.OperatorAccount, $"operator {e.Account} added to {e.Member} while the account already writes for {Describe(e.Account)}");
            return;
        }
        _accounts[e.Account] = new Account(e.Member, null);
        member.OpenOperators[e.Account] = member.Operators.Count;
        member.Operators.Add(new AuditOperatorPeriod(e.Account, s, null));
    }

    private void OnOperatorRemoved(OperatorRemoved e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        var member = Member(e.Member);
        if (!member.OpenOperators.ContainsKey(e.Account))
        {
            Violate(s, AuditRules.OperatorAccount, $"{e.Account} removed as operator of {e.Member}, which it was not");
            return;
        }
        if (IsOperatorOf(s.Sender, e.Member))
        {
            // removeOperator never removes the last; a removal of the member removes them all (judged at MemberRemoved).
            if (member.OpenOperators.Count == 1)
                _removalsAwaitingMember.Add((e, s));
        }
        else
        {
            _removalsAwaitingMember.Add((e, s));
        }
        CloseOperator(member, e.Account, s);
    }

    private void CloseOperator(MemberEntry member, Address account, AuditStamp s)
    {
        var index = member.OpenOperators[account];
        member.Operators[index] = member.Operators[index] with { Removed = s };
        member.OpenOperators.Remove(account);
        _accounts.Remove(account);
    }

    private string Describe(Address account) =>
        _accounts.TryGetValue(account, out var a) ? a.Chamber is { } c ? $"chamber {c}" : $"member {a.Member}" : "nobody (zero account)";

    // ---------------------------------------------------------------- governance

    private void OnProposalCreated(ProposalCreated e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        if (_proposals.ContainsKey(e.ProposalId) || e.ProposalId != _proposalCount + 1)
        {
            Violate(s, AuditRules.ProposalRule, $"proposal {e.ProposalId} created, but the next proposal id is {_proposalCount + 1}");
            if (_proposals.ContainsKey(e.ProposalId))
                return;
        }
        _proposalCount = Math.Max(_proposalCount, e.ProposalId);
        if (!IsOperatorOf(s.Sender, e.Proposer))
            Violate(s, AuditRules.ProposalActor, $"{Sender(s)} proposed {e.ProposalId} for {e.Proposer} without being its operator");
        if (e.Kind == ProposalKind.Admit && IsActive(e.Subject))
            Violate(s, AuditRules.ProposalRule, $"proposal {e.ProposalId} admits {e.Subject}, which is already active");
        if (e.Kind == ProposalKind.Remove && !IsActive(e.Subject))
            Violate(s, AuditRules.ProposalRule, $"proposal {e.ProposalId} removes {e.Subject}, which is not active");
        if (e.Kind == ProposalKind.Admit && (e.FirstOperator is not { } first || first == Address.Zero || _accounts.ContainsKey(first)))
            Violate(s, AuditRules.ProposalRule, $"proposal {e.ProposalId} admits {e.Subject} with first operator {e.FirstOperator?.ToString() ?? "none"}, which is not a free account");
        if (e.ExpiresAt <= s.Time)
            Violate(s, AuditRules.ProposalRule, $"proposal {e.ProposalId} expires at {e.ExpiresAt}, not after its creation at {s.Time}");
        _proposals[e.ProposalId] = new ProposalEntry(e, s);
    }

    private void OnVoteCast(VoteCast e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        if (!_proposals.TryGetValue(e.ProposalId, out var p))
        {
            Violate(s, AuditRules.ProposalRule, $"{e.Voter} voted for proposal {e.ProposalId}, which was never created");
            return;
        }
        if (!IsOperatorOf(s.Sender, e.Voter))
            Violate(s, AuditRules.ProposalActor, $"{Sender(s)} voted for {e.Voter} on proposal {e.ProposalId} without being its operator");
        if (p.Executed is not null || s.Time >= p.Created.ExpiresAt)
            Violate(s, AuditRules.ProposalRule, $"{e.Voter} voted on proposal {e.ProposalId}, which is {(p.Executed is null ? "expired" : "executed")}");
        var epoch = _members.TryGetValue(e.Voter, out var m) ? m.Epoch : 0;
        if (p.VoteEpochs.TryGetValue(e.Voter, out var voted) && voted == epoch)
            Violate(s, AuditRules.ProposalRule, $"{e.Voter} voted twice on proposal {e.ProposalId} in one membership");
        p.VoteEpochs[e.Voter] = epoch;
        p.Votes.Add(new AuditVote(e.Voter, s));
    }

    private void OnProposalExecuted(ProposalExecuted e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        if (!_proposals.TryGetValue(e.ProposalId, out var p))
        {
            Violate(s, AuditRules.ProposalRule, $"proposal {e.ProposalId} executed, but it was never created");
            return;
        }
        if (!p.CarriedOutInTransaction)
            Violate(s, AuditRules.ProposalRule, $"proposal {e.ProposalId} marked executed, but its {p.Created.Kind.ToString().ToLowerInvariant()} of {p.Created.Subject} was not carried out in the transaction");
        else if (p.Executed is not null)
            Violate(s, AuditRules.ProposalMajority, $"proposal {e.ProposalId} executed twice");
        _awaitingExecution.RemoveAll(a => a.ProposalId == e.ProposalId);
        p.Executed ??= s;
    }

    // ---------------------------------------------------------------- keys

    private void OnKeyRegistered(KeyRegistered e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        if (e.Chamber is { } chamberId)
        {
            if (!_chambers.TryGetValue(chamberId, out var chamber))
                Violate(s, AuditRules.KeyActor, $"key {e.KeyId} registered for chamber {chamberId}, which was never authorized");
            else
            {
                var own = IsOperatorOf(s.Sender, chamber.Member)
                    || (_accounts.TryGetValue(s.Sender, out var a) && a.Chamber == chamberId);
                if (!own)
                    Violate(s, AuditRules.KeyActor, $"{Sender(s)} registered key {e.KeyId} for chamber {chamberId} without being its account or an operator of {chamber.Member}");
                if (!Stands(chamber))
                    Violate(s, AuditRules.KeyActor, $"key {e.KeyId} registered for chamber {chamberId}, which was not authorized then ({chamber.Status})");
                if (e.Member != chamber.Member)
                    Violate(s, AuditRules.KeyRule, $"key {e.KeyId} of chamber {chamberId} names member {e.Member}, but the chamber belongs to {chamber.Member}");
            }
        }
        else if (!IsOperatorOf(s.Sender, e.Member))
        {
            Violate(s, AuditRules.KeyActor, $"{Sender(s)} registered key {e.KeyId} for {e.Member} without being its operator");
        }
        // The key id's hash, a validFrom before the block and a second registration are ContractRules'.
        if (e.PublicKey.Length != 65 || e.PublicKey.Span[0] != 0x04)
            Violate(s, AuditRules.KeyRule, $"key {e.KeyId} is not a 65-byte uncompressed public key ({e.PublicKey.Length} bytes)");
        if (e.ValidUntil != 0 && e.ValidUntil <= e.ValidFrom)
            Violate(s, AuditRules.KeyRule, $"key {e.KeyId} has an empty validity window [{e.ValidFrom}, {e.ValidUntil})");
        _keys.TryAdd(e.KeyId, new KeyEntry(e, s));
    }

    private void OnKeyRevoked(KeyRevoked e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        // A key never registered is ContractRules' (key.rule).
        if (!_keys.TryGetValue(e.KeyId, out var key))
            return;
        var k = key.Registered;
        var entitled = IsOperatorOf(s.Sender, k.Member)
            || (k.Chamber is { } c && _accounts.TryGetValue(s.Sender, out var a) && a.Chamber == c
                && _chambers.TryGetValue(c, out var chamber) && chamber.Status != ChamberStatus.Withdrawn && MemberStands(chamber));
        if (!entitled)
            Violate(s, AuditRules.KeyActor, $"{Sender(s)} revoked key {e.KeyId} of {(k.Chamber is { } kc ? $"chamber {kc}" : k.Member.ToString())} without being entitled to");
        if (e.EffectiveAt < k.ValidFrom)
            Violate(s, AuditRules.KeyRule, $"key {e.KeyId} revoked from {e.EffectiveAt}, before it was valid ({k.ValidFrom})");
        if (key.RevokedAt is { } before && e.EffectiveAt >= before)
            Violate(s, AuditRules.KeyRule, $"key {e.KeyId} revoked again from {e.EffectiveAt}, not earlier than its revocation from {before}");
        key.Revocations.Add(new AuditKeyRevocation(s, e.EffectiveAt, e.Reason));
        key.RevokedAt = key.RevokedAt is { } r ? Math.Min(r, e.EffectiveAt) : e.EffectiveAt;
    }

    // ---------------------------------------------------------------- chambers

    private void OnChamberAuthorized(ChamberAuthorized e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        if (!IsOperatorOf(s.Sender, e.Member))
            Violate(s, AuditRules.ChamberActor, $"{Sender(s)} authorized chamber {e.Chamber} for {e.Member} without being its operator");
        if (!e.Chamber.IsValid || _chambers.ContainsKey(e.Chamber))
        {
            Violate(s, AuditRules.ChamberTransition, $"chamber {e.Chamber} authorized a second time (or a zero id)");
            return;
        }
        if (e.Account == Address.Zero || _accounts.ContainsKey(e.Account))
            Violate(s, AuditRules.OperatorAccount, $"chamber {e.Chamber} authorized with account {e.Account}, which already writes for {Describe(e.Account)}");
        var epoch = _members.TryGetValue(e.Member, out var m) ? m.Epoch : 0;
        _chambers[e.Chamber] = new ChamberEntry(e.Chamber, e.Member, epoch, s);
    }

    private void OnChamberStatus(ChamberId id, ChamberStatus to, byte reason, AuditStamp s)
    {
        NoteMemberRegistry(s);
        if (!_chambers.TryGetValue(id, out var chamber))
        {
            Violate(s, AuditRules.ChamberTransition, $"chamber {id} changed to {to}, but it was never authorized");
            return;
        }
        if (!IsOperatorOf(s.Sender, chamber.Member))
            Violate(s, AuditRules.ChamberActor, $"{Sender(s)} changed chamber {id} to {to} without being an operator of {chamber.Member}");
        var legal = to switch
        {
            ChamberStatus.Suspended => chamber.Status == ChamberStatus.Active,
            ChamberStatus.Active => chamber.Status == ChamberStatus.Suspended,
            _ => chamber.Status != ChamberStatus.Withdrawn,
        };
        if (!legal)
            Violate(s, AuditRules.ChamberTransition, $"chamber {id} changed from {chamber.Status} to {to}");
        // Withdrawn is for good: a forged change out of it is reported, not applied.
        if (chamber.Status == ChamberStatus.Withdrawn)
            return;
        chamber.Status = to;
        chamber.Changes.Add(new AuditChamberChange(s, to, reason));
    }

    private void OnChamberAccountAdded(ChamberAccountAdded e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        if (!_chambers.TryGetValue(e.Chamber, out var chamber))
        {
            Violate(s, AuditRules.ChamberTransition, $"account {e.Account} added to chamber {e.Chamber}, which was never authorized");
            return;
        }
        if (!IsOperatorOf(s.Sender, chamber.Member))
            Violate(s, AuditRules.ChamberActor, $"{Sender(s)} added account {e.Account} to chamber {e.Chamber} without being an operator of {chamber.Member}");
        if (chamber.Status == ChamberStatus.Withdrawn)
            Violate(s, AuditRules.ChamberTransition, $"account {e.Account} added to withdrawn chamber {e.Chamber}");
        if (e.Account == Address.Zero || _accounts.ContainsKey(e.Account))
        {
            Violate(s, AuditRules.OperatorAccount, $"account {e.Account} added to chamber {e.Chamber} while it already writes for {Describe(e.Account)}");
            return;
        }
        _accounts[e.Account] = new Account(chamber.Member, e.Chamber);
        chamber.OpenAccounts[e.Account] = chamber.Accounts.Count;
        chamber.Accounts.Add(new AuditChamberAccount(e.Account, s, null));
    }

    private void OnChamberAccountRemoved(ChamberAccountRemoved e, AuditStamp s)
    {
        NoteMemberRegistry(s);
        if (!_chambers.TryGetValue(e.Chamber, out var chamber) || !chamber.OpenAccounts.TryGetValue(e.Account, out var index))
        {
            Violate(s, AuditRules.OperatorAccount, $"account {e.Account} removed from chamber {e.Chamber}, which it did not write for");
            return;
        }
        if (!IsOperatorOf(s.Sender, chamber.Member))
            Violate(s, AuditRules.ChamberActor, $"{Sender(s)} removed account {e.Account} from chamber {e.Chamber} without being an operator of {chamber.Member}");
        chamber.Accounts[index] = chamber.Accounts[index] with { Removed = s };
        chamber.OpenAccounts.Remove(e.Account);
        _accounts.Remove(e.Account);
    }
}
