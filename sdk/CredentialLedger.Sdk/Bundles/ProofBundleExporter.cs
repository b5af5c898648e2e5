using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// Exports a <see cref="ProofBundle"/> for one verification from a live chain: the registry logs it depends on up to
/// the current head, their blocks' hashes and times, and the anchoring receipt; then verifies on a ledger rebuilt from
/// the bundle's own logs alone and records that answer, so the recorded answer is exactly what any later re-check of
/// the file recomputes when nothing in it was changed.
/// </summary>
public static class ProofBundleExporter
{
    /// <summary>
    /// Exports the bundle for "does <paramref name="verifier"/> recognize <paramref name="credential"/> at
    /// <paramref name="at"/>?", taken at the chain's current head.
    /// </summary>
    /// <param name="client">The chain.</param>
    /// <param name="network">The chain id, registries and deployment block.</param>
    /// <param name="credential">The credential as presented.</param>
    /// <param name="verifier">The verifying member.</param>
    /// <param name="at">The time t.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <exception cref="InvalidOperationException">The chain has another chain id than <paramref name="network"/>.</exception>
    /// <exception cref="ChainReorganizedException">A block changed while the bundle was taken; export again.</exception>
    public static async Task<ProofBundle> ExportAsync(EthClient client, RegistryNetwork network, PresentedCredential credential, MemberCode verifier,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(credential.Jws);
        ArgumentNullException.ThrowIfNull(credential.Proof);
        if (!verifier.IsValid)
            throw new ArgumentException("The verifier is not a member code.", nameof(verifier));

        var chainId = await client.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (chainId != network.ChainId)
            throw new InvalidOperationException($"The chain has id {chainId}, the network file says {network.ChainId}.");
        var head = await client.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken).ConfigureAwait(false);
        var logs = await BundleLogCollector.CollectAsync(client, network.Registries, network.DeploymentBlock, head.Number, credential, verifier,
            cancellationToken).ConfigureAwait(false);

        // Each log's block time, from the block the log names: a log whose block hash is not the block's now was reorganized away.
        var times = new Dictionary<ulong, ulong> { [head.Number] = head.Timestamp };
        var hashes = new Dictionary<ulong, Evm.Hash32> { [head.Number] = head.Hash };
        foreach (var number in logs.Select(l => l.BlockNumber!.Value).Distinct().Where(n => !times.ContainsKey(n)))
        {
            var block = await client.GetBlockByNumberAsync(number, cancellationToken).ConfigureAwait(false);
            times[number] = block.Timestamp;
            hashes[number] = block.Hash;
        }
        foreach (var log in logs)
        {
            if (log.BlockHash != hashes[log.BlockNumber!.Value])
                throw new ChainReorganizedException(log.BlockNumber.Value);
        }
        var bundleLogs = logs.Select(l => BundleLog.FromLog(l, times[l.BlockNumber!.Value])).ToList();

        AnchorReceipt? anchor = null;
        var decoder = new RegistryEventDecoder(network.Registries);
        var batch = bundleLogs.FirstOrDefault(l => decoder.TryDecode(l.ToLog(), out var e) && e is BatchAnchored b && b.Root == credential.Root);
        if (batch is not null)
        {
            var receipt = await client.GetTransactionReceiptAsync(batch.TransactionHash, cancellationToken).ConfigureAwait(false);
            if (receipt is null || receipt.BlockHash != batch.BlockHash)
                throw new ChainReorganizedException(batch.BlockNumber);
            anchor = AnchorReceipt.FromReceipt(receipt);
        }

        // The head must still stand: else the logs may mix two histories.
        var again = await client.GetBlockByNumberAsync(head.Number, cancellationToken).ConfigureAwait(false);
        if (again.Hash != head.Hash)
            throw new ChainReorganizedException(head.Number);

        var bundle = new ProofBundle(chainId, network.Registries, network.DeploymentBlock, new BundleBlock(head.Number, head.Hash, head.Timestamp),
            verifier, at, credential with { Proof = [.. credential.Proof] }, anchor, bundleLogs,
            new RecordedVerification(false, null, null, []));
        var verification = ProofBundleVerifier.Recompute(bundle);
        return bundle with { Recorded = RecordedVerification.From(verification) };
    }
}
