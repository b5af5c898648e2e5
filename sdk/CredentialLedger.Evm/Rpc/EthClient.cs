using System.Numerics;
using System.Text.Json;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;

namespace CredentialLedger.Evm.Rpc;

/// <summary>
/// Typed <c>eth_*</c> calls over a <see cref="JsonRpcClient"/>. Values are parsed at this edge into
/// <see cref="Address"/>, <see cref="Hash32"/>, <see cref="ulong"/> and <see cref="BigInteger"/>; no hex text is
/// returned. Failures throw (<see cref="JsonRpcException"/>, <see cref="RpcTransportException"/>,
/// <see cref="RpcResponseException"/>, or a decoded revert); the only null answer is a receipt not mined yet.
/// Thread-safe.
/// </summary>
public sealed class EthClient
{
    private readonly EthClientOptions _options;

    /// <summary>Creates a client.</summary>
    /// <param name="rpc">
    /// The JSON-RPC transport. This client uses a copy of it whose error translator turns execution reverts into
    /// <see cref="ContractRevertedException"/> (replacing any translator <paramref name="rpc"/> had).
    /// </param>
    /// <param name="options">Paging of <c>eth_getLogs</c>; defaults when null.</param>
    /// <param name="revertDecoder">
    /// Decodes revert data; give it the contracts' custom errors so they are reported by name and arguments.
    /// Null decodes only <c>Error(string)</c> and <c>Panic(uint256)</c>.
    /// </param>
    public EthClient(JsonRpcClient rpc, EthClientOptions? options = null, RevertDecoder? revertDecoder = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        var decoder = revertDecoder ?? new RevertDecoder();
        Rpc = rpc.WithErrorTranslator(error => TranslateRevert(error, decoder));
        _options = options ?? new EthClientOptions();
        if (_options.MaxLogBlockRange == 0)
            throw new ArgumentOutOfRangeException(nameof(options), "MaxLogBlockRange must be at least 1.");
    }

    /// <summary>
    /// A revert (revert data in the error, or code 3 "execution reverted" without data) becomes a
    /// <see cref="ContractRevertedException"/> with the JSON-RPC error as inner exception; other errors stay.
    /// </summary>
    private static ContractRevertedException? TranslateRevert(JsonRpcException error, RevertDecoder decoder) =>
        error.RevertData is { } data ? new ContractRevertedException(decoder.Decode(data.Span), error)
        : error.Code == 3 ? new ContractRevertedException(decoder.Decode([]), error)
        : null;

    /// <summary>The underlying JSON-RPC client, for methods this type does not wrap (for example <c>evm_mine</c>).</summary>
    public JsonRpcClient Rpc { get; }

    /// <summary><c>eth_chainId</c>: the EIP-155 chain id.</summary>
    public Task<ulong> ChainIdAsync(CancellationToken cancellationToken) =>
        Rpc.SendAsync("eth_chainId", null, r => RpcJson.UInt64(r, "result"), cancellationToken);

    /// <summary><c>eth_blockNumber</c>: the number of the latest block.</summary>
    public Task<ulong> BlockNumberAsync(CancellationToken cancellationToken) =>
        Rpc.SendAsync("eth_blockNumber", null, r => RpcJson.UInt64(r, "result"), cancellationToken);

    /// <summary><c>eth_getBalance</c>: the balance in wei at a block.</summary>
    public Task<BigInteger> GetBalanceAsync(Address account, BlockParameter block, CancellationToken cancellationToken) =>
        Rpc.SendAsync("eth_getBalance", w => { w.WriteStringValue(account.ToLowerHex()); w.WriteStringValue(block.ToRpcString()); },
            r => RpcJson.BigInt(r, "result"), cancellationToken);

    /// <summary>
    /// <c>eth_getTransactionCount</c>: the account's nonce at a block. With <see cref="BlockParameter.Pending"/> it
    /// includes the account's transactions waiting in the node's pool, which is the next nonce to use.
    /// </summary>
    public Task<ulong> GetTransactionCountAsync(Address account, BlockParameter block, CancellationToken cancellationToken) =>
        Rpc.SendAsync("eth_getTransactionCount", w => { w.WriteStringValue(account.ToLowerHex()); w.WriteStringValue(block.ToRpcString()); },
            r => RpcJson.UInt64(r, "result"), cancellationToken);

    /// <summary><c>eth_gasPrice</c>: the node's suggested legacy gas price in wei.</summary>
    public Task<BigInteger> GasPriceAsync(CancellationToken cancellationToken) =>
        Rpc.SendAsync("eth_gasPrice", null, r => RpcJson.BigInt(r, "result"), cancellationToken);

