using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Indexing;
using CredentialLedger.Sdk.Exchange;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Node.Ledger;

/// <summary>
/// Keeps an in-memory <see cref="LedgerHistory"/> of every member's registry events in step with the chain (the SDK's
/// direct-chain backend, hosted in the node): what verification and the partner exchange answer from. It polls, and
/// syncs at once when <see cref="Poke"/>d (a partner's status stream announced a change). A reorganization rebuilds
/// the history from the deployment block, then swaps it in whole; until the first sync it is empty.
/// </summary>
public sealed class LedgerFollower : BackgroundService
{
    private readonly EthClient _client;
    private readonly RegistryNetwork _network;
    private readonly MemberCode _self;
    private readonly IndexerOptions _options;
    private readonly ILogger<LedgerFollower> _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _poke = new(0, 1);
    private readonly SemaphoreSlim _syncing = new(1, 1);
    private readonly TaskCompletionSource _firstSync = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LedgerEventStore? _store;
    private volatile LedgerView _view;
    private LedgerSync _sync;

    /// <summary>
    /// A follower of <paramref name="network"/>'s registries for member <paramref name="self"/>. With
    /// <paramref name="storePath"/>, the applied logs are kept in that file and replayed at start, so the node answers
    /// from where it was at once, even with the chain unreachable, and syncs on from there.
    /// </summary>
    public LedgerFollower(EthClient client, RegistryNetwork network, MemberCode self, IndexerOptions options,
        ILogger<LedgerFollower> logger, TimeProvider time, string? storePath = null)
    {
        _client = client;
        _network = network;
        _self = self;
        _options = options;
        _logger = logger;
        _time = time;
        _store = storePath is null ? null : new LedgerEventStore(storePath, network.Registries);
        (_view, _sync) = NewView();
        if (_store is not null)
        {
            try
            {
                var loaded = _store.Load(_view.History);
                if (loaded > 0)
                    LedgerLog.Loaded(_logger, loaded, _view.History.Freshness?.Block ?? 0, _store.Path);
            }
            catch (InvalidDataException e)
            {
                // A damaged file is not worth refusing to start for: the chain has everything in it.
                LedgerLog.StoreDamaged(_logger, e.Message);
                _store.Reset();
                (_view, _sync) = NewView();
            }
        }
    }

    /// <summary>The current history and what answers from it.</summary>
    public LedgerView Current => _view;

    /// <summary>Completes once the history has caught up with the chain the first time.</summary>
    public Task FirstSync => _firstSync.Task;

    /// <summary>Asks for a sync now rather than at the next poll.</summary>
    public void Poke()
    {
        if (_poke.CurrentCount == 0)
        {
            try
            {
                _poke.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already poked: one sync serves both.
            }
        }
    }

    /// <summary>Syncs once now (tests, and callers that need the latest block applied before answering).</summary>
    /// <exception cref="ChainReorganizedException">The chain changed under the history (the loop rebuilds it).</exception>
    public async Task<long> SyncOnceAsync(CancellationToken cancellationToken)
    {
        // One sync at a time: two would fetch the same ranges twice (harmless, as the history ignores what it has).
        await _syncing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _sync.SyncAsync(null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _syncing.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await SyncOnceAsync(stoppingToken).ConfigureAwait(false);
                if (applied > 0)
                    LedgerLog.Synced(_logger, _view.History.Freshness?.Block ?? 0, _view.History.EventCount);
                _firstSync.TrySetResult();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ChainReorganizedException e)
            {
                LedgerLog.Rebuilding(_logger, e.Block);
                // Under the sync gate: no other sync may append the old chain's logs to the file being restarted.
                await _syncing.WaitAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    _store?.Reset();
                    var (view, sync) = NewView();
                    _sync = sync;
                    _view = view;
                    await sync.SyncAsync(null, stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    _syncing.Release();
                }
            }
            catch (Exception e) when (ChainBlocks.IsTransient(e))
            {
                LedgerLog.Unreachable(_logger, e.Message, _view.History.Freshness?.Block ?? 0);
            }
#pragma warning disable CA1031 // The follower must outlive any one failure; it logs and retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LedgerLog.Failed(_logger, e);
            }
            try
            {
                await _poke.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private (LedgerView, LedgerSync) NewView()
    {
        var history = new LedgerHistory();
        var sync = new LedgerSync(_client, _network.Registries, _network.DeploymentBlock, history,
            new LedgerSyncOptions { Confirmations = _options.Confirmations, MaxBlockRange = _options.MaxBlockRange }, _time, _store);
        var verifier = new AeoVerifier(history, new LedgerStatusReference(_network.ChainId, _network.Registries.Credentials));
        return (new LedgerView(history, verifier, new ExchangeTokenValidator(history, _self, _time)), sync);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _poke.Dispose();
        _syncing.Dispose();
        base.Dispose();
    }
}
