using System.Globalization;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Sdk.Verification;
using K = CredentialLedger.Sdk.Bundles.ProofBundleProblemKind;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// Re-checks a <see cref="ProofBundle"/>. <see cref="Check(ProofBundle)"/> is offline: it needs nothing but the file,
/// and answers whether the bundle agrees with itself and what the verification comes to on its logs.
/// <see cref="ConfirmOnChainAsync"/> adds what only the chain can show: that the blocks, the receipt and the logs are
/// the chain's, and that no relevant log is missing.
/// </summary>
public static class ProofBundleVerifier
{
    /// <summary>
    /// Checks a bundle offline: consistency (see <see cref="ProofBundleProblemKind"/>), then the verification rebuilt
    /// from its logs in a fresh ledger and re-run at its t, compared with the recorded answer.
    /// </summary>
    public static ProofBundleCheck Check(ProofBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var problems = BundleConsistency.Check(bundle, out var decoded).ToList();
        AeoVerification? recomputed;
        try
        {
            recomputed = Replay(bundle, decoded);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The ledger and the verifier assume input a registry or an issuer could have produced; forged input is
            // reported above, and whatever else it trips over is reported here rather than thrown at a person checking
            // a file.
            problems.Add(new(K.NotRecomputable, $"the verification could not be recomputed from this bundle: {e.GetType().Name}: {e.Message}"));
            return new ProofBundleCheck(bundle, problems, null, ["no answer could be recomputed"]);
        }
        return new ProofBundleCheck(bundle, problems, recomputed, bundle.Recorded.DifferencesFrom(recomputed));
    }

    /// <summary>
    /// Reads and checks a bundle file's text. Never throws on bad content: a file that is not a proof bundle gives a
    /// result with no bundle and a <see cref="ProofBundleProblemKind.Malformed"/> or
    /// <see cref="ProofBundleProblemKind.UnsupportedVersion"/> problem that names the field.
    /// </summary>
    public static ProofBundleCheck Check(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ProofBundle bundle;
        try
        {
            bundle = ProofBundle.Parse(json);
        }
        catch (ProofBundleFormatException e)
        {
            return new ProofBundleCheck(null, [new(e.Kind, e.Message)], null, []);
        }
        return Check(bundle);
    }

    /// <summary>
    /// Confirms a bundle against a live chain: the chain id; each block the bundle names (the taken-at block, every log's
    /// block, the receipt's) has that hash and time; the anchoring receipt is the chain's; and the relevant logs up to the
    /// taken-at block are exactly the bundle's (none missing, none extra, none altered).
    /// </summary>
    /// <exception cref="RpcTransportException">The chain cannot be reached (and other JSON-RPC failures).</exception>
    public static async Task<ProofBundleConfirmation> ConfirmOnChainAsync(EthClient client, ProofBundle bundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(bundle);
        var problems = new List<ProofBundleProblem>();
        var chainId = await client.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (chainId != bundle.ChainId)
        {
            problems.Add(new(K.NotOnChain, $"the chain has id {chainId}, the bundle is of chain {bundle.ChainId}"));
            return new ProofBundleConfirmation(problems, 0, 0);
        }

        // Every block the bundle names, with the time it claims when it claims one.
        var blocks = new SortedDictionary<ulong, List<(string What, Hash32 Hash, ulong? Time)>>();
        void Claim(ulong number, string what, Hash32 hash, ulong? time)
        {
            if (!blocks.TryGetValue(number, out var claims))
                blocks[number] = claims = [];
            claims.Add((what, hash, time));
        }
        Claim(bundle.TakenAt.Number, "the taken-at block", bundle.TakenAt.Hash, bundle.TakenAt.Timestamp);
        for (var i = 0; i < bundle.Logs.Count; i++)
            Claim(bundle.Logs[i].BlockNumber, $"log #{i}", bundle.Logs[i].BlockHash, bundle.Logs[i].BlockTimestamp);
        if (bundle.Anchor is { } anchor)
            Claim(anchor.BlockNumber, "the anchoring receipt", anchor.BlockHash, null);
        foreach (var (number, claims) in blocks)
        {
            Block block;
            try
            {
                block = await client.GetBlockByNumberAsync(number, cancellationToken).ConfigureAwait(false);
            }
            catch (BlockNotFoundException)
            {
                problems.Add(new(K.NotOnChain, $"block {number} ({string.Join(", ", claims.Select(c => c.What))}) is not on the chain"));
                continue;
            }
            foreach (var (what, hash, time) in claims)
            {
                if (hash != block.Hash)
                    problems.Add(new(K.NotOnChain, $"{what}: block {number} has hash {block.Hash} on the chain, {hash} in the bundle"));
                else if (time is { } t && t != block.Timestamp)
                    problems.Add(new(K.NotOnChain, $"{what}: block {number} has time {block.Timestamp} on the chain, {t} in the bundle"));
            }
        }

        if (bundle.Anchor is { } bundled)
        {
            var receipt = await client.GetTransactionReceiptAsync(bundled.TransactionHash, cancellationToken).ConfigureAwait(false);
            if (receipt is null)
                problems.Add(new(K.NotOnChain, $"the chain has no receipt for the anchoring transaction {bundled.TransactionHash}"));
            else if (!AnchorReceipt.FromReceipt(receipt).SameAs(bundled))
                problems.Add(new(K.NotOnChain, $"the chain's receipt of {bundled.TransactionHash} differs from the bundle's"));
        }

        var onChain = await BundleLogCollector.CollectAsync(client, bundle.Registries, bundle.DeploymentBlock, bundle.TakenAt.Number,
            bundle.Credential, bundle.Verifier, cancellationToken).ConfigureAwait(false);
        CompareLogs(bundle, onChain, problems);
        return new ProofBundleConfirmation(problems, blocks.Count, onChain.Count);
    }

