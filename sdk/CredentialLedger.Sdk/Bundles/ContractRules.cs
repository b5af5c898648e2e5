using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// Rules the registries enforce on what they emit (contracts/README.md), followed along the events in chain order. A
/// log that breaks one was not emitted by them: most often an edited block time, which would otherwise move a
/// membership or MRA change in time unseen, or an MRA state that names a version no event created.
/// </summary>
internal sealed class ContractRules
{
    private readonly HashSet<Hash32> _anchoredRoots = [];
    private readonly HashSet<Hash32> _keys = [];
    private readonly Dictionary<ulong, uint> _mraVersions = [];

    /// <summary>The rules <paramref name="e"/> breaks, then records what it created.</summary>
    public IEnumerable<string> Apply(RegistryEvent e, BundleLog log)
    {
        var broken = new List<string>();
        switch (e)
        {
            case BatchAnchored b:
                if (b.AnchoredAt != log.BlockTimestamp)
                    broken.Add($"BatchAnchored says anchored at {b.AnchoredAt}, but its block {log.BlockNumber} has time {log.BlockTimestamp}");
                if (!_anchoredRoots.Add(b.Root))
                    broken.Add($"root {b.Root} is anchored a second time");
                break;
            case KeyRegistered k:
                if (Keccak256.Hash(k.PublicKey.Span) != k.KeyId)
                    broken.Add($"key id {k.KeyId} is not keccak-256 of the registered public key");
                // The registry raises a validFrom before the block to the block time: a key cannot vouch for the past.
                if (k.ValidFrom < log.BlockTimestamp)
                    broken.Add($"key {k.KeyId} is valid from {k.ValidFrom}, before its registering block's time {log.BlockTimestamp}");
                if (!_keys.Add(k.KeyId))
                    broken.Add($"key {k.KeyId} is registered a second time");
                break;
            case KeyRevoked k when !_keys.Contains(k.KeyId):
                broken.Add($"key {k.KeyId} is revoked before it is registered");
                break;
            case CredentialStatusChanged c:
                StatusChange(c.Root, c.EffectiveAt, log, broken);
                break;
            case CredentialStatusesChanged c:
                StatusChange(c.Root, c.EffectiveAt, log, broken);
                break;
            case CredentialSuperseded c:
                StatusChange(c.Root, c.EffectiveAt, log, broken);
                break;
            case MraProposed m when !_mraVersions.TryAdd(m.MraId, 1):
                broken.Add($"MRA {m.MraId} is proposed a second time");
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

    private void StatusChange(Hash32 root, ulong effectiveAt, BundleLog log, List<string> broken)
    {
        if (effectiveAt > log.BlockTimestamp)
            broken.Add($"the change takes effect at {effectiveAt}, after its block's time {log.BlockTimestamp} (the registry refuses future effective times)");
        if (!_anchoredRoots.Contains(root))
            broken.Add($"a status change in batch {root} before the batch is anchored");
    }

    private void Amend(MraAmended amended, List<string> broken)
    {
        if (!_mraVersions.TryGetValue(amended.MraId, out var latest))
            broken.Add($"MRA {amended.MraId} is amended before it is proposed");
        else if (amended.Version != latest + 1)
            broken.Add($"MRA {amended.MraId} is amended to version {amended.Version}, but its latest version is {latest}");
        else
            _mraVersions[amended.MraId] = amended.Version;
    }

    private void Known(ulong mraId, uint version, List<string> broken)
    {
        if (!_mraVersions.TryGetValue(mraId, out var latest))
            broken.Add($"an event of MRA {mraId} before it is proposed");
        else if (version == 0 || version > latest)
            broken.Add($"MRA {mraId} has no version {version} (its latest is {latest})");
    }
}
