using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Audit;

// AEO credentials (CredentialRegistry.sol) and certificates of origin (OriginRegistry.sol).
public sealed partial class AuditState
{
    private sealed class CredentialBatchEntry(AuditCredentialBatch batch, int ordinal)
    {
        public AuditCredentialBatch Batch { get; } = batch;
        public int Ordinal { get; } = ordinal;
        public Dictionary<uint, CredentialEntry> Credentials { get; } = [];
    }

    private sealed class CredentialEntry
    {
        public CredentialStatus Status { get; set; }
        public List<AuditStatusChange> Changes { get; } = new(2);
    }

    private sealed class OriginBatchEntry(OriginBatchAnchored anchored, AuditStamp stamp, int ordinal)
    {
        public OriginBatchAnchored Anchored { get; } = anchored;
        public AuditStamp Stamp { get; } = stamp;
        public int Ordinal { get; } = ordinal;
        public List<AuditOriginRevocation> Revocations { get; } = [];
        public HashSet<uint> Revoked { get; } = [];
        public List<AuditOriginUse> Uses { get; } = [];
        public HashSet<uint> Used { get; } = [];
    }

    private readonly Dictionary<Hash32, CredentialBatchEntry> _credentialBatches = [];
    private readonly List<CredentialBatchEntry> _credentialBatchOrder = [];
    private readonly Dictionary<MemberCode, List<AuditCredentialChange>> _changesByIssuer = [];
    private readonly Dictionary<Hash32, OriginBatchEntry> _originBatches = [];
    private readonly List<OriginBatchEntry> _originBatchOrder = [];

    private bool RootTaken(Hash32 root) => _credentialBatches.ContainsKey(root) || _originBatches.ContainsKey(root);

    // ---------------------------------------------------------------- AEO credentials

    private void OnBatchAnchored(BatchAnchored e, AuditStamp s)
    {
        if (!IsOperatorOf(s.Sender, e.Issuer))
            Violate(s, AuditRules.BatchActor, $"{Sender(s)} anchored batch {e.Root} for {e.Issuer} without being its operator");
        if (e.Root == Hash32.Zero || e.Size == 0)
            Violate(s, AuditRules.BatchInvalid, $"batch {e.Root} anchored with size {e.Size}");
        // A second anchoring of a root (root.once) and a false anchoring time (batch.invalid) are ContractRules'; the first anchoring stands.
        if (RootTaken(e.Root))
            return;
        var entry = new CredentialBatchEntry(new AuditCredentialBatch(e.Root, e.Issuer, e.Size, s), _credentialBatchOrder.Count);
        _credentialBatches[e.Root] = entry;
        _credentialBatchOrder.Add(entry);
    }

    private void OnStatusChanged(CredentialStatusChanged e, AuditStamp s)
    {
        if (Batch(e.Root, s) is { } batch)
            Change(batch, e.Index, e.Status, e.Reason, e.EffectiveAt, null, many: false, s);
    }

    private void OnStatusesChanged(CredentialStatusesChanged e, AuditStamp s)
    {
        if (e.Indices.Count == 0)
            Violate(s, AuditRules.CredentialIndex, $"a change of no credentials in batch {e.Root}");
        if (Batch(e.Root, s) is not { } batch)
            return;
        foreach (var index in e.Indices)
            Change(batch, index, e.Status, e.Reason, e.EffectiveAt, null, many: true, s);
    }

    private void OnSuperseded(CredentialSuperseded e, AuditStamp s)
    {
        if (Batch(e.Root, s) is not { } batch)
            return;
        var replacement = new CredentialRef(e.NewRoot, e.NewIndex);
        if (!_credentialBatches.TryGetValue(e.NewRoot, out var newBatch) || newBatch.Batch.Issuer != batch.Batch.Issuer
            || e.NewIndex >= newBatch.Batch.Size || (e.NewRoot == e.Root && e.NewIndex == e.Index)
            || (newBatch.Credentials.TryGetValue(e.NewIndex, out var renewed) && renewed.Status != CredentialStatus.Active))
            Violate(s, AuditRules.CredentialReplacement, $"{e.Root}#{e.Index} superseded by {replacement}, which is not another Active credential of {batch.Batch.Issuer}");
        Change(batch, e.Index, CredentialStatus.Superseded, e.Reason, e.EffectiveAt, replacement, many: false, s);
    }

    /// <summary>The anchored batch with <paramref name="root"/>, after checking the sender writes for its issuer; null when none.</summary>
    private CredentialBatchEntry? Batch(Hash32 root, AuditStamp s)
    {
        // A batch never anchored is reported by ContractRules (credential.unanchored).
        if (!_credentialBatches.TryGetValue(root, out var batch))
            return null;
        if (!IsOperatorOf(s.Sender, batch.Batch.Issuer))
            Violate(s, AuditRules.CredentialActor, $"{Sender(s)} changed credentials of {batch.Batch.Issuer}'s batch {root} without being its operator");
        return batch;
    }

    private void Change(CredentialBatchEntry batch, uint index, CredentialStatus to, byte reason, ulong effectiveAt, CredentialRef? supersededBy,
        bool many, AuditStamp s)
    {
        var root = batch.Batch.Root;
        if (index >= batch.Batch.Size)
        {
            Violate(s, AuditRules.CredentialIndex, $"status change of {root}#{index}, outside its batch of {batch.Batch.Size}");
            return;
        }
        // An effective time after the block is ContractRules'; 0 never reaches an event (the registry puts the block time).
        if (effectiveAt == 0)
            Violate(s, AuditRules.CredentialEffectiveTime, $"{root}#{index} changes to {to} effective at no time (0)");
        if (!batch.Credentials.TryGetValue(index, out var credential))
            batch.Credentials[index] = credential = new CredentialEntry();
        var from = credential.Status;
        if (!IsLegal(from, to))
            Violate(s, AuditRules.CredentialTransition, $"{root}#{index} changed from {from} to {to}{(from is CredentialStatus.Revoked or CredentialStatus.Superseded ? $" ({from} is terminal)" : "")}");
        var change = new AuditStatusChange(s, from, to, reason, effectiveAt, supersededBy, many);
        credential.Status = to;
        credential.Changes.Add(change);
        var issuer = batch.Batch.Issuer;
        if (!_changesByIssuer.TryGetValue(issuer, out var changes))
            _changesByIssuer[issuer] = changes = [];
        changes.Add(new AuditCredentialChange(new CredentialRef(root, index), issuer, change));
    }

