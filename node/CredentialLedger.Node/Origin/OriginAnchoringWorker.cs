using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Ledger;
using CredentialLedger.Node.Store;
using ChainChamberStatus = CredentialLedger.Contracts.ChamberStatus;

namespace CredentialLedger.Node.Origin;

/// <summary>
/// The AEO anchoring pipeline's twin for certificates of origin: it moves the origin outbox to the chain in Merkle
/// batches PER CHAMBER, each anchored by <c>OriginRegistry.anchor</c> sent from that chamber's own account (the
/// registry takes a chamber's roots from no one else), and sends revocations the same way. The guarantees are the
/// AEO worker's, by the same means: the batch and the SIGNED transaction that carries it are stored in one database
/// transaction before anything is broadcast; after a restart the stored bytes are sent again before anything new
/// (same hash, same nonce: mined once at most); the registry refuses a root twice, and a root found anchored already
/// is recorded rather than sent again. Chamber accounts have their own nonces, so this worker runs beside the
/// operator account's and neither waits for the other.
/// <para>
/// A chamber that is not authorized on chain (suspended, withdrawn, or its member removed) cannot anchor: the node
/// refuses its issuance at once, and certificates accepted just before the change are marked refused (never
/// anchored) when their batch is due, whether the worker sees the change first or the registry reverts with
/// <c>OriginRegistryChamberNotAuthorized</c>. Its revocations wait for a reinstatement, and are given up once it is
/// withdrawn.
/// </para>
/// </summary>
public sealed class OriginAnchoringWorker : OutboxWorker
{
    private const string ChamberNotAuthorized = "OriginRegistryChamberNotAuthorized";

    private readonly NodeDatabase _database;
    private readonly StoreWriter _writer;
    private readonly ChamberKeyRing _ring;
    private readonly ChamberStore _chambers;
    private readonly ChamberFunding _funding;
    private readonly LedgerFollower _ledger;
    private readonly MemberRegistryClient _members;
    private readonly Address _originRegistry;
    private readonly AnchoringOptions _options;
    private readonly ILogger<OriginAnchoringWorker> _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (long Until, TimeSpan Delay)> _backoff = new(StringComparer.Ordinal);

    internal OriginAnchoringWorker(NodeDatabase database, StoreWriter writer, ChamberKeyRing ring, ChamberStore chambers, ChamberFunding funding,
        LedgerFollower ledger, EthClient eth, RegistryAddresses registries, AnchoringOptions options, ILogger<OriginAnchoringWorker> logger,
        TimeProvider time)
        : base(writer, options, time)
    {
        _database = database;
        _writer = writer;
        _ring = ring;
        _chambers = chambers;
        _funding = funding;
        _ledger = ledger;
        _members = new MemberRegistryClient(registries.Members, eth);
        _originRegistry = registries.Origins;
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <inheritdoc />
    private protected override bool LogKnownFailure(Exception e, TimeSpan retryDelay)
    {
        if (!ChainSubmitter.IsUnreachable(e))
            return false;
        AnchoringLog.ChainUnreachable(_logger, e.Message, retryDelay);
        return true;
    }

    /// <inheritdoc />
    private protected override void LogStepFailed(Exception e, TimeSpan retryDelay) => OriginLog.StepFailed(_logger, e, retryDelay);

    /// <summary>Sends what is due: one chamber's batch, else one group of revocations. Returns how long to wait (null: step again now).</summary>
    internal override async Task<TimeSpan?> StepAsync(CancellationToken ct)
    {
        TimeSpan? wait = TimeSpan.FromSeconds(1);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var pending in OriginOutbox.PendingChambers(_database))
        {
            if (InBackoff(pending.Chamber, ref wait))
                continue;
            var age = TimeSpan.FromMilliseconds(now - pending.OldestEnqueuedAt);
            if (pending.Count >= _options.MaxBatchSize || age >= _options.MaxBatchDelay)
            {
                await AnchorAsync(pending.Chamber, ct).ConfigureAwait(false);
                return null;
            }
            wait = Min(wait, _options.MaxBatchDelay - age);
        }

        var ready = OriginOutbox.ReadyRevocations(_database, _options.MaxChangesPerTransaction * 4);
        foreach (var first in ready)
        {
            if (InBackoff(first.Chamber, ref wait))
                continue;
            await RevokeAsync(first, ready, ct).ConfigureAwait(false);
            return null;
        }
        return wait;
    }

