using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Node.Store;

namespace CredentialLedger.Node.Anchoring;

/// <summary>
/// Moves the outbox to the chain, one transaction at a time, so that a crash at any point anchors every accepted
/// certificate exactly once:
/// <list type="number">
/// <item>the batch (or status changes) and the SIGNED transaction that carries it are stored in one database
/// transaction, and the outbox rows leave the outbox in it;</item>
/// <item>then the bytes are broadcast and the receipt awaited; the confirmation is stored.</item>
/// </list>
/// After a restart, stored but unconfirmed transactions are broadcast again before anything new: the same bytes
/// have the same hash and nonce, so each can be mined once at most, and CredentialRegistry refuses a root twice.
/// When the chain is down, requests keep being accepted; the worker retries and catches up when it returns.
/// </summary>
public sealed class AnchoringWorker : OutboxWorker
{
    private readonly NodeDatabase _database;
    private readonly StoreWriter _writer;
    private readonly OutboxReader _outbox;
    private readonly ChainSubmitter _submitter;
    private readonly Address _credentialRegistry;
    private readonly AnchoringOptions _options;
    private readonly ILogger<AnchoringWorker> _logger;
    private readonly TimeProvider _time;
    private readonly System.Threading.Channels.Channel<ChainJob> _jobs =
        System.Threading.Channels.Channel.CreateUnbounded<ChainJob>(new() { SingleReader = true });

    internal AnchoringWorker(
        NodeDatabase database, StoreWriter writer, ChainSubmitter submitter, Address credentialRegistry,
        AnchoringOptions options, ILogger<AnchoringWorker> logger, TimeProvider time)
        : base(writer, options, time)
    {
        _database = database;
        _writer = writer;
        _outbox = new OutboxReader(database);
        _submitter = submitter;
        _credentialRegistry = credentialRegistry;
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <summary>Work waiting for the chain (outbox rows not yet in a transaction).</summary>
    public int PendingCount => _outbox.PendingCount();

    /// <summary>
    /// Sends another call from the operator account (e.g. registering a signing key) through the same one-at-a-time
    /// sequence as the batches, so the account's nonces never collide. Completes when the transaction is confirmed.
    /// </summary>
    /// <returns>The confirmed transaction's hash and block.</returns>
    /// <exception cref="InvalidOperationException">The chain reverted or dropped the transaction.</exception>
    public Task<(Hash32 TransactionHash, ulong BlockNumber)> SubmitAsync(Address to, byte[] data, string purpose, CancellationToken ct) =>
        SubmitAsync(to, data, default, purpose, ct);

    /// <summary>As <see cref="SubmitAsync(Address, byte[], string, CancellationToken)"/>, transferring <paramref name="value"/> wei too.</summary>
    public Task<(Hash32 TransactionHash, ulong BlockNumber)> SubmitAsync(
        Address to, byte[] data, System.Numerics.BigInteger value, string purpose, CancellationToken ct)
    {
        var job = new ChainJob(to, data, value, purpose);
        if (!_jobs.Writer.TryWrite(job))
            throw new InvalidOperationException("The anchoring worker has stopped.");
        Wake();
        return job.Completion.Task.WaitAsync(ct);
    }

    /// <inheritdoc />
    private protected override bool LogKnownFailure(Exception e, TimeSpan retryDelay)
    {
        if (ChainSubmitter.IsUnreachable(e))
            AnchoringLog.ChainUnreachable(_logger, e.Message, retryDelay);
        else if (e is ContractRevertedException)
            // eth_estimateGas says the call would revert (e.g. an effective time still ahead of the chain's clock,
            // or this account is not an operator yet): nothing was signed or stored; try again later.
            AnchoringLog.Refused(_logger, "the next transaction", e.Message, retryDelay);
        else
            return false;
        return true;
    }

    /// <inheritdoc />
    private protected override void LogStepFailed(Exception e, TimeSpan retryDelay) => AnchoringLog.StepFailed(_logger, e, retryDelay);

    /// <summary>
    /// Sends what is due: a batch when <see cref="AnchoringOptions.MaxBatchSize"/> certificates wait or the oldest
    /// has waited <see cref="AnchoringOptions.MaxBatchDelay"/>, else ready status changes. Returns how long to wait
    /// before the next step (null: step again now).
    /// </summary>
    internal override async Task<TimeSpan?> StepAsync(CancellationToken ct)
    {
        if (_jobs.Reader.TryRead(out var job))
        {
            await RunJobAsync(job, ct).ConfigureAwait(false);
            return null;
        }

        var issues = _outbox.PendingIssues(_options.MaxBatchSize);
        TimeSpan? wait = TimeSpan.FromSeconds(1);
        if (issues.Count > 0)
        {
            var age = TimeSpan.FromMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds() - issues[0].EnqueuedAt);
            if (issues.Count >= _options.MaxBatchSize || age >= _options.MaxBatchDelay)
            {
                await AnchorBatchAsync(issues, ct).ConfigureAwait(false);
                return null;
            }
            wait = _options.MaxBatchDelay - age;
        }

        var changes = _outbox.ReadyChanges(_options.MaxChangesPerTransaction * 4);
        if (changes.Count > 0)
        {
            await SendChangesAsync(changes, ct).ConfigureAwait(false);
            return null;
        }
        return wait;
    }

