using System.Globalization;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// The registries' state and history rebuilt from their events, checking every rule the registries enforce as it
/// goes (<see cref="AuditRules"/>): legal transitions, authorized actors (the transaction's sender, at that block),
/// MRA acceptance rules, each root anchored once (the sender-free rules proof bundles check too come from the same
/// code, <c>ContractRules</c>). Feed it every event in chain order, from the registries' deployment,
/// each with its block's time and its transaction's sender; then call <see cref="Complete"/>.
/// <para>
/// A broken rule is recorded as an <see cref="AuditViolation"/> and the event is still applied where it can be (the
/// report shows what the chain says); an event that cannot be placed (a change in a batch never anchored) is not.
/// Not thread-safe: one writer; read it after <see cref="Complete"/>.
/// </para>
/// </summary>
/// <remarks>
/// The sender checked is the transaction's <c>from</c>. The registries check <c>msg.sender</c>, which is the same for
/// the externally owned operator accounts the nodes use; an operator that is itself a contract (a multisig) would
/// appear here as its signer and be reported.
/// </remarks>
public sealed partial class AuditState
{
    private readonly List<AuditViolation> _violations = [];
    private readonly Dictionary<Type, long> _eventCounts = [];

    // The rules that need no senders or state beyond the events (shared with proof bundles).
    private readonly Bundles.ContractRules _contractRules = new();
    private LogPosition? _last;
    private ulong _lastBlockTime;
    private long _eventCount;
    private bool _completed;

    // The transaction being applied: some rules can only be judged once all its logs are seen.
    private Hash32 _txHash;
    private ulong _txBlock;
    private bool _inTransaction;

    /// <summary>How many events were applied.</summary>
    public long EventCount => _eventCount;

    /// <summary>The position of the last applied event, or null before the first.</summary>
    public LogPosition? LastApplied => _last;

    /// <summary>The rules broken so far, in the order found.</summary>
    public IReadOnlyList<AuditViolation> Violations => _violations;

    /// <summary>Events applied by kind (the event type's name), ordinal order.</summary>
    public IReadOnlyList<AuditEventCount> EventCounts =>
        [.. _eventCounts.Select(c => new AuditEventCount(c.Key.Name, c.Value)).OrderBy(c => c.Kind, StringComparer.Ordinal)];

    /// <summary>
    /// Applies one event: <paramref name="blockTime"/> is its block's unix time, <paramref name="sender"/> its
    /// transaction's sender. Events must come in chain order; one at or before the last applied position is reported
    /// (<see cref="AuditRules.LogOrder"/>) and skipped.
    /// </summary>
    /// <exception cref="InvalidOperationException">After <see cref="Complete"/>.</exception>
    public void Apply(RegistryEvent registryEvent, ulong blockTime, Address sender)
    {
        ArgumentNullException.ThrowIfNull(registryEvent);
        if (_completed)
            throw new InvalidOperationException("The audit state is complete; no more events can be applied.");
        var position = registryEvent.Position;
        var stamp = new AuditStamp(position.BlockNumber, position.TransactionHash, (uint)Math.Min(position.LogIndex, uint.MaxValue), blockTime, sender);
        if (_last is { } last)
        {
            if (position <= last)
            {
                Violate(stamp, AuditRules.LogOrder, $"{registryEvent.GetType().Name} at block {position.BlockNumber} log {position.LogIndex} comes after block {last.BlockNumber} log {last.LogIndex}; skipped");
                return;
            }
            if (position.BlockNumber > last.BlockNumber && blockTime < _lastBlockTime)
                Violate(stamp, AuditRules.LogOrder, $"block {position.BlockNumber} has time {blockTime}, before block {last.BlockNumber}'s {_lastBlockTime}");
            else if (position.BlockNumber == last.BlockNumber && blockTime != _lastBlockTime)
                Violate(stamp, AuditRules.LogOrder, $"two logs of block {position.BlockNumber} carry different block times ({_lastBlockTime}, {blockTime})");
        }
        if (!_inTransaction || position.TransactionHash != _txHash || position.BlockNumber != _txBlock)
        {
            EndTransaction();
            _txHash = position.TransactionHash;
            _txBlock = position.BlockNumber;
            _inTransaction = true;
        }
        _last = position;
        _lastBlockTime = blockTime;
        _eventCount++;
        var type = registryEvent.GetType();
        _eventCounts[type] = _eventCounts.GetValueOrDefault(type) + 1;
        foreach (var breach in _contractRules.Apply(registryEvent, position.BlockNumber, blockTime))
            Violate(stamp, breach.Rule, breach.Message);
        Dispatch(registryEvent, stamp);
    }

