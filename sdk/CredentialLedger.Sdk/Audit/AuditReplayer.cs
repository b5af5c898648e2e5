using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Audit;

/// <summary>
/// Replays every registry event into an <see cref="AuditState"/>, from an RPC endpoint or from a local event cache.
/// From RPC: <c>eth_getLogs</c> over the four registries in large adaptive pages, and each block that holds registry
/// logs fetched once with its transactions (for their senders), several at a time, while earlier blocks are applied
/// in chain order. The replay can write (and later extend) an event cache that replays the same events without the
/// chain. Cancellation is honoured between requests and blocks.
/// </summary>
public sealed class AuditReplayer
{
    private readonly EthClient _client;
    private readonly RegistryAddresses _registries;
    private readonly AuditReplayOptions _options;

    /// <summary>A replayer of <paramref name="registries"/> over <paramref name="client"/>.</summary>
    public AuditReplayer(EthClient client, RegistryAddresses registries, AuditReplayOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(registries);
        _client = client;
        _registries = registries;
        _options = options ?? new AuditReplayOptions();
        _options.Validate();
    }

    /// <summary>
    /// Replays from <see cref="AuditReplayOptions.FromBlock"/> to <see cref="AuditReplayOptions.ToBlock"/> (default:
    /// the head now), through the event cache first when <see cref="AuditReplayOptions.CachePath"/> holds one that fits.
    /// </summary>
    /// <exception cref="AuditCacheException">The cache file exists but is unusable or for another chain, registries or history.</exception>
    /// <exception cref="ChainReorganizedException">A block changed while it was replayed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The target block is beyond the head.</exception>
    public async Task<AuditResult> ReplayAsync(IProgress<AuditProgress>? progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var chainId = await _client.ChainIdAsync(cancellationToken).ConfigureAwait(false);
        var head = await _client.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var target = _options.ToBlock ?? head;
        if (target > head)
            throw new ArgumentOutOfRangeException(nameof(cancellationToken), string.Create(CultureInfo.InvariantCulture, $"The target block {target} is beyond the chain's head {head}."));
        if (_options.FromBlock > target)
            throw new ArgumentOutOfRangeException(nameof(cancellationToken), string.Create(CultureInfo.InvariantCulture, $"The first block {_options.FromBlock} is beyond the head {head}."));
        var last = await _client.GetBlockByNumberAsync(target, cancellationToken).ConfigureAwait(false);

        var state = new AuditState();
        var run = new Run(state, new RegistryEventDecoder(_registries), progress, _options.ProgressInterval, target, stopwatch);
        var source = AuditSource.Rpc;
        var start = _options.FromBlock;
        AuditCacheWriter? writer = null;
        try
        {
            if (_options.CachePath is { } path)
            {
                if (File.Exists(path))
                {
                    using var reader = await OpenCacheToExtendAsync(path, chainId, target, cancellationToken).ConfigureAwait(false);
                    writer = new AuditCacheWriter(path, chainId, _registries, _options.FromBlock);
                    foreach (var block in reader.ReadBlocks(cancellationToken))
                    {
                        writer.Write(block);
                        run.Apply(block);
                    }
                    start = reader.Header.ToBlock + 1;
                    source = start > target ? AuditSource.Cache : AuditSource.CacheThenRpc;
                }
                else
                {
                    writer = new AuditCacheWriter(path, chainId, _registries, _options.FromBlock);
                }
            }
            if (start <= target)
                await ReplayRangeAsync(start, target, run, writer, cancellationToken).ConfigureAwait(false);
            // Logs and blocks were read by number: the target must still be the block it was when the replay began.
            var end = await _client.GetBlockByNumberAsync(target, cancellationToken).ConfigureAwait(false);
            if (end.Hash != last.Hash)
                throw new ChainReorganizedException(target);
            writer?.Complete(target, last.Hash, last.Timestamp);
        }
        finally
        {
            writer?.Dispose();
        }
        state.Complete();
        run.Finish();
        return new AuditResult(chainId, _registries, new AuditRange(_options.FromBlock, target, last.Hash, last.Timestamp), state, source, stopwatch.Elapsed);
    }