    /// <summary>The verification recomputed from the bundle's logs (those that decode), for the exporter.</summary>
    internal static AeoVerification Recompute(ProofBundle bundle)
    {
        BundleConsistency.Check(bundle, out var decoded);
        return Replay(bundle, decoded);
    }

    private static AeoVerification Replay(ProofBundle bundle, IReadOnlyList<BundleConsistency.DecodedLog> decoded) =>
        BundleReplay.Verify(bundle, decoded.Select(d => (d.Event, d.Log.BlockTimestamp)));

    private static void CompareLogs(ProofBundle bundle, IReadOnlyList<Log> onChain, List<ProofBundleProblem> problems)
    {
        var chain = new Dictionary<(ulong, ulong), Log>();
        foreach (var log in onChain)
            chain[(log.BlockNumber!.Value, log.LogIndex!.Value)] = log;
        var bundled = new HashSet<(ulong, ulong)>();
        for (var i = 0; i < bundle.Logs.Count; i++)
        {
            var log = bundle.Logs[i];
            var key = (log.BlockNumber, log.LogIndex);
            bundled.Add(key);
            if (!chain.TryGetValue(key, out var found))
                problems.Add(new(K.Incomplete, $"log #{i} (block {log.BlockNumber}, log index {log.LogIndex}) is not among the chain's relevant logs"));
            else if (!SameLog(log, found))
                problems.Add(new(K.NotOnChain, $"log #{i} (block {log.BlockNumber}, log index {log.LogIndex}) differs from the chain's"));
        }
        var decoder = new RegistryEventDecoder(bundle.Registries);
        foreach (var (key, log) in chain.OrderBy(p => p.Key))
        {
            if (bundled.Contains(key))
                continue;
            var name = decoder.TryDecode(log, out var e) ? e.GetType().Name : "a log";
            problems.Add(new(K.Incomplete, string.Create(CultureInfo.InvariantCulture,
                $"the chain has {name} in block {key.Item1}, log index {key.Item2}, which the bundle lacks")));
        }
    }

    private static bool SameLog(BundleLog bundled, Log chain) =>
        bundled.Address == chain.Address && bundled.BlockHash == chain.BlockHash && bundled.TransactionHash == chain.TransactionHash
        && bundled.Topics.SequenceEqual(chain.Topics) && bundled.Data.Span.SequenceEqual(chain.Data.Span);
}