    private protected override async Task ResumeAsync(CancellationToken ct)
    {
        var unconfirmed = ChainTransactionLedger.Unconfirmed(_database);
        if (unconfirmed.Count == 0)
            return;
        AnchoringLog.Resuming(_logger, unconfirmed.Count);
        foreach (var stored in unconfirmed)
            await DriveAsync(stored, ct).ConfigureAwait(false);
    }

    private async Task AnchorBatchAsync(IReadOnlyList<PendingIssue> issues, CancellationToken ct)
    {
        var leaves = new Hash32[issues.Count];
        for (var i = 0; i < issues.Count; i++)
            leaves[i] = MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, (uint)i, issues[i].DocumentHash);
        var tree = MerkleTree.Build(leaves);
        var signed = await _submitter.SignAsync(_credentialRegistry, CredentialRegistryCalls.Anchor(tree.Root, (uint)issues.Count),
            ChainTransactionLedger.NextLocalNonce(_database), ct).ConfigureAwait(false);
        var raw = signed.Encode();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();

        var stored = await _writer.ExecuteAsync((connection, transaction) =>
        {
            var txId = ChainTransactionLedger.Insert(connection, transaction, "anchor", signed.Transaction.Nonce, signed.Hash, raw, now);
            using var batch = connection.CreateCommand();
            batch.Transaction = transaction;
            batch.CommandText = "INSERT INTO batches (root, size, created_at, chain_tx_id) VALUES ($r, $s, $t, $tx) RETURNING id";
            batch.Parameters.AddWithValue("$r", tree.Root.ToArray());
            batch.Parameters.AddWithValue("$s", issues.Count);
            batch.Parameters.AddWithValue("$t", now);
            batch.Parameters.AddWithValue("$tx", txId);
            var batchId = (long)batch.ExecuteScalar()!;

            using var credential = connection.CreateCommand();
            credential.Transaction = transaction;
            credential.CommandText = "UPDATE credentials SET batch_id = $b, leaf_index = $i, proof = $p WHERE id = $id AND batch_id IS NULL";
            var pB = credential.Parameters.Add("$b", Microsoft.Data.Sqlite.SqliteType.Integer);
            var pI = credential.Parameters.Add("$i", Microsoft.Data.Sqlite.SqliteType.Integer);
            var pP = credential.Parameters.Add("$p", Microsoft.Data.Sqlite.SqliteType.Blob);
            var pId = credential.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
            using var change = connection.CreateCommand();
            change.Transaction = transaction;
            change.CommandText = "UPDATE status_changes SET chain_tx_id = $tx WHERE seq = $seq; UPDATE outbox SET done = 1 WHERE change_seq = $seq AND done = 0";
            change.Parameters.AddWithValue("$tx", txId);
            var pSeq = change.Parameters.Add("$seq", Microsoft.Data.Sqlite.SqliteType.Integer);
            for (var i = 0; i < issues.Count; i++)
            {
                pB.Value = batchId;
                pI.Value = i;
                pP.Value = ProofColumn.ToBytes(tree.GetProof(i));
                pId.Value = issues[i].CertificateId;
                if (credential.ExecuteNonQuery() != 1)
                    throw new InvalidOperationException($"Certificate {issues[i].CertificateId} is already in a batch.");
                pSeq.Value = issues[i].ChangeSequence;
                change.ExecuteNonQuery();
            }
            return new StoredTransaction(txId, "anchor", signed.Transaction.Nonce, signed.Hash, raw, now);
        }, ct).ConfigureAwait(false);