    /// <summary>Records a registry log that could not be read as an event (it is not applied).</summary>
    internal void Malformed(ulong block, Hash32 transaction, ulong logIndex, ulong blockTime, Address sender, string message) =>
        Violate(new AuditStamp(block, transaction, (uint)Math.Min(logIndex, uint.MaxValue), blockTime, sender), AuditRules.LogMalformed, message);

    /// <summary>Judges what waited for the end of the last transaction. Call once, after the last event.</summary>
    public void Complete()
    {
        if (_completed)
            return;
        EndTransaction();
        _inTransaction = false;
        _completed = true;
    }

    /// <summary>Whether <see cref="Complete"/> was called.</summary>
    public bool IsComplete => _completed;

    private void Dispatch(RegistryEvent e, AuditStamp s)
    {
        switch (e)
        {
            case CredentialStatusChanged c: OnStatusChanged(c, s); break;
            case CredentialStatusesChanged c: OnStatusesChanged(c, s); break;
            case CredentialSuperseded c: OnSuperseded(c, s); break;
            case BatchAnchored b: OnBatchAnchored(b, s); break;
            case OriginBatchAnchored b: OnOriginBatchAnchored(b, s); break;
            case CertificateRevoked r: OnCertificateRevoked(r, s); break;
            case CertificateUsed u: OnCertificateUsed(u, s); break;
            case MemberAdmitted m: OnMemberAdmitted(m, s); break;
            case MemberRemoved m: OnMemberRemoved(m, s); break;
            case OperatorAdded o: OnOperatorAdded(o, s); break;
            case OperatorRemoved o: OnOperatorRemoved(o, s); break;
            case ProposalCreated p: OnProposalCreated(p, s); break;
            case VoteCast v: OnVoteCast(v, s); break;
            case ProposalExecuted p: OnProposalExecuted(p, s); break;
            case KeyRegistered k: OnKeyRegistered(k, s); break;
            case KeyRevoked k: OnKeyRevoked(k, s); break;
            case ChamberAuthorized c: OnChamberAuthorized(c, s); break;
            case ChamberSuspended c: OnChamberStatus(c.Chamber, ChamberStatus.Suspended, c.Reason, s); break;
            case ChamberReinstated c: OnChamberStatus(c.Chamber, ChamberStatus.Active, 0, s); break;
            case ChamberWithdrawn c: OnChamberStatus(c.Chamber, ChamberStatus.Withdrawn, c.Reason, s); break;
            case ChamberAccountAdded c: OnChamberAccountAdded(c, s); break;
            case ChamberAccountRemoved c: OnChamberAccountRemoved(c, s); break;
            case MraProposed m: OnMraProposed(m, s); break;
            case MraAmended m: OnMraAmended(m, s); break;
            case MraAccepted m: OnMraAccepted(m, s); break;
            case MraConcluded m: OnMraConcluded(m, s); break;
            case MraSuspended m: OnMraStatus(m.MraId, m.Party, MraStatus.Suspended, m.Reason, s); break;
            case MraResumed m: OnMraStatus(m.MraId, m.Party, MraStatus.Active, 0, s); break;
            case MraTerminated m: OnMraStatus(m.MraId, m.Party, MraStatus.Terminated, m.Reason, s); break;
            default:
                Violate(s, AuditRules.LogMalformed, $"{e.GetType().Name} is not an event the audit knows");
                break;
        }
    }

    private void EndTransaction()
    {
        if (!_inTransaction)
            return;
        EndMemberTransaction();
    }

    private void Violate(AuditStamp s, string rule, string message) =>
        _violations.Add(new AuditViolation(s.Block, s.Transaction, s.LogIndex, rule, message));

    private static string Sender(AuditStamp s) => s.Sender.ToChecksumString();

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
