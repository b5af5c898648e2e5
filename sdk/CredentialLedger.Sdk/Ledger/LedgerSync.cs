using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Sdk.Ledger;

/// <summary>
/// Fills a <see cref="LedgerHistory"/> from the registries' events over JSON-RPC, with no node in between: paged
/// <c>eth_getLogs</c> from the deployment block, each event applied with its block's time, in chain order. Resumes
/// where the history stands; refuses to go on when the block it stands on left the chain.
/// </summary>
public sealed class LedgerSync
{
    private readonly EthClient _client;
    private readonly RegistryEventDecoder _decoder;
    private readonly ulong _startBlock;
    private readonly LedgerSyncOptions _options;
    private readonly TimeProvider _time;
    private readonly LedgerEventStore? _store;

    /// <summary>A sync of <paramref name="history"/> from <paramref name="registries"/>, starting at <paramref name="startBlock"/> (the deployment block).</summary>
    /// <remarks>With <paramref name="store"/>, every synced range is also appended to it (load it into the history first).</remarks>
    public LedgerSync(EthClient client, RegistryAddresses registries, ulong startBlock, LedgerHistory history,
        LedgerSyncOptions? options = null, TimeProvider? time = null, LedgerEventStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(registries);
        ArgumentNullException.ThrowIfNull(history);
        _client = client;
        _decoder = new RegistryEventDecoder(registries);
        _startBlock = startBlock;
        History = history;
        _options = options ?? new LedgerSyncOptions();
        if (_options.MaxBlockRange < 1 || _options.Confirmations < 0 || _options.MaxParallelBlockFetches < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "MaxBlockRange and MaxParallelBlockFetches must be positive, Confirmations not negative.");
        _time = time ?? TimeProvider.System;
        _store = store;
    }

    /// <summary>The history this sync fills.</summary>
    public LedgerHistory History { get; }

    /// <summary>The last error of <see cref="RunAsync"/> (cleared by the next successful step).</summary>
    public Exception? LastError { get; private set; }

    /// <summary>
    /// Applies every event up to the safe head (head less the confirmations), in ranges of
    /// <see cref="LedgerSyncOptions.MaxBlockRange"/> blocks; <paramref name="progress"/> hears of each range.
    /// </summary>
    /// <returns>The number of events applied.</returns>
    /// <exception cref="ChainReorganizedException">The block the history stands on is no longer on the chain.</exception>
    public async Task<long> SyncAsync(IProgress<LedgerSyncProgress>? progress, CancellationToken cancellationToken)
    {
        var head = await _client.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var freshness = History.Freshness;
        if (freshness is not null)
            await CheckStillOnChainAsync(freshness, head, cancellationToken).ConfigureAwait(false);
        if (head < (ulong)_options.Confirmations)
            return 0;
        var safeHead = head - (ulong)_options.Confirmations;
        var from = freshness is null ? _startBlock : freshness.Block + 1;
        long applied = 0;
        while (from <= safeHead)
        {
            var to = Math.Min(safeHead, from + (ulong)_options.MaxBlockRange - 1);
            applied += await ApplyRangeAsync(from, to, cancellationToken).ConfigureAwait(false);
            progress?.Report(new LedgerSyncProgress(to, safeHead, History.EventCount));
            from = to + 1;
        }
        return applied;
    }

    /// <summary>
    /// Syncs, then polls every <see cref="LedgerSyncOptions.PollInterval"/> until cancelled. Transport and RPC errors
    /// are kept in <see cref="LastError"/> and retried at the next poll; a reorganization ends the loop with it.
    /// </summary>
    /// <exception cref="ChainReorganizedException">The chain changed under the history.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(null, cancellationToken).ConfigureAwait(false);
                LastError = null;
            }
            catch (Exception e) when (ChainBlocks.IsTransient(e))
            {
                LastError = e;
            }
            try
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task CheckStillOnChainAsync(LedgerFreshness freshness, ulong head, CancellationToken cancellationToken)
    {
        if (await ChainBlocks.HashAtAsync(_client, freshness.Block, head, cancellationToken).ConfigureAwait(false) != freshness.BlockHash)
            throw new ChainReorganizedException(freshness.Block);
    }

    private async Task<long> ApplyRangeAsync(ulong from, ulong to, CancellationToken cancellationToken)
    {
        var logs = await _client.GetLogsAsync(_decoder.CreateFilter(from, to), (ulong)_options.MaxBlockRange, cancellationToken).ConfigureAwait(false);
        var decoded = new List<(RegistryEvent Event, Log Log)>();
        foreach (var log in logs.Where(l => !l.Removed))
        {
            if (_decoder.TryDecode(log, out var registryEvent))
                decoded.Add((registryEvent, log));
        }
        decoded.Sort((a, b) => a.Event.Position.CompareTo(b.Event.Position));
        var events = decoded.Select(d => d.Event).ToList();
        var blocks = events.Select(e => e.Position.BlockNumber).Append(to).Distinct().ToList();
        var headers = new Dictionary<ulong, Block>();
        using (var gate = new SemaphoreSlim(_options.MaxParallelBlockFetches))
        {
            var fetched = await Task.WhenAll(blocks.Select(async number =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await _client.GetBlockByNumberAsync(number, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
            foreach (var block in fetched)
                headers[block.Number] = block;
        }
        var applied = new List<(Log, ulong)>();
        foreach (var (e, log) in decoded)
        {
            var blockTime = headers[e.Position.BlockNumber].Timestamp;
            if (History.Apply(e, blockTime))
                applied.Add((log, blockTime));
        }
        var last = headers[to];
        var reached = new LedgerFreshness(to, last.Hash, last.Timestamp, _time.GetUtcNow());
        _store?.Append(applied, reached);
        History.MarkSynced(reached);
        return applied.Count;
    }
}

/// <summary>Progress of <see cref="LedgerSync.SyncAsync"/>.</summary>
/// <param name="Block">The last block applied.</param>
/// <param name="Target">The block the sync is going to.</param>
/// <param name="Events">Events applied so far in the history.</param>
public sealed record LedgerSyncProgress(ulong Block, ulong Target, long Events);
