using System.Globalization;
using CredentialLedger.Evm;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Store;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Origin;

/// <summary>A chamber transaction as stored: signed before it was first broadcast.</summary>
internal sealed record StoredOriginTransaction(long Id, string Chamber, Address Account, string Purpose, ulong Nonce, Hash32 Hash, byte[] Raw)
{
    public StoredTransaction ForSubmitter() => new(Id, Purpose, Nonce, Hash, Raw, 0);
}

/// <summary>A chamber's issuances waiting for a batch: how many, and since when.</summary>
internal sealed record PendingChamber(string Chamber, int Count, long OldestEnqueuedAt);

/// <summary>An issuance waiting for its chamber's batch.</summary>
internal sealed record PendingOrigin(long OutboxSequence, string CertificateId, Hash32 DocumentHash);

/// <summary>A revocation whose certificate is anchored: ready for the chamber's account.</summary>
internal sealed record ReadyRevocation(long OutboxSequence, string Chamber, int Reason, long EffectiveAt, Hash32 Root, uint Index);

/// <summary>
/// The origin outbox and the <c>origin_transactions</c> table, for the origin anchoring worker: what waits, what was
/// signed, what got confirmed, and what goes back to the outbox.
/// </summary>
internal static class OriginOutbox
{
    public const int Signed = 0;
    public const int Confirmed = 1;
    public const int Failed = 2;

    public static IReadOnlyList<PendingChamber> PendingChambers(NodeDatabase database) => Query(database, """
        SELECT chamber, count(*), min(enqueued_at) FROM origin_outbox WHERE done = 0 AND kind = 0
         GROUP BY chamber ORDER BY min(seq)
        """, r => new PendingChamber(r.GetString(0), r.GetInt32(1), r.GetInt64(2)));

    public static IReadOnlyList<PendingOrigin> PendingOf(NodeDatabase database, string chamber, int limit) => Query(database, """
        SELECT o.seq, o.certificate_id, c.document_hash FROM origin_outbox o JOIN origin_certificates c ON c.id = o.certificate_id
         WHERE o.done = 0 AND o.kind = 0 AND o.chamber = $c ORDER BY o.seq LIMIT $limit
        """, r => new PendingOrigin(r.GetInt64(0), r.GetString(1), new Hash32((byte[])r[2])), ("$c", chamber), ("$limit", limit));

