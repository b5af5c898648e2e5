using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Sdk.Ledger;

/// <summary>What followers of the chain (a ledger sync, the node's indexer) ask about blocks they already applied.</summary>
public static class ChainBlocks
{
    /// <summary>
    /// The hash of block <paramref name="number"/> on the chain now, or null when the chain no longer has it (its head
    /// <paramref name="head"/> is below it: a reset chain or a deep reorganization). Either way, a hash other than the
    /// one applied means the chain changed under what was applied.
    /// </summary>
    public static async Task<Hash32?> HashAtAsync(EthClient client, ulong number, ulong head, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (head < number)
            return null;
        try
        {
            return (await client.GetBlockByNumberAsync(number, cancellationToken).ConfigureAwait(false)).Hash;
        }
        catch (BlockNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> is the chain being unreachable or answering badly for a while (transport, RPC
    /// errors, a block not there yet, a timeout): worth retrying at the next poll, unlike a reorganization or a bug.
    /// </summary>
    public static bool IsTransient(Exception e) =>
        e is RpcTransportException or RpcResponseException or JsonRpcException or BlockNotFoundException or TimeoutException;
}