    private protected override async Task ResumeAsync(CancellationToken ct)
    {
        var unconfirmed = OriginOutbox.Unconfirmed(_database);
        if (unconfirmed.Count == 0)
            return;
        OriginLog.Resuming(_logger, unconfirmed.Count);
        foreach (var stored in unconfirmed)
        {
            if (_ring.Get(stored.Chamber) is { } signer)
                await DriveAsync(signer, stored, ct).ConfigureAwait(false);
            else
                OriginLog.NoKeys(_logger, stored.Chamber);
        }
    }

    private async Task AnchorAsync(string chamber, CancellationToken ct)
    {
        if (await ReadySignerAsync(chamber, "anchoring", ct).ConfigureAwait(false) is not { } signer)
            return;
        var issues = OriginOutbox.PendingOf(_database, chamber, _options.MaxBatchSize);
        if (issues.Count == 0)
            return;
        var leaves = new Hash32[issues.Count];
        for (var i = 0; i < issues.Count; i++)
            leaves[i] = MerkleLeaf.Compute(MerkleLeaf.CertificateOfOriginTag, (uint)i, issues[i].DocumentHash);
        var tree = MerkleTree.Build(leaves);

        SignedTransactionBytes signed;
        try
        {
            signed = await SignAsync(signer, OriginRegistryCalls.Anchor(tree.Root, (uint)issues.Count), ct).ConfigureAwait(false);
        }
        catch (ContractRevertedException e) when (ErrorName(e) == ChamberNotAuthorized)
        {
            await RefuseAsync(chamber, "the registry refused its anchoring: the chamber is no longer authorized", ct).ConfigureAwait(false);
            return;
        }
        catch (ContractRevertedException e) when (ErrorName(e) == "OriginRegistryRootExists")
        {
            await ReconcileAsync(signer, tree, issues, ct).ConfigureAwait(false);
            return;
        }
        catch (ContractRevertedException e)
        {
            Defer(chamber, "anchoring", e.Message);
            return;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = await _writer.ExecuteAsync((connection, transaction) =>
        {
            var txId = OriginOutbox.Insert(connection, transaction, chamber, signer.Account, "origin-anchor", signed.Nonce, signed.Hash, signed.Raw, now);
            OriginOutbox.AddBatch(connection, transaction, chamber, tree, issues, txId, now);
            return new StoredOriginTransaction(txId, chamber, signer.Account, "origin-anchor", signed.Nonce, signed.Hash, signed.Raw);
        }, ct).ConfigureAwait(false);
        OriginLog.BatchSent(_logger, issues.Count, chamber, tree.Root, stored.Nonce, stored.Hash);
        await DriveAsync(signer, stored, ct).ConfigureAwait(false);
    }

    private async Task RevokeAsync(ReadyRevocation first, IReadOnlyList<ReadyRevocation> ready, CancellationToken ct)
    {
        // One transaction revokes certificates of one batch with one reason and effective time (revokeMany).
        var group = ready
            .Where(r => r.Chamber == first.Chamber && r.Root == first.Root && r.Reason == first.Reason && r.EffectiveAt == first.EffectiveAt)
            .Take(_options.MaxChangesPerTransaction)
            .ToList();
        if (await ReadySignerAsync(first.Chamber, "revocation", ct).ConfigureAwait(false) is not { } signer)
            return;
        var indices = group.Select(r => r.Index).Order().ToList();
        SignedTransactionBytes signed;
        try
        {
            signed = await SignAsync(signer, OriginRegistryCalls.RevokeMany(first.Root, indices, checked((byte)first.Reason), (ulong)first.EffectiveAt), ct)
                .ConfigureAwait(false);
        }
        catch (ContractRevertedException e) when (ErrorName(e) == "OriginRegistryAlreadyRevoked")
        {
            // Revoked on chain already (an earlier transaction this node lost track of): nothing more to send. The
            // certificate's view reads the revocation from the ledger history.
            await _writer.ExecuteAsync((c, t) => OriginOutbox.Abandon(c, t, group.Select(r => r.OutboxSequence), "revoked on chain already"), ct)
                .ConfigureAwait(false);
            return;
        }
        catch (ContractRevertedException e)
        {
            Defer(first.Chamber, "revocation", e.Message);
            return;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = await _writer.ExecuteAsync((connection, transaction) =>
        {
            var txId = OriginOutbox.Insert(connection, transaction, first.Chamber, signer.Account, "origin-revoke", signed.Nonce, signed.Hash, signed.Raw, now);
            OriginOutbox.Carry(connection, transaction, group.Select(r => r.OutboxSequence), txId);
            return new StoredOriginTransaction(txId, first.Chamber, signer.Account, "origin-revoke", signed.Nonce, signed.Hash, signed.Raw);
        }, ct).ConfigureAwait(false);
        OriginLog.RevocationsSent(_logger, group.Count, first.Chamber, first.Root, stored.Nonce, stored.Hash);
        await DriveAsync(signer, stored, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The chamber's signer when it may send now: it has keys, and the registry says it is authorized (read at the
    /// latest block, so the ledger history's lag never refuses a reinstated chamber). Otherwise its waiting
    /// issuances are refused (they could never be anchored), and its revocations wait, or are given up once it is
    /// withdrawn.
    /// </summary>
    private async Task<ChamberSigner?> ReadySignerAsync(string chamber, string purpose, CancellationToken ct)
    {
        if (_ring.Get(chamber) is not { } signer)
        {
            OriginLog.NoKeys(_logger, chamber);
            Defer(chamber, purpose, "no keys", log: false);
            return null;
        }
        var membership = await _members.ChamberOfAsync(signer.Account, ct).ConfigureAwait(false);
        if (membership is { Authorized: true })
        {
            try
            {
                await _funding.EnsureAsync(signer.Account, 0.2m, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ContractRevertedException or InvalidOperationException or JsonRpcException)
            {
                OriginLog.FundingFailed(_logger, chamber, e.Message);
            }
            return signer;
        }
        var onChain = await _members.GetChamberAsync(ChamberId.FromAscii(chamber), ct).ConfigureAwait(false);
        var status = onChain is null ? "unknown" : ChamberRegistrar.Status(onChain.Status);
        await RefuseAsync(chamber, $"its chamber was {status} on chain before its batch was anchored", ct).ConfigureAwait(false);
        if (onChain is { Status: ChainChamberStatus.Withdrawn } || membership is null)
        {
            var revocations = OriginOutbox.ReadyRevocations(_database, int.MaxValue).Where(r => r.Chamber == chamber).Select(r => r.OutboxSequence).ToList();
            var abandoned = await _writer.ExecuteAsync((c, t) => OriginOutbox.Abandon(c, t, revocations,
                $"chamber {chamber} is {status}: the registry takes no revocations from it"), ct).ConfigureAwait(false);
            if (abandoned > 0)
                OriginLog.RevocationsAbandoned(_logger, chamber, abandoned);
        }
        else
            Defer(chamber, purpose, $"chamber {status}", log: false);
        return null;
    }

    private async Task RefuseAsync(string chamber, string refusal, CancellationToken ct)
    {
        var refused = await _writer.ExecuteAsync((c, t) => OriginOutbox.RefusePending(c, t, chamber, refusal), ct).ConfigureAwait(false);
        if (refused > 0)
            OriginLog.Refused(_logger, chamber, refusal, refused);
        // Keep the node's record in step, so that issuance is refused at once too.
        if (_chambers.Get(chamber) is { State: ChamberState.Active } served)
        {
            var onChain = await _members.GetChamberAsync(ChamberId.FromAscii(chamber), ct).ConfigureAwait(false);
            if (onChain is { Status: ChainChamberStatus.Suspended or ChainChamberStatus.Withdrawn })
                await _chambers.SetStateAsync(served.Id, onChain.Status == ChainChamberStatus.Suspended ? ChamberState.Suspended : ChamberState.Withdrawn,
                    served.Reason, 0, ct).ConfigureAwait(false);
        }
        _ledger.Poke();
    }

    private async Task ReconcileAsync(ChamberSigner signer, MerkleTree tree, IReadOnlyList<PendingOrigin> issues, CancellationToken ct)
    {
        await _ledger.SyncOnceAsync(ct).ConfigureAwait(false);
        var batch = _ledger.Current.History.GetOriginBatch(tree.Root);
        if (batch is null || batch.Chamber.ToString() != signer.ChamberId || batch.Size != issues.Count)
        {
            Defer(signer.ChamberId, "anchoring", $"root {tree.Root} exists on chain but not as this batch");
            return;
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _writer.ExecuteAsync((connection, transaction) =>
        {
            var hash = batch.Anchored.TransactionHash;
            using var find = connection.CreateCommand();
            find.Transaction = transaction;
            find.CommandText = "SELECT id FROM origin_transactions WHERE hash = $h";
            find.Parameters.AddWithValue("$h", hash.ToArray());
            long txId;
            if (find.ExecuteScalar() is long existing)
            {
                txId = existing;
                CertificateStore.Run(connection, transaction, "UPDATE origin_transactions SET state = 0, error = NULL WHERE id = $id", ("$id", txId));
            }
            else
            {
                // Not a transaction this node recorded: its nonce is unknown, and stored below zero so it never counts
                // in the account's next nonce.
                using var count = connection.CreateCommand();
                count.Transaction = transaction;
                count.CommandText = "SELECT count(*) FROM origin_transactions";
                var placeholder = -1 - (long)count.ExecuteScalar()!;
                txId = OriginOutbox.Insert(connection, transaction, signer.ChamberId, signer.Account, "origin-anchor", unchecked((ulong)placeholder), hash, [], now);
            }
            OriginOutbox.AddBatch(connection, transaction, signer.ChamberId, tree, issues, txId, now);
            OriginOutbox.MarkConfirmed(connection, transaction, txId, batch.Anchored.BlockNumber, batch.AnchoredAt, now);
            return txId;
        }, ct).ConfigureAwait(false);
        OriginLog.Reconciled(_logger, tree.Root, signer.ChamberId, batch.Anchored.BlockNumber);
    }

    private async Task DriveAsync(ChamberSigner signer, StoredOriginTransaction stored, CancellationToken ct)
    {
        var result = await signer.Submitter.DriveAsync(stored.ForSubmitter(), ct).ConfigureAwait(false);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _writer.ExecuteAsync((connection, transaction) =>
        {
            if (result.Outcome == SubmissionOutcome.Confirmed)
                OriginOutbox.MarkConfirmed(connection, transaction, stored.Id, result.BlockNumber, result.BlockTime, now);
            else
                // Reverted (the chamber was suspended between the estimate and the block, say) or replaced: the work
                // goes back to the outbox, and the next step sees why (a refused chamber's issuances are refused then).
                OriginOutbox.MarkFailedAndRequeue(connection, transaction, stored.Id, result.Error!);
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        if (result.Outcome == SubmissionOutcome.Confirmed)
        {
            OriginLog.Confirmed(_logger, stored.Hash, stored.Purpose, stored.Chamber, result.BlockNumber);
            _ledger.Poke();
        }
        else
            OriginLog.FailedOnChain(_logger, stored.Hash, stored.Purpose, stored.Chamber, result.Error!);
    }

    private async Task<SignedTransactionBytes> SignAsync(ChamberSigner signer, byte[] data, CancellationToken ct)
    {
        var signed = await signer.Submitter.SignAsync(_originRegistry, data, OriginOutbox.NextLocalNonce(_database, signer.Account), ct).ConfigureAwait(false);
        _backoff.Remove(signer.ChamberId);
        return new SignedTransactionBytes(signed.Transaction.Nonce, signed.Hash, signed.Encode());
    }

    private void Defer(string chamber, string purpose, string reason, bool log = true)
    {
        var delay = _backoff.TryGetValue(chamber, out var previous) ? Grow(previous.Delay) : TimeSpan.FromMilliseconds(200);
        _backoff[chamber] = (_time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency), delay);
        if (log)
            OriginLog.Deferred(_logger, chamber, purpose, reason, delay);
    }

    private bool InBackoff(string chamber, ref TimeSpan? wait)
    {
        if (!_backoff.TryGetValue(chamber, out var entry))
            return false;
        var left = entry.Until - _time.GetTimestamp();
        if (left <= 0)
            return false;
        wait = Min(wait, TimeSpan.FromSeconds((double)left / _time.TimestampFrequency));
        return true;
    }

    private static TimeSpan? Min(TimeSpan? a, TimeSpan b) => a is { } x && x < b ? x : b;

    private static string? ErrorName(ContractRevertedException e) => e.Reason is { Kind: RevertKind.CustomError, Error: { } error } ? error.Name : null;

    private sealed record SignedTransactionBytes(ulong Nonce, Hash32 Hash, byte[] Raw);
}
