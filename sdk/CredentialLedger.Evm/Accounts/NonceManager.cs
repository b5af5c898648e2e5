using CredentialLedger.Evm.Rpc;

namespace CredentialLedger.Evm.Accounts;

/// <summary>
/// Hands out nonces for one account to concurrent senders. The pending nonce is fetched from the node once; later
/// nonces are allocated locally under a <see cref="SemaphoreSlim"/>, so no two callers get the same one. After a
/// nonce conflict ("nonce too low", "already known", "replacement transaction underpriced") or a failed send, call
/// <see cref="Resync"/> and the next allocation asks the node again. Thread-safe.
/// </summary>
public sealed class NonceManager : IDisposable
{
    private readonly EthClient _client;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ulong? _next;
    private int _resyncRequested;

    /// <summary>Creates a manager for <paramref name="account"/>.</summary>
    public NonceManager(EthClient client, Address account)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        Account = account;
    }

    /// <summary>The account whose nonces are managed.</summary>
    public Address Account { get; }

    /// <summary>Allocates the next nonce (fetching the pending count from the node when not yet known).</summary>
    public async Task<ulong> NextAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _resyncRequested, 0) == 1)
                _next = null;
            var next = _next ?? await _client.GetTransactionCountAsync(Account, BlockParameter.Pending, cancellationToken)
                .ConfigureAwait(false);
            _next = next + 1;
            return next;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Forgets the local count; the next <see cref="NextAsync"/> fetches the pending nonce again. Does not block.
    /// </summary>
    public void Resync() => Interlocked.Exchange(ref _resyncRequested, 1);

    /// <summary>True when <paramref name="exception"/> says the node's nonce view differs from ours.</summary>
    public static bool IsNonceConflict(Exception exception) => exception is JsonRpcException { IsNonceConflict: true };

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
