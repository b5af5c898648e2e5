using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Audit;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// Rules the registries enforce on what they emit (contracts/README.md), followed along the events in chain order. A
/// log that breaks one was not emitted by them: most often an edited block time, which would otherwise move a
/// membership or MRA change in time unseen, or an MRA state that names a version no event created. These are the rules
/// that need no senders; proof bundles check them, and the audit (<see cref="AuditState"/>) checks them too, beside its
/// own rules on actors and transitions. Each breach carries its <see cref="AuditRules"/> id.
/// </summary>
internal sealed class ContractRules
{
    private readonly HashSet<Hash32> _anchoredRoots = [];
    private readonly HashSet<Hash32> _credentialRoots = [];
    private readonly HashSet<Hash32> _keys = [];
    private readonly Dictionary<ulong, uint> _mraVersions = [];

    /// <summary>The rules <paramref name="e"/> breaks, then records what it created.</summary>
    public IEnumerable<string> Apply(RegistryEvent e, BundleLog log) =>
        Apply(e, log.BlockNumber, log.BlockTimestamp).Select(b => b.Message);

    /// <summary>The rules <paramref name="e"/>, in block <paramref name="blockNumber"/> at <paramref name="blockTime"/>, breaks; then records what it created.</summary>
    public List<ContractRuleBreach> Apply(RegistryEvent e, ulong blockNumber, ulong blockTime)
    {
        var broken = new List<ContractRuleBreach>();
        switch (e)
        {
            case BatchAnchored b:
                if (b.AnchoredAt != blockTime)
                    broken.Add(new(AuditRules.BatchInvalid, $"BatchAnchored says anchored at {b.AnchoredAt}, but its block {blockNumber} has time {blockTime}"));
                // The first anchoring stands: a root taken by either registry is not a credential batch again.
                if (!_anchoredRoots.Add(b.Root))
                    broken.Add(new(AuditRules.RootOnce, $"root {b.Root} is anchored a second time"));
                else
                    _credentialRoots.Add(b.Root);
                break;
            case OriginBatchAnchored o:
                // Roots are unique across both registries: a document of one registry must never point into the other's batch.
                if (o.AnchoredAt != blockTime)
                    broken.Add(new(AuditRules.BatchInvalid, $"OriginBatchAnchored says anchored at {o.AnchoredAt}, but its block {blockNumber} has time {blockTime}"));
                if (!_anchoredRoots.Add(o.Root))
                    broken.Add(new(AuditRules.RootOnce, $"root {o.Root} is anchored a second time"));
                break;
            case KeyRegistered k:
                if (Keccak256.Hash(k.PublicKey.Span) != k.KeyId)
                    broken.Add(new(AuditRules.KeyRule, $"key id {k.KeyId} is not keccak-256 of the registered public key"));
                // The registry raises a validFrom before the block to the block time: a key cannot vouch for the past.
                if (k.ValidFrom < blockTime)
                    broken.Add(new(AuditRules.KeyRule, $"key {k.KeyId} is valid from {k.ValidFrom}, before its registering block's time {blockTime}"));
                if (!_keys.Add(k.KeyId))
                    broken.Add(new(AuditRules.KeyRule, $"key {k.KeyId} is registered a second time"));
                break;
            case KeyRevoked k when !_keys.Contains(k.KeyId):
                broken.Add(new(AuditRules.KeyRule, $"key {k.KeyId} is revoked before it is registered"));
                break;
            case CredentialStatusChanged c:
                StatusChange(c.Root, c.EffectiveAt, blockTime, broken);
                break;
            case CredentialStatusesChanged c:
                StatusChange(c.Root, c.EffectiveAt, blockTime, broken);
                break;
            case CredentialSuperseded c:
                StatusChange(c.Root, c.EffectiveAt, blockTime, broken);
                break;
            case MraProposed m when !_mraVersions.TryAdd(m.MraId, 1):
                broken.Add(new(AuditRules.MraVersion, $"MRA {m.MraId} is proposed a second time"));
                break;
            case MraAmended m:
                Amend(m, broken);
                break;
            case MraAccepted m:
                Known(m.MraId, m.Version, broken);
                break;
            case MraConcluded m:
                Known(m.MraId, m.Version, broken);
                break;
            case MraSuspended m:
                Known(m.MraId, 1, broken);
                break;
            case MraResumed m:
                Known(m.MraId, 1, broken);
                break;
            case MraTerminated m:
                Known(m.MraId, 1, broken);
                break;
        }
        return broken;
    }

    private void StatusChange(Hash32 root, ulong effectiveAt, ulong blockTime, List<ContractRuleBreach> broken)
    {
        if (effectiveAt > blockTime)
            broken.Add(new(AuditRules.CredentialEffectiveTime,
                $"the change takes effect at {effectiveAt}, after its block's time {blockTime} (the registry refuses future effective times)"));
        if (!_credentialRoots.Contains(root))
            broken.Add(new(AuditRules.CredentialUnanchored, $"a status change in batch {root} before the batch is anchored"));
    }

    private void Amend(MraAmended amended, List<ContractRuleBreach> broken)
    {
        if (!_mraVersions.TryGetValue(amended.MraId, out var latest))
            broken.Add(new(AuditRules.MraVersion, $"MRA {amended.MraId} is amended before it is proposed"));
        else if (amended.Version != latest + 1)
            broken.Add(new(AuditRules.MraVersion, $"MRA {amended.MraId} is amended to version {amended.Version}, but its latest version is {latest}"));
        else
            _mraVersions[amended.MraId] = amended.Version;
    }

    private void Known(ulong mraId, uint version, List<ContractRuleBreach> broken)
    {
        if (!_mraVersions.TryGetValue(mraId, out var latest))
            broken.Add(new(AuditRules.MraVersion, $"an event of MRA {mraId} before it is proposed"));
        else if (version == 0 || version > latest)
            broken.Add(new(AuditRules.MraVersion, $"MRA {mraId} has no version {version} (its latest is {latest})"));
    }
}

/// <summary>A contract rule broken: its <see cref="AuditRules"/> id and what was wrong.</summary>
internal readonly record struct ContractRuleBreach(string Rule, string Message);
