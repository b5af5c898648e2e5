using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Bundles;

/// <summary>
/// Fetches from the chain the registry logs one verification depends on (<see cref="BundleScope"/>), with topic
/// filters where the events index the field (root, member, key id, MRA id) and client-side filtering where they do not
/// (the index inside <c>CredentialStatusesChanged</c>, the parties of <c>MraProposed</c>). Used by the exporter, and by
/// the on-chain confirmation to see whether a bundle is complete.
/// </summary>
internal static class BundleLogCollector
{
    /// <summary>The relevant logs from <paramref name="fromBlock"/> to <paramref name="toBlock"/>, in chain order.</summary>
    public static async Task<IReadOnlyList<Log>> CollectAsync(EthClient client, RegistryAddresses registries, ulong fromBlock, ulong toBlock,
        PresentedCredential credential, MemberCode verifier, CancellationToken cancellationToken)
    {
        var decoder = new RegistryEventDecoder(registries);
        var logs = new List<Log>();

        // The root's batch and status changes first: the batch names the issuer whose membership and MRAs matter.
        logs.AddRange(await GetAsync(client, registries.Credentials, fromBlock, toBlock, BundleTopics.CredentialEvents, [credential.Root],
            cancellationToken).ConfigureAwait(false));
        var scope = BundleScope.For(credential, verifier, decoder.DecodeAll(logs));

        logs.AddRange(await GetAsync(client, registries.Members, fromBlock, toBlock, BundleTopics.MembershipEvents,
            [.. scope.Members.Order().Select(BundleTopics.Member)], cancellationToken).ConfigureAwait(false));
        if (scope.KeyId is { } keyId)
            logs.AddRange(await GetAsync(client, registries.Members, fromBlock, toBlock, BundleTopics.KeyEvents, [keyId], cancellationToken)
                .ConfigureAwait(false));

        // MraProposed indexes the proposer, not the parties: every proposal is read and its parties compared here.
        var proposals = await GetAsync(client, registries.Mras, fromBlock, toBlock, [BundleTopics.MraProposed], null, cancellationToken)
            .ConfigureAwait(false);
        scope = BundleScope.For(credential, verifier, decoder.DecodeAll(logs.Concat(proposals)));
        if (scope.MraIds.Count > 0)
            logs.AddRange(await GetAsync(client, registries.Mras, fromBlock, toBlock, BundleTopics.MraEvents,
                [.. scope.MraIds.Order().Select(BundleTopics.Uint)], cancellationToken).ConfigureAwait(false));

        var relevant = new SortedDictionary<(ulong Block, ulong Index), Log>();
        foreach (var log in logs)
        {
            if (log.Removed || !decoder.TryDecode(log, out var registryEvent) || !scope.IsRelevant(registryEvent))
                continue;
            relevant.TryAdd((log.BlockNumber!.Value, log.LogIndex!.Value), log);
        }
        return [.. relevant.Values];
    }

    private static Task<IReadOnlyList<Log>> GetAsync(EthClient client, Address registry, ulong fromBlock, ulong toBlock,
        IReadOnlyList<Hash32> events, IReadOnlyList<Hash32>? firstIndexed, CancellationToken cancellationToken) =>
        client.GetLogsAsync(new LogFilter
        {
            FromBlock = fromBlock,
            ToBlock = toBlock,
            Addresses = [registry],
            Topics = firstIndexed is null ? [events] : [events, firstIndexed],
        }, cancellationToken);
}
