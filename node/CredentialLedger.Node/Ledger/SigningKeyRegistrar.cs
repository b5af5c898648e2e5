using CredentialLedger.Contracts;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Indexing;
using CredentialLedger.Node.Issuance;

namespace CredentialLedger.Node.Ledger;

/// <summary>
/// Finishes joining a network: once this member is admitted (seen in the ledger history), registers its current
/// signing key on chain if it is not registered yet, through the anchoring worker (the operator account's one sender).
/// A founding dev node registered it at init, and key rotation registers new keys itself: then this does nothing.
/// </summary>
public sealed class SigningKeyRegistrar(
    LedgerFollower ledger, SigningKeyRing ring, AnchoringWorker worker, RegistryAddresses registries, MemberCode self,
    IndexerOptions options, ILogger<SigningKeyRegistrar> logger, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ledger.FirstSync.WaitAsync(stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                var history = ledger.Current.History;
                var now = (ulong)Math.Max(0, time.GetUtcNow().ToUnixTimeSeconds());
                if (history.GetKey(ring.KeyId) is not null)
                    return;
                if (history.IsMemberAt(self, now))
                {
                    LedgerLog.RegisteringKey(logger, ring.KeyId.ToString());
                    try
                    {
                        // validFrom 0: the registry raises it to the block time (a key cannot vouch for the past).
                        await worker.SubmitAsync(registries.Members, MemberRegistryCalls.RegisterKey(ring.Key.PublicKey, 0, 0), "register-key",
                            stoppingToken).ConfigureAwait(false);
                        await ledger.SyncOnceAsync(stoppingToken).ConfigureAwait(false);
                        continue;
                    }
                    catch (Exception e) when (e is InvalidOperationException or Evm.Abi.ContractRevertedException)
                    {
                        LedgerLog.RegisteringKeyFailed(logger, e.Message);
                    }
                }
                await Task.Delay(options.PollInterval * 10, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