    public static IReadOnlyList<ReadyRevocation> ReadyRevocations(NodeDatabase database, int limit) => Query(database, """
        SELECT o.seq, o.chamber, o.reason, o.effective_at_s, b.root, c.leaf_index
          FROM origin_outbox o
          JOIN origin_certificates c ON c.id = o.certificate_id
          JOIN origin_batches b ON b.id = c.batch_id
          JOIN origin_transactions t ON t.id = b.chain_tx_id AND t.state = 1
         WHERE o.done = 0 AND o.kind = 1
         ORDER BY o.seq LIMIT $limit
        """, r => new ReadyRevocation(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3), new Hash32((byte[])r[4]), (uint)r.GetInt64(5)),
        ("$limit", limit));

    public static IReadOnlyList<StoredOriginTransaction> Unconfirmed(NodeDatabase database) => Query(database,
        "SELECT id, chamber, account, purpose, nonce, hash, raw FROM origin_transactions WHERE state = 0 ORDER BY account, nonce",
        r => new StoredOriginTransaction(r.GetInt64(0), r.GetString(1), Address.Parse(r.GetString(2)), r.GetString(3), (ulong)r.GetInt64(4),
            new Hash32((byte[])r[5]), (byte[])r[6]));

    /// <summary>The nonce after the highest one this node ever signed for <paramref name="account"/> (0 when none).</summary>
    public static ulong NextLocalNonce(NodeDatabase database, Address account)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(nonce) FROM origin_transactions WHERE account = $a AND state <> 2";
        command.Parameters.AddWithValue("$a", account.ToString());
        return command.ExecuteScalar() is long max ? (ulong)max + 1 : 0;
    }

    public static long Insert(SqliteConnection connection, SqliteTransaction transaction, string chamber, Address account, string purpose,
        ulong nonce, Hash32 hash, byte[] raw, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO origin_transactions (chamber, account, purpose, nonce, hash, raw, state, created_at)
            VALUES ($c, $a, $p, $n, $h, $r, 0, $t) RETURNING id
            """;
        command.Parameters.AddWithValue("$c", chamber);
        command.Parameters.AddWithValue("$a", account.ToString());
        command.Parameters.AddWithValue("$p", purpose);
        command.Parameters.AddWithValue("$n", (long)nonce);
        command.Parameters.AddWithValue("$h", hash.ToArray());
        command.Parameters.AddWithValue("$r", raw);
        command.Parameters.AddWithValue("$t", now);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Records a batch (and the certificates' places in it) carried by transaction <paramref name="txId"/>.</summary>
    public static void AddBatch(SqliteConnection connection, SqliteTransaction transaction, string chamber, Credentials.Merkle.MerkleTree tree,
        IReadOnlyList<PendingOrigin> issues, long txId, long now)
    {
        using var batch = connection.CreateCommand();
        batch.Transaction = transaction;
        batch.CommandText = "INSERT INTO origin_batches (chamber, root, size, created_at, chain_tx_id) VALUES ($c, $r, $s, $t, $tx) RETURNING id";
        batch.Parameters.AddWithValue("$c", chamber);
        batch.Parameters.AddWithValue("$r", tree.Root.ToArray());
        batch.Parameters.AddWithValue("$s", issues.Count);
        batch.Parameters.AddWithValue("$t", now);
        batch.Parameters.AddWithValue("$tx", txId);
        var batchId = (long)batch.ExecuteScalar()!;

        using var certificate = connection.CreateCommand();
        certificate.Transaction = transaction;
        certificate.CommandText = "UPDATE origin_certificates SET batch_id = $b, leaf_index = $i, proof = $p WHERE id = $id AND batch_id IS NULL AND state <> 2";
        var pB = certificate.Parameters.Add("$b", SqliteType.Integer);
        var pI = certificate.Parameters.Add("$i", SqliteType.Integer);
        var pP = certificate.Parameters.Add("$p", SqliteType.Blob);
        var pId = certificate.Parameters.Add("$id", SqliteType.Text);
        using var outbox = connection.CreateCommand();
        outbox.Transaction = transaction;
        outbox.CommandText = "UPDATE origin_outbox SET done = 1, chain_tx_id = $tx WHERE seq = $seq AND done = 0";
        outbox.Parameters.AddWithValue("$tx", txId);
        var pSeq = outbox.Parameters.Add("$seq", SqliteType.Integer);
        for (var i = 0; i < issues.Count; i++)
        {
            pB.Value = batchId;
            pI.Value = i;
            pP.Value = ProofColumn.ToBytes(tree.GetProof(i));
            pId.Value = issues[i].CertificateId;
            if (certificate.ExecuteNonQuery() != 1)
                throw new InvalidOperationException($"Certificate of origin {issues[i].CertificateId} is already in a batch, or refused.");
            pSeq.Value = issues[i].OutboxSequence;
            if (outbox.ExecuteNonQuery() != 1)
                throw new InvalidOperationException($"Outbox row {issues[i].OutboxSequence} left the outbox meanwhile.");
        }
    }

    /// <summary>Marks outbox rows as carried by transaction <paramref name="txId"/>.</summary>
    public static void Carry(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<long> outboxSequences, long txId)
    {
        foreach (var seq in outboxSequences)
        {
            CertificateStore.Run(connection, transaction, "UPDATE origin_outbox SET done = 1, chain_tx_id = $tx WHERE seq = $seq AND done = 0",
                ("$tx", txId), ("$seq", seq));
        }
    }

    public static void MarkConfirmed(SqliteConnection connection, SqliteTransaction transaction, long id, ulong block, ulong blockTime, long now) =>
        CertificateStore.Run(connection, transaction,
            "UPDATE origin_transactions SET state = 1, block_number = $b, block_time_s = $bt, confirmed_at = $now WHERE id = $id AND state = 0",
            ("$b", (long)block), ("$bt", (long)blockTime), ("$now", now), ("$id", id));

    /// <summary>Marks the transaction failed; its work (batch or revocations) goes back to the outbox.</summary>
    public static void MarkFailedAndRequeue(SqliteConnection connection, SqliteTransaction transaction, long id, string error)
    {
        CertificateStore.Run(connection, transaction, "UPDATE origin_transactions SET state = 2, error = $e WHERE id = $id", ("$e", error), ("$id", id));
        CertificateStore.Run(connection, transaction, "UPDATE origin_outbox SET done = 0, chain_tx_id = NULL WHERE chain_tx_id = $id", ("$id", id));
        CertificateStore.Run(connection, transaction, """
            UPDATE origin_certificates SET batch_id = NULL, leaf_index = NULL, proof = NULL
             WHERE batch_id IN (SELECT id FROM origin_batches WHERE chain_tx_id = $id)
            """, ("$id", id));
        CertificateStore.Run(connection, transaction, "DELETE FROM origin_batches WHERE chain_tx_id = $id", ("$id", id));
    }

    /// <summary>
    /// Refuses every issuance of <paramref name="chamber"/> still waiting for a batch: the chamber is not authorized,
    /// so they can never be anchored. Returns how many.
    /// </summary>
    public static int RefusePending(SqliteConnection connection, SqliteTransaction transaction, string chamber, string refusal)
    {
        // A revocation asked for before the refusal has nothing to revoke: it leaves the outbox with them.
        CertificateStore.Run(connection, transaction, """
            UPDATE origin_outbox SET done = 2, error = 'never anchored: ' || $r
             WHERE done = 0 AND kind = 1 AND certificate_id IN (SELECT certificate_id FROM origin_outbox WHERE done = 0 AND kind = 0 AND chamber = $c)
            """, ("$c", chamber), ("$r", refusal));
        CertificateStore.Run(connection, transaction, """
            UPDATE origin_certificates SET state = 2, refusal = $r
             WHERE id IN (SELECT certificate_id FROM origin_outbox WHERE done = 0 AND kind = 0 AND chamber = $c)
            """, ("$c", chamber), ("$r", refusal));
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE origin_outbox SET done = 2, error = $r WHERE done = 0 AND kind = 0 AND chamber = $c";
        command.Parameters.AddWithValue("$c", chamber);
        command.Parameters.AddWithValue("$r", refusal);
        return command.ExecuteNonQuery();
    }

    /// <summary>Gives up outbox rows the chain will never take, with the reason. Returns how many.</summary>
    public static int Abandon(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<long> outboxSequences, string error)
    {
        var count = 0;
        foreach (var seq in outboxSequences)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE origin_outbox SET done = 2, error = $e WHERE seq = $seq AND done = 0";
            command.Parameters.AddWithValue("$e", error);
            command.Parameters.AddWithValue("$seq", seq);
            count += command.ExecuteNonQuery();
        }
        return count;
    }

    private static List<T> Query<T>(NodeDatabase database, string sql, Func<SqliteDataReader, T> read, params (string, object)[] parameters)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
            list.Add(read(reader));
        return list;
    }
}