        AnchoringLog.BatchSent(_logger, issues.Count, tree.Root, stored.Nonce, stored.Hash);
        await DriveAsync(stored, ct).ConfigureAwait(false);
    }

    private async Task SendChangesAsync(IReadOnlyList<ReadyChange> ready, CancellationToken ct)
    {
        // One transaction carries changes of one kind, batch, reason and effective time (and, for supersede, one
        // replacement batch): the registry's *Many calls. The oldest ready change picks the group.
        var first = ready[0];
        var group = ready
            .Where(c => c.Kind == first.Kind && c.Root == first.Root && c.Reason == first.Reason && c.EffectiveAt == first.EffectiveAt
                && c.NewRoot == first.NewRoot)
            .Take(_options.MaxChangesPerTransaction)
            .OrderBy(c => c.Index)
            .ToList();
        var indices = group.Select(c => c.Index).ToList();
        var reason = checked((byte)first.Reason);
        var effective = (ulong)first.EffectiveAt;
        var data = first.Kind switch
        {
            ChangeKind.Suspend => CredentialRegistryCalls.SuspendMany(first.Root, indices, reason, effective),
            ChangeKind.Reinstate => CredentialRegistryCalls.ReinstateMany(first.Root, indices, reason, effective),
            ChangeKind.Revoke => CredentialRegistryCalls.RevokeMany(first.Root, indices, reason, effective),
            ChangeKind.Supersede => CredentialRegistryCalls.SupersedeMany(first.Root, indices, first.NewRoot!.Value,
                [.. group.Select(c => c.NewIndex!.Value)], reason, effective),
            _ => throw new InvalidOperationException($"Unexpected change kind {first.Kind}."),
        };
        var purpose = first.Kind.ToString().ToLowerInvariant();
        var signed = await _submitter.SignAsync(_credentialRegistry, data, ChainTransactionLedger.NextLocalNonce(_database), ct)
            .ConfigureAwait(false);
        var raw = signed.Encode();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = await _writer.ExecuteAsync((connection, transaction) =>
        {
            var txId = ChainTransactionLedger.Insert(connection, transaction, purpose, signed.Transaction.Nonce, signed.Hash, raw, now);
            using var change = connection.CreateCommand();
            change.Transaction = transaction;
            change.CommandText = "UPDATE status_changes SET chain_tx_id = $tx WHERE seq = $seq; UPDATE outbox SET done = 1 WHERE change_seq = $seq AND done = 0";
            change.Parameters.AddWithValue("$tx", txId);
            var pSeq = change.Parameters.Add("$seq", Microsoft.Data.Sqlite.SqliteType.Integer);
            foreach (var c in group)
            {
                pSeq.Value = c.ChangeSequence;
                change.ExecuteNonQuery();
            }
            return new StoredTransaction(txId, purpose, signed.Transaction.Nonce, signed.Hash, raw, now);
        }, ct).ConfigureAwait(false);

        AnchoringLog.ChangesSent(_logger, group.Count, purpose, first.Root, stored.Nonce, stored.Hash);
        await DriveAsync(stored, ct).ConfigureAwait(false);
    }

    private async Task RunJobAsync(ChainJob job, CancellationToken ct)
    {
        try
        {
            var signed = await _submitter.SignAsync(job.To, job.Data, ChainTransactionLedger.NextLocalNonce(_database), ct, job.Value).ConfigureAwait(false);
            var raw = signed.Encode();
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            var stored = await _writer.ExecuteAsync((connection, transaction) =>
            {
                var id = ChainTransactionLedger.Insert(connection, transaction, job.Purpose, signed.Transaction.Nonce, signed.Hash, raw, now);
                return new StoredTransaction(id, job.Purpose, signed.Transaction.Nonce, signed.Hash, raw, now);
            }, ct).ConfigureAwait(false);
            var result = await DriveAsync(stored, ct).ConfigureAwait(false);
            if (result.Outcome == SubmissionOutcome.Confirmed)
                job.Completion.TrySetResult((stored.Hash, result.BlockNumber));
            else
                job.Completion.TrySetException(new InvalidOperationException($"{job.Purpose} transaction {stored.Hash}: {result.Error}"));
        }
#pragma warning disable CA1031 // The caller gets the failure.
        catch (Exception e)
#pragma warning restore CA1031
        {
            job.Completion.TrySetException(e);
        }
    }

    private async Task<SubmissionResult> DriveAsync(StoredTransaction stored, CancellationToken ct)
    {
        var result = await _submitter.DriveAsync(stored, ct).ConfigureAwait(false);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _writer.ExecuteAsync((connection, transaction) =>
        {
            switch (result.Outcome)
            {
                case SubmissionOutcome.Confirmed:
                    ChainTransactionLedger.MarkConfirmed(connection, transaction, stored.Id, result.BlockNumber, result.BlockTime, now);
                    break;
                case SubmissionOutcome.Replaced:
                    ChainTransactionLedger.MarkFailed(connection, transaction, stored.Id, result.Error!, requeue: true);
                    break;
                default:
                    // A batch that reverted goes back to the outbox (a new batch, a new root); a status change the
                    // chain refused stays refused, for an operator to look at.
                    ChainTransactionLedger.MarkFailed(connection, transaction, stored.Id, result.Error!, requeue: stored.Purpose == "anchor");
                    break;
            }
            return true;
        }, CancellationToken.None).ConfigureAwait(false);

        if (result.Outcome == SubmissionOutcome.Confirmed)
            AnchoringLog.Confirmed(_logger, stored.Hash, stored.Purpose, result.BlockNumber);
        else if (result.Outcome == SubmissionOutcome.Replaced)
            AnchoringLog.Replaced(_logger, stored.Hash, stored.Nonce);
        else
            AnchoringLog.FailedOnChain(_logger, stored.Hash, stored.Purpose, result.Error!);
        return result;
    }

    private sealed record ChainJob(Address To, byte[] Data, System.Numerics.BigInteger Value, string Purpose)
    {
        public TaskCompletionSource<(Hash32, ulong)> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