    /// <summary><c>eth_feeHistory</c>: base fees and priority-fee percentiles of <paramref name="blockCount"/> blocks ending at <paramref name="newestBlock"/>.</summary>
    /// <param name="blockCount">How many blocks (nodes cap this, commonly at 1024).</param>
    /// <param name="newestBlock">The last block of the range.</param>
    /// <param name="rewardPercentiles">Increasing percentiles in [0, 100]; may be empty.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<FeeHistory> FeeHistoryAsync(
        ulong blockCount, BlockParameter newestBlock, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewardPercentiles);
        return Rpc.SendAsync("eth_feeHistory", w =>
        {
            w.WriteStringValue(HexConverter.ToQuantity(blockCount));
            w.WriteStringValue(newestBlock.ToRpcString());
            w.WriteStartArray();
            foreach (var p in rewardPercentiles)
                w.WriteNumberValue(p);
            w.WriteEndArray();
        }, RpcJson.ReadFeeHistory, cancellationToken);
    }

    /// <summary><c>eth_estimateGas</c>: the gas the call would use at the latest (or pending) state.</summary>
    /// <remarks>A call that reverts throws the decoded revert, like <see cref="CallAsync"/>.</remarks>
    public Task<ulong> EstimateGasAsync(CallRequest call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        // No block parameter: some nodes (older Besu, some gateways) reject it on eth_estimateGas.
        return Rpc.SendAsync("eth_estimateGas", w => RpcJson.WriteCallRequest(w, call),
            r => RpcJson.UInt64(r, "result"), cancellationToken);
    }

    /// <summary><c>eth_call</c>: executes a call without a transaction and returns its output.</summary>
    /// <remarks>A call that reverts throws the decoded revert (see <see cref="JsonRpcClient"/>).</remarks>
    public Task<byte[]> CallAsync(CallRequest call, BlockParameter block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Rpc.SendAsync("eth_call", w => { RpcJson.WriteCallRequest(w, call); w.WriteStringValue(block.ToRpcString()); },
            r => RpcJson.Bytes(r, "result"), cancellationToken);
    }

    /// <summary><c>eth_getCode</c>: the runtime code at <paramref name="account"/> (empty for an account without code).</summary>
    public Task<byte[]> GetCodeAsync(Address account, BlockParameter block, CancellationToken cancellationToken) =>
        Rpc.SendAsync("eth_getCode", w => { w.WriteStringValue(account.ToLowerHex()); w.WriteStringValue(block.ToRpcString()); },
            r => RpcJson.Bytes(r, "result"), cancellationToken);

    /// <summary><c>eth_sendRawTransaction</c>: submits a signed, encoded transaction and returns its hash.</summary>
    public Task<Hash32> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken)
    {
        var hex = HexConverter.ToHex(rawTransaction.Span);
        return Rpc.SendAsync("eth_sendRawTransaction", w => w.WriteStringValue(hex),
            r => RpcJson.Hash(r, "result"), cancellationToken);
    }

    /// <summary>
    /// <c>eth_getTransactionReceipt</c>. Returns <b>null while the transaction is not mined</b> (pending, or unknown
    /// to the node): this is the one method that answers null, because "not yet" is the expected answer while
    /// polling. Use <c>TransactionSender.WaitForReceiptAsync</c> to wait with a timeout.
    /// </summary>
    public Task<TransactionReceipt?> GetTransactionReceiptAsync(Hash32 transactionHash, CancellationToken cancellationToken) =>
        Rpc.SendAsync("eth_getTransactionReceipt", w => w.WriteStringValue(transactionHash.ToString()),
            r => r.ValueKind == JsonValueKind.Null ? null : RpcJson.ReadReceipt(r), cancellationToken);

    /// <summary><c>eth_getBlockByNumber</c> with transaction hashes only.</summary>
    /// <exception cref="BlockNotFoundException">The node does not have that block.</exception>
    public async Task<Block> GetBlockByNumberAsync(BlockParameter block, CancellationToken cancellationToken)
    {
        var result = await Rpc.SendAsync("eth_getBlockByNumber", w => { w.WriteStringValue(block.ToRpcString()); w.WriteBooleanValue(false); },
            r => r.ValueKind == JsonValueKind.Null ? null : RpcJson.ReadBlock(r), cancellationToken).ConfigureAwait(false);
        return result ?? throw new BlockNotFoundException(block);
    }

    /// <summary>
    /// <c>eth_getBlockByNumber</c> with full transactions: the header and every transaction's hash, index, sender and
    /// recipient (<see cref="Block.Transactions"/>), so the accounts that acted in a block are known in one call.
    /// </summary>
    /// <exception cref="BlockNotFoundException">The node does not have that block.</exception>
    /// <exception cref="RpcResponseException">The node answered with transaction hashes only.</exception>
    public async Task<Block> GetBlockWithTransactionsAsync(BlockParameter block, CancellationToken cancellationToken)
    {
        var result = await Rpc.SendAsync("eth_getBlockByNumber", w => { w.WriteStringValue(block.ToRpcString()); w.WriteBooleanValue(true); },
            r => r.ValueKind == JsonValueKind.Null ? null : RpcJson.ReadBlock(r, fullTransactions: true), cancellationToken).ConfigureAwait(false);
        if (result is null)
            throw new BlockNotFoundException(block);
        return result.Transactions is null
            ? throw new RpcResponseException("eth_getBlockByNumber", $"block {result.Number} came without its transactions' details")
            : result;
    }

    /// <summary>
    /// <c>eth_getLogs</c> over the filter's block range, in pages of at most <see cref="EthClientOptions.MaxLogBlockRange"/>
    /// blocks. When the node refuses a page as too large (<see cref="JsonRpcException.IsQueryTooLarge"/>), the page is
    /// halved and retried, down to one block. Tags in the range are resolved to numbers first, so the pages are stable.
    /// </summary>
    /// <returns>The logs in block order.</returns>
    public Task<IReadOnlyList<Log>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken) =>
        GetLogsAsync(filter, _options.MaxLogBlockRange, cancellationToken);

    /// <summary>Like <see cref="GetLogsAsync(LogFilter, CancellationToken)"/> with an explicit page size.</summary>
    /// <param name="filter">The criteria.</param>
    /// <param name="maxBlockRange">The largest number of blocks per request (at least 1).</param>
    /// <param name="cancellationToken">Cancels all pages.</param>
    public async Task<IReadOnlyList<Log>> GetLogsAsync(LogFilter filter, ulong maxBlockRange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfZero(maxBlockRange);
        var from = await ResolveAsync(filter.FromBlock, cancellationToken).ConfigureAwait(false);
        var to = await ResolveAsync(filter.ToBlock, cancellationToken).ConfigureAwait(false);
        var logs = new List<Log>();
        if (from > to)
            return logs;

        var pageSize = maxBlockRange;
        var start = from;
        // Each iteration either advances start or halves pageSize, and pageSize cannot go below 1: the loop is bounded.
        while (true)
        {
            var end = to - start < pageSize - 1 ? to : start + pageSize - 1;
            IReadOnlyList<Log> page;
            try
            {
                page = await GetLogsPageAsync(filter, start, end, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonRpcException e) when (e.IsQueryTooLarge && end > start)
            {
                pageSize = Math.Max(1, (end - start + 1) / 2);
                continue;
            }
            logs.AddRange(page);
            if (end == to)
                return logs;
            start = end + 1;
        }
    }

    private Task<IReadOnlyList<Log>> GetLogsPageAsync(LogFilter filter, ulong from, ulong to, CancellationToken cancellationToken) =>
        Rpc.SendAsync("eth_getLogs", w =>
        {
            w.WriteStartObject();
            w.WriteString("fromBlock", HexConverter.ToQuantity(from));
            w.WriteString("toBlock", HexConverter.ToQuantity(to));
            if (filter.Addresses.Count == 1)
            {
                w.WriteString("address", filter.Addresses[0].ToLowerHex());
            }
            else if (filter.Addresses.Count > 1)
            {
                w.WriteStartArray("address");
                foreach (var address in filter.Addresses)
                    w.WriteStringValue(address.ToLowerHex());
                w.WriteEndArray();
            }
            if (filter.Topics.Count > 0)
            {
                w.WriteStartArray("topics");
                foreach (var position in filter.Topics)
                {
                    if (position is null)
                    {
                        w.WriteNullValue();
                        continue;
                    }
                    w.WriteStartArray();
                    foreach (var topic in position)
                        w.WriteStringValue(topic.ToString());
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }, RpcJson.ReadLogs, cancellationToken);

    private async Task<ulong> ResolveAsync(BlockParameter block, CancellationToken cancellationToken)
    {
        if (block.Number is { } number)
            return number;
        if (block == BlockParameter.Earliest)
            return 0;
        // Pending logs are not stable; a range ending at "pending" reads up to the latest block.
        if (block == BlockParameter.Latest || block == BlockParameter.Pending)
            return await BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        return (await GetBlockByNumberAsync(block, cancellationToken).ConfigureAwait(false)).Number;
    }
}