    /// <summary>
    /// Replays an event cache alone, with no chain. <paramref name="expectedChainId"/> and
    /// <paramref name="expectedRegistries"/>, when given, must be the cache's: a cache of another chain is refused.
    /// </summary>
    /// <exception cref="AuditCacheException">The cache is unusable (cut short, corrupted, unfinished) or for another chain or registries.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static AuditResult ReplayCache(string path, ulong? expectedChainId, RegistryAddresses? expectedRegistries, IProgress<AuditProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stopwatch = Stopwatch.StartNew();
        using var reader = AuditCacheReader.Open(path, cancellationToken);
        var header = reader.Header;
        CheckFits(path, header, expectedChainId, expectedRegistries);
        var state = new AuditState();
        var run = new Run(state, new RegistryEventDecoder(header.Registries), progress, TimeSpan.FromMilliseconds(250), header.ToBlock, stopwatch);
        foreach (var block in reader.ReadBlocks(cancellationToken))
            run.Apply(block);
        state.Complete();
        run.Finish();
        return new AuditResult(header.ChainId, header.Registries, new AuditRange(header.FromBlock, header.ToBlock, header.ToBlockHash, header.ToBlockTime),
            state, AuditSource.Cache, stopwatch.Elapsed);
    }

    /// <summary>The header of an event cache (checked, but its body is not read).</summary>
    /// <exception cref="AuditCacheException">The file is not a finished, intact cache.</exception>
    public static AuditCacheHeader ReadCacheHeader(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return AuditCacheReader.ReadHeader(path);
    }

    private static void CheckFits(string path, AuditCacheHeader header, ulong? chainId, RegistryAddresses? registries)
    {
        if (chainId is { } id && header.ChainId != id)
            throw new AuditCacheException(string.Create(CultureInfo.InvariantCulture, $"{path} is a cache of chain {header.ChainId}, not of chain {id}."));
        if (registries is not null && header.Registries != registries)
            throw new AuditCacheException($"{path} is a cache of the registries {Describe(header.Registries)}, not of {Describe(registries)}.");
    }

    private static string Describe(RegistryAddresses r) => $"members {r.Members}, credentials {r.Credentials}, mras {r.Mras}, origins {r.Origins}";

    private async Task<AuditCacheReader> OpenCacheToExtendAsync(string path, ulong chainId, ulong target, CancellationToken cancellationToken)
    {
        var reader = AuditCacheReader.Open(path, cancellationToken);
        try
        {
            var header = reader.Header;
            CheckFits(path, header, chainId, _registries);
            if (header.FromBlock != _options.FromBlock)
                throw new AuditCacheException(string.Create(CultureInfo.InvariantCulture,
                    $"{path} covers blocks from {header.FromBlock}; this replay starts at block {_options.FromBlock}."));
            if (header.ToBlock > target)
                throw new AuditCacheException(string.Create(CultureInfo.InvariantCulture,
                    $"{path} covers blocks up to {header.ToBlock}, beyond the target {target}; replay the cache alone or choose a later target."));
            var onChain = await ChainBlocks.HashAtAsync(_client, header.ToBlock, target, cancellationToken).ConfigureAwait(false);
            if (onChain != header.ToBlockHash)
                throw new AuditCacheException(string.Create(CultureInfo.InvariantCulture,
                    $"{path} was made from another history: the chain's block {header.ToBlock} is no longer {header.ToBlockHash}. Delete the cache to rebuild it."));
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    // ---------------------------------------------------------------- RPC

    private async Task ReplayRangeAsync(ulong from, ulong to, Run run, AuditCacheWriter? writer, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Blocks are fetched ahead, several at a time, and applied in order: the channel keeps their order and bounds
        // how far ahead the fetching runs.
        var blocks = Channel.CreateBounded<Task<AuditBlock>>(new BoundedChannelOptions(Math.Max(64, _options.MaxParallelBlockFetches * 8))
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var gate = new SemaphoreSlim(_options.MaxParallelBlockFetches);
        var producer = Task.Run(() => ProduceAsync(from, to, blocks.Writer, gate, run.Decoder, stop.Token), stop.Token);
        try
        {
            await foreach (var fetch in blocks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var block = await fetch.ConfigureAwait(false);
                writer?.Write(block);
                run.Apply(block);
            }
            await producer.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            // Observe whatever was still in flight so no fault goes unobserved.
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already reported through the channel, or cancelled by the line above.
            }
            while (blocks.Reader.TryRead(out var pending))
            {
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Cancelled or failed after the replay stopped.
                }
            }
        }
    }

    private async Task ProduceAsync(ulong from, ulong to, ChannelWriter<Task<AuditBlock>> blocks, SemaphoreSlim gate, RegistryEventDecoder decoder,
        CancellationToken cancellationToken)
    {
        try
        {
            var range = Math.Min(_options.MaxLogBlockRange, 1_000UL);
            var target = _options.TargetLogsPerRequest;
            while (from <= to)
            {
                var end = to - from < range - 1 ? to : from + range - 1;
                var logs = await _client.GetLogsAsync(decoder.CreateFilter(from, end), range, cancellationToken).ConfigureAwait(false);
                var group = new List<Log>();
                ulong? number = null;
                foreach (var log in OrderedLogs(logs, from, end))
                {
                    if (number is { } n && log.BlockNumber != n)
                    {
                        await EnqueueAsync(n, group, blocks, gate, cancellationToken).ConfigureAwait(false);
                        group = [];
                    }
                    number = log.BlockNumber;
                    group.Add(log);
                }
                if (number is { } lastNumber)
                    await EnqueueAsync(lastNumber, group, blocks, gate, cancellationToken).ConfigureAwait(false);
                // Keep pages near the target size: big enough to amortize the request, small enough to bound memory.
                if (logs.Count > 2 * target && range > 1)
                    range = Math.Max(1, range / 2);
                else if (logs.Count < target / 2)
                    range = Math.Min(_options.MaxLogBlockRange, range * 2);
                from = end + 1;
            }
        }
        finally
        {
            // A failure surfaces from the producer task (awaited after the reader drains), with its own type and message.
            blocks.TryComplete();
        }
    }

    private static List<Log> OrderedLogs(IReadOnlyList<Log> logs, ulong from, ulong to)
    {
        var ordered = new List<Log>(logs.Count);
        foreach (var log in logs)
        {
            if (log.Removed)
                continue;
            if (log.BlockNumber is not { } block || log.LogIndex is null || log.TransactionHash is null || block < from || block > to)
                throw new RpcResponseException("eth_getLogs", string.Create(CultureInfo.InvariantCulture, $"a log outside blocks {from}..{to} or without its position"));
            ordered.Add(log);
        }
        ordered.Sort(static (a, b) => a.BlockNumber != b.BlockNumber ? a.BlockNumber!.Value.CompareTo(b.BlockNumber!.Value) : a.LogIndex!.Value.CompareTo(b.LogIndex!.Value));
        return ordered;
    }

    private async Task EnqueueAsync(ulong number, List<Log> logs, ChannelWriter<Task<AuditBlock>> blocks, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        await blocks.WriteAsync(FetchAsync(number, logs, gate, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<AuditBlock> FetchAsync(ulong number, List<Log> logs, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            if (_options.SendersFromTraces && Volatile.Read(ref _tracesUnavailable) == 0
                && await TryTracedBlockAsync(number, cancellationToken).ConfigureAwait(false) is { } traced)
                return Assemble(traced, logs);
            var block = await _client.GetBlockWithTransactionsAsync(number, cancellationToken).ConfigureAwait(false);
            return Assemble(block, logs);
        }
        finally
        {
            gate.Release();
        }
    }

    // 1 once the node answered trace_block with an error: it does not offer it (geth, or Besu without the TRACE API).
    private int _tracesUnavailable;

    /// <summary>
    /// The block's header (transaction hashes only) with each transaction's sender from <c>trace_block</c>: the
    /// top-level trace of a transaction (empty <c>traceAddress</c>) names its sender in <c>action.from</c>. Null when
    /// the node has no <c>trace_block</c> (then never asked again) or the traces do not cover every transaction of the
    /// block, in place and in that block (then this block is read with its full transactions).
    /// </summary>
    private async Task<Block?> TryTracedBlockAsync(ulong number, CancellationToken cancellationToken)
    {
        var header = _client.GetBlockByNumberAsync(number, cancellationToken);
        Dictionary<Hash32, TopLevelTrace> traces;
        try
        {
            traces = await _client.Rpc.SendAsync("trace_block", w => w.WriteStringValue(HexConverter.ToQuantity(number)), ReadTopLevelTraces, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonRpcException or RpcResponseException)
        {
            Volatile.Write(ref _tracesUnavailable, 1);
            try
            {
                await header.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Only the fallback's own read counts.
            }
            return null;
        }
        var block = await header.ConfigureAwait(false);
        var transactions = new List<BlockTransaction>(block.TransactionHashes.Count);
        for (var i = 0; i < block.TransactionHashes.Count; i++)
        {
            var hash = block.TransactionHashes[i];
            if (!traces.TryGetValue(hash, out var trace) || trace.Position != (ulong)i || trace.BlockHash is { } other && other != block.Hash)
                return null;
            transactions.Add(new BlockTransaction(hash, (ulong)i, trace.From, trace.To));
        }
        return block with { Transactions = transactions };
    }

    private readonly record struct TopLevelTrace(Address From, Address? To, ulong Position, Hash32? BlockHash);

    private static Dictionary<Hash32, TopLevelTrace> ReadTopLevelTraces(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Array)
            throw new FormatException("trace_block did not answer with an array of traces.");
        var traces = new Dictionary<Hash32, TopLevelTrace>();
        foreach (var trace in result.EnumerateArray())
        {
            // Block rewards and the like have no transaction; subcalls have a non-empty trace address.
            if (!trace.TryGetProperty("transactionHash", out var hash) || hash.ValueKind != JsonValueKind.String
                || !trace.TryGetProperty("traceAddress", out var address) || address.ValueKind != JsonValueKind.Array || address.GetArrayLength() != 0)
                continue;
            var action = trace.GetProperty("action");
            var to = trace.TryGetProperty("type", out var type) && type.ValueEquals("create") ? (Address?)null
                : action.TryGetProperty("to", out var recipient) && recipient.ValueKind == JsonValueKind.String ? Address.Parse(recipient.GetString()!) : null;
            var blockHash = trace.TryGetProperty("blockHash", out var b) && b.ValueKind == JsonValueKind.String ? Hash32.Parse(b.GetString()!) : (Hash32?)null;
            var txHash = Hash32.Parse(hash.GetString()!);
            // A second top-level trace of one transaction cannot be told apart: keep none, so the block is read in full.
            if (!traces.TryAdd(txHash, new TopLevelTrace(Address.Parse(action.GetProperty("from").GetString()!), to,
                    trace.GetProperty("transactionPosition").GetUInt64(), blockHash)))
                traces[txHash] = new TopLevelTrace(Address.Zero, null, ulong.MaxValue, null);
        }
        return traces;
    }

    /// <summary>Pairs each log with its transaction's sender; a log whose block or transaction does not match is a reorganization.</summary>
    private static AuditBlock Assemble(Block block, List<Log> logs)
    {
        var all = block.Transactions!;
        var used = new List<BlockTransaction>();
        var ordinals = new Dictionary<Hash32, int>();
        var auditLogs = new List<AuditBlockLog>(logs.Count);
        foreach (var log in logs)
        {
            if (log.BlockHash is { } hash && hash != block.Hash)
                throw new ChainReorganizedException(string.Create(CultureInfo.InvariantCulture,
                    $"Block {block.Number} changed while it was replayed (its logs name block {hash}, the block read is {block.Hash})."));
            var txHash = log.TransactionHash!.Value;
            if (!ordinals.TryGetValue(txHash, out var ordinal))
            {
                var tx = log.TransactionIndex is { } i && i < (ulong)all.Count && all[(int)i].Hash == txHash
                    ? all[(int)i]
                    : all.FirstOrDefault(t => t.Hash == txHash)
                      ?? throw new ChainReorganizedException(string.Create(CultureInfo.InvariantCulture,
                          $"Transaction {txHash} of a log is not in block {block.Number} as read (the block changed while it was replayed)."));
                ordinal = used.Count;
                used.Add(tx);
                ordinals[txHash] = ordinal;
            }
            auditLogs.Add(new AuditBlockLog(ordinal, log));
        }
        // The cache keeps transactions in block order; logs already come in it, so their transactions do too.
        return new AuditBlock(block.Number, block.Hash, block.Timestamp, used, auditLogs);
    }

    // ---------------------------------------------------------------- applying

    /// <summary>One replay's decoding, applying and progress.</summary>
    private sealed class Run(AuditState state, RegistryEventDecoder decoder, IProgress<AuditProgress>? progress, TimeSpan interval, ulong target, Stopwatch stopwatch)
    {
        private TimeSpan? _reported;
        private ulong _block;

        public RegistryEventDecoder Decoder => decoder;

        public void Apply(AuditBlock block)
        {
            foreach (var (transaction, log) in block.Logs)
            {
                var sender = block.Transactions[transaction].From;
                RegistryEvent? registryEvent;
                try
                {
                    if (!decoder.TryDecode(log, out registryEvent))
                    {
                        state.Malformed(block.Number, log.TransactionHash!.Value, log.LogIndex!.Value, block.Time, sender,
                            $"a log of registry {log.Address} with an unknown event (topic0 {log.Topics[0]})");
                        continue;
                    }
                }
                catch (AbiDecodingException e)
                {
                    state.Malformed(block.Number, log.TransactionHash!.Value, log.LogIndex!.Value, block.Time, sender, $"a registry log that does not decode: {e.Message}");
                    continue;
                }
                state.Apply(registryEvent, block.Time, sender);
            }
            _block = block.Number;
            if (progress is not null && (_reported is not { } reported || stopwatch.Elapsed - reported >= interval))
            {
                _reported = stopwatch.Elapsed;
                progress.Report(new AuditProgress(_block, target, state.EventCount, Rate()));
            }
        }

        public void Finish() => progress?.Report(new AuditProgress(target, target, state.EventCount, Rate()));

        private double Rate() => stopwatch.Elapsed > TimeSpan.Zero ? state.EventCount / stopwatch.Elapsed.TotalSeconds : 0;
    }
}
