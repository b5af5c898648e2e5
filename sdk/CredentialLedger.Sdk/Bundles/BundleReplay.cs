using CredentialLedger.Contracts.Events;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// Rebuilds, in a fresh <see cref="LedgerHistory"/>, the state a bundle's logs describe, and runs the
/// <see cref="AeoVerifier"/> on it at the bundle's t: the same code path at export and at every re-check.
/// </summary>
internal static class BundleReplay
{
    /// <summary>Replays <paramref name="events"/> in the order given, each at its block's time, and verifies.</summary>
    public static AeoVerification Verify(ProofBundle bundle, IEnumerable<(RegistryEvent Event, ulong BlockTime)> events)
    {
        var history = new LedgerHistory();
        foreach (var (registryEvent, blockTime) in events)
            history.Apply(registryEvent, blockTime);
        // The sync moment is the taken-at block's own time, not a clock reading: the replay, and so the answer, must not
        // depend on when or where it runs.
        var taken = bundle.TakenAt;
        history.MarkSynced(new LedgerFreshness(taken.Number, taken.Hash, taken.Timestamp,
            DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(taken.Timestamp, (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds()))));
        var ledger = new LedgerStatusReference(bundle.ChainId, bundle.Registries.Credentials);
        return new AeoVerifier(history, ledger).Verify(bundle.Credential, bundle.Verifier, bundle.At);
    }
}