    /// <summary>CredentialRegistry._transition: Active→Suspended, Suspended→Active, Active|Suspended→Revoked, Active→Superseded.</summary>
    private static bool IsLegal(CredentialStatus from, CredentialStatus to) => to switch
    {
        CredentialStatus.Suspended => from == CredentialStatus.Active,
        CredentialStatus.Active => from == CredentialStatus.Suspended,
        CredentialStatus.Revoked => from is CredentialStatus.Active or CredentialStatus.Suspended,
        CredentialStatus.Superseded => from == CredentialStatus.Active,
        _ => false,
    };

    // ---------------------------------------------------------------- certificates of origin

    private void OnOriginBatchAnchored(OriginBatchAnchored e, AuditStamp s)
    {
        if (!_accounts.TryGetValue(s.Sender, out var account) || account.Chamber != e.Chamber)
            Violate(s, AuditRules.OriginActor, $"{Sender(s)} anchored origin batch {e.Root} for chamber {e.Chamber} without being its account");
        else if (!_chambers.TryGetValue(e.Chamber, out var chamber) || !Stands(chamber))
            Violate(s, AuditRules.OriginActor, $"chamber {e.Chamber} anchored origin batch {e.Root} while not authorized");
        if (_chambers.TryGetValue(e.Chamber, out var owner) && owner.Member != e.Member)
            Violate(s, AuditRules.OriginActor, $"origin batch {e.Root} names member {e.Member}, but chamber {e.Chamber} belongs to {owner.Member}");
        if (e.Root == Hash32.Zero || e.Size == 0)
            Violate(s, AuditRules.BatchInvalid, $"origin batch {e.Root} anchored with size {e.Size}");
        if (RootTaken(e.Root))
            return;
        var entry = new OriginBatchEntry(e, s, _originBatchOrder.Count);
        _originBatches[e.Root] = entry;
        _originBatchOrder.Add(entry);
    }

    private OriginBatchEntry? OriginCertificate(Hash32 root, uint index, string what, AuditStamp s)
    {
        if (!_originBatches.TryGetValue(root, out var batch))
        {
            Violate(s, AuditRules.OriginUnanchored, $"{what} of certificate {root}#{index}, whose batch was never anchored");
            return null;
        }
        if (index >= batch.Anchored.Size)
        {
            Violate(s, AuditRules.OriginUnanchored, $"{what} of certificate {root}#{index}, outside its batch of {batch.Anchored.Size}");
            return null;
        }
        return batch;
    }

    private void OnCertificateRevoked(CertificateRevoked e, AuditStamp s)
    {
        if (OriginCertificate(e.Root, e.Index, "revocation", s) is not { } batch)
            return;
        var chamberId = batch.Anchored.Chamber;
        if (!_accounts.TryGetValue(s.Sender, out var account) || account.Chamber != chamberId)
            Violate(s, AuditRules.OriginActor, $"{Sender(s)} revoked certificate {e.Root}#{e.Index} without being an account of its chamber {chamberId}");
        else if (!_chambers.TryGetValue(chamberId, out var chamber) || !Stands(chamber))
            Violate(s, AuditRules.OriginActor, $"chamber {chamberId} revoked certificate {e.Root}#{e.Index} while not authorized");
        if (e.EffectiveAt > s.Time || e.EffectiveAt == 0)
            Violate(s, AuditRules.OriginRule, $"certificate {e.Root}#{e.Index} revoked effective at {e.EffectiveAt}, {(e.EffectiveAt == 0 ? "no time" : "after its block's time " + Text(s.Time))}");
        if (!batch.Revoked.Add(e.Index))
        {
            Violate(s, AuditRules.OriginRule, $"certificate {e.Root}#{e.Index} revoked a second time");
            return;
        }
        batch.Revocations.Add(new AuditOriginRevocation(e.Index, e.Reason, e.EffectiveAt, s));
    }

    private void OnCertificateUsed(CertificateUsed e, AuditStamp s)
    {
        if (!IsOperatorOf(s.Sender, e.Member) || !IsActive(e.Member))
            Violate(s, AuditRules.OriginUseActor, $"{Sender(s)} used certificate {e.Root}#{e.Index} for {e.Member} without being an operator of that active member");
        if (OriginCertificate(e.Root, e.Index, "use", s) is not { } batch)
            return;
        if (e.DeclarationRef == Hash32.Zero)
            Violate(s, AuditRules.OriginRule, $"certificate {e.Root}#{e.Index} used with a zero declaration reference");
        if (batch.Revoked.Contains(e.Index))
            Violate(s, AuditRules.OriginRule, $"certificate {e.Root}#{e.Index} used after its revocation");
        if (!batch.Used.Add(e.Index))
        {
            Violate(s, AuditRules.OriginRule, $"certificate {e.Root}#{e.Index} used again (only the first use stands)");
            return;
        }
        batch.Uses.Add(new AuditOriginUse(e.Index, e.Member, e.DeclarationRef, s));
    }
}
