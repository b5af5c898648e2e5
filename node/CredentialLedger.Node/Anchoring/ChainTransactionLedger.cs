using System.Globalization;
using CredentialLedger.Evm;
using CredentialLedger.Node.Store;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Anchoring;

/// <summary>A chain transaction as stored: signed before it was first broadcast.</summary>
internal sealed record StoredTransaction(long Id, string Purpose, ulong Nonce, Hash32 Hash, byte[] Raw, long CreatedAt);

/// <summary>The <c>chain_transactions</c> table: what was signed, what got confirmed, and what must go back to the outbox.</summary>
internal static class ChainTransactionLedger
{
    public const int Signed = 0;
    public const int Confirmed = 1;
    public const int Failed = 2;

    public static long Insert(SqliteConnection connection, SqliteTransaction transaction, string purpose, ulong nonce, Hash32 hash, byte[] raw, long now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO chain_transactions (purpose, nonce, hash, raw, state, created_at)
            VALUES ($p, $n, $h, $r, 0, $t) RETURNING id
            """;
        command.Parameters.AddWithValue("$p", purpose);
        command.Parameters.AddWithValue("$n", (long)nonce);
        command.Parameters.AddWithValue("$h", hash.ToArray());
        command.Parameters.AddWithValue("$r", raw);
        command.Parameters.AddWithValue("$t", now);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<StoredTransaction> Unconfirmed(NodeDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, purpose, nonce, hash, raw, created_at FROM chain_transactions WHERE state = 0 ORDER BY nonce";
        using var reader = command.ExecuteReader();
        var list = new List<StoredTransaction>();
        while (reader.Read())
        {
            list.Add(new StoredTransaction(reader.GetInt64(0), reader.GetString(1), (ulong)reader.GetInt64(2),
                new Hash32((byte[])reader[3]), (byte[])reader[4], reader.GetInt64(5)));
        }
        return list;
    }

    /// <summary>The nonce after the highest one this node ever signed (0 when none).</summary>
    public static ulong NextLocalNonce(NodeDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(nonce) FROM chain_transactions WHERE state <> 2";
        return command.ExecuteScalar() is long max ? (ulong)max + 1 : 0;
    }

    public static void MarkConfirmed(SqliteConnection connection, SqliteTransaction transaction, long id, ulong block, ulong blockTime, long now) =>
        CertificateStore.Run(connection, transaction,
            "UPDATE chain_transactions SET state = 1, block_number = $b, block_time_s = $bt, confirmed_at = $now WHERE id = $id AND state = 0",
            ("$b", (long)block), ("$bt", (long)blockTime), ("$now", now), ("$id", id));

    /// <summary>Marks the transaction failed; with <paramref name="requeue"/>, its work goes back to the outbox.</summary>
    public static void MarkFailed(SqliteConnection connection, SqliteTransaction transaction, long id, string error, bool requeue)
    {
        CertificateStore.Run(connection, transaction, "UPDATE chain_transactions SET state = 2, error = $e WHERE id = $id", ("$e", error), ("$id", id));
        if (!requeue)
            return;
        CertificateStore.Run(connection, transaction,
            "UPDATE outbox SET done = 0 WHERE change_seq IN (SELECT seq FROM status_changes WHERE chain_tx_id = $id)", ("$id", id));
        CertificateStore.Run(connection, transaction, "UPDATE status_changes SET chain_tx_id = NULL WHERE chain_tx_id = $id", ("$id", id));
        CertificateStore.Run(connection, transaction, """
            UPDATE credentials SET batch_id = NULL, leaf_index = NULL, proof = NULL
             WHERE batch_id IN (SELECT id FROM batches WHERE chain_tx_id = $id)
            """, ("$id", id));
        CertificateStore.Run(connection, transaction, "DELETE FROM batches WHERE chain_tx_id = $id", ("$id", id));
    }
}
