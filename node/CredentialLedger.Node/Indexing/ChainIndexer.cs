using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Store;
using CredentialLedger.Sdk.Ledger;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Indexing;

/// <summary>What one <see cref="ChainIndexer.StepAsync"/> did.</summary>
/// <param name="FromBlock">First block read (when any).</param>
/// <param name="ToBlock">Last block applied.</param>
/// <param name="Events">Events applied.</param>
/// <param name="CaughtUp">True when nothing newer was there to read.</param>
public sealed record IndexStep(ulong FromBlock, ulong ToBlock, int Events, bool CaughtUp);

/// <summary>
/// Follows every registry event (all members) from a stored cursor into the read model. Each step reads a block
/// range, applies its events and moves the cursor in ONE database transaction, and every event is recorded under its
/// (block, log index) key: after a crash the step is redone from the cursor, and no event is ever applied twice.
/// </summary>
public sealed class ChainIndexer
{
    private readonly NodeDatabase _database;
    private readonly EthClient _client;
    private readonly RegistryEventDecoder _decoder;
    private readonly HashSet<Address> _registries;
    private readonly ulong _startBlock;
    private readonly IndexerOptions _options;
    private readonly ILogger<ChainIndexer> _logger;
    private readonly TimeProvider _time;

    /// <summary>An indexer of <paramref name="registries"/> from <paramref name="startBlock"/> into <paramref name="database"/>.</summary>
    public ChainIndexer(NodeDatabase database, EthClient client, RegistryAddresses registries, ulong startBlock,
        IndexerOptions options, ILogger<ChainIndexer> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registries);
        _database = database;
        _client = client;
        _decoder = new RegistryEventDecoder(registries);
        _registries = [registries.Members, registries.Credentials, registries.Mras, registries.Origins];
        _startBlock = startBlock;
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <summary>The last applied block (null before the first step).</summary>
    public ulong? IndexedBlock => ReadCursor()?.Block;

    /// <summary>Reads, applies and commits the next range (at most <see cref="IndexerOptions.MaxBlockRange"/> blocks).</summary>
    /// <exception cref="ChainReorganizedException">The cursor's block changed on chain; nothing was applied.</exception>
    public async Task<IndexStep> StepAsync(CancellationToken ct)
    {
        var cursor = ReadCursor();
        var head = await _client.BlockNumberAsync(ct).ConfigureAwait(false);
        if (head < (ulong)_options.Confirmations)
            return new IndexStep(0, cursor?.Block ?? 0, 0, true);
        var safeHead = head - (ulong)_options.Confirmations;
        if (cursor is { } c)
        {
            // A chain that went back below the cursor (a node reset, a deep reorg) no longer has the cursor's block:
            // that is a reorganization too, not a transient error to retry forever.
            var current = await ChainBlocks.HashAtAsync(_client, c.Block, head, ct).ConfigureAwait(false);
            if (current != c.Hash)
            {
                IndexingLog.Reorganized(_logger, c.Block, c.Hash, current ?? Hash32.Zero);
                throw new ChainReorganizedException(c.Block);
            }
        }
        var from = cursor is { } done ? done.Block + 1 : _startBlock;
        if (from > safeHead)
            return new IndexStep(from, cursor?.Block ?? 0, 0, true);
        var to = Math.Min(safeHead, from + (ulong)_options.MaxBlockRange - 1);

        var logs = await _client.GetLogsAsync(_decoder.CreateFilter(from, to), (ulong)_options.MaxBlockRange, ct).ConfigureAwait(false);
        var last = await _client.GetBlockByNumberAsync(to, ct).ConfigureAwait(false);
        var applied = 0;
        using (var connection = _database.Open())
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            var stored = ReadCursor(connection, transaction);
            if (stored?.Block != cursor?.Block)
                return new IndexStep(from, stored?.Block ?? 0, 0, false); // another indexer moved it meanwhile
            foreach (var log in logs.Where(l => !l.Removed).OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
            {
                if (!_registries.Contains(log.Address))
                    continue;
                if (_decoder.TryDecode(log, out var e))
                {
                    if (Record(connection, transaction, e.Position, e.Contract, e.GetType().Name))
                    {
                        ReadModelProjection.Apply(connection, transaction, e);
                        applied++;
                    }
                }
                else
                {
                    IndexingLog.UnknownLog(_logger, log.Address, log.BlockNumber ?? 0, log.LogIndex ?? 0);
                    Record(connection, transaction, new LogPosition(log.BlockNumber ?? 0, log.TransactionHash ?? Hash32.Zero, log.LogIndex ?? 0), log.Address, "Unknown");
                }
            }
            CertificateStore.Run(connection, transaction,
                "INSERT INTO indexer_cursor (id, block_number, block_hash) VALUES (1, $b, $h) ON CONFLICT (id) DO UPDATE SET block_number = $b, block_hash = $h",
                ("$b", (long)to), ("$h", last.Hash.ToArray()));
            transaction.Commit();
        }
        IndexingLog.Indexed(_logger, from, to, applied);
        return new IndexStep(from, to, applied, to == safeHead);
    }

    /// <summary>Steps until cancelled; waits <see cref="IndexerOptions.PollInterval"/> when caught up, backs off while the chain is away.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var step = await StepAsync(ct).ConfigureAwait(false);
                delay = TimeSpan.FromMilliseconds(200);
                if (step.CaughtUp)
                    await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (ChainReorganizedException)
            {
                return; // logged; a rebuild is an operator's decision
            }
            catch (Exception e) when (Anchoring.ChainSubmitter.IsUnreachable(e))
            {
                IndexingLog.Unreachable(_logger, e.Message, delay);
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
#pragma warning disable CA1031 // The indexer outlives any one failure.
            catch (Exception e)
#pragma warning restore CA1031
            {
                IndexingLog.StepFailed(_logger, e, delay);
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    // False when this log was already recorded (then it was applied too: same transaction).
    private static bool Record(SqliteConnection connection, SqliteTransaction transaction, LogPosition position, Address contract, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO chain_events (block_number, log_index, tx_hash, contract, name) VALUES ($b, $i, $t, $c, $n)
            ON CONFLICT DO NOTHING
            """;
        command.Parameters.AddWithValue("$b", (long)position.BlockNumber);
        command.Parameters.AddWithValue("$i", (long)position.LogIndex);
        command.Parameters.AddWithValue("$t", position.TransactionHash.ToArray());
        command.Parameters.AddWithValue("$c", contract.ToString());
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteNonQuery() == 1;
    }

    private (ulong Block, Hash32 Hash)? ReadCursor()
    {
        using var connection = _database.Open();
        return ReadCursor(connection, null);
    }

    private static (ulong Block, Hash32 Hash)? ReadCursor(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT block_number, block_hash FROM indexer_cursor WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? ((ulong)reader.GetInt64(0), new Hash32((byte[])reader[1])) : null;
    }
}

/// <summary>Runs the <see cref="ChainIndexer"/> in the node host.</summary>
public sealed class ChainIndexerService(ChainIndexer indexer) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => indexer.RunAsync(stoppingToken);
}
