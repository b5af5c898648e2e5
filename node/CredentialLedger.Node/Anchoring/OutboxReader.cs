using CredentialLedger.Evm;
using CredentialLedger.Node.Store;

namespace CredentialLedger.Node.Anchoring;

/// <summary>An issuance waiting for its batch.</summary>
internal sealed record PendingIssue(long ChangeSequence, string CertificateId, Hash32 DocumentHash, long EnqueuedAt);

/// <summary>A status change whose certificate (and replacement, for supersede) is anchored, ready for the chain.</summary>
internal sealed record ReadyChange(
    long ChangeSequence, ChangeKind Kind, int Reason, long EffectiveAt, Hash32 Root, uint Index, Hash32? NewRoot, uint? NewIndex);

/// <summary>Reads the outbox for the anchoring worker.</summary>
internal sealed class OutboxReader(NodeDatabase database)
{
    /// <summary>The oldest pending issuances, at most <paramref name="limit"/>, and how many are pending in all.</summary>
    public IReadOnlyList<PendingIssue> PendingIssues(int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o.change_seq, o.credential_id, c.document_hash, o.enqueued_at
              FROM outbox o JOIN credentials c ON c.id = o.credential_id
             WHERE o.done = 0 AND o.kind = 0
             ORDER BY o.seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<PendingIssue>();
        while (reader.Read())
            list.Add(new PendingIssue(reader.GetInt64(0), reader.GetString(1), new Hash32((byte[])reader[2]), reader.GetInt64(3)));
        return list;
    }

    /// <summary>
    /// The status changes that can go to the chain now: for each certificate only its oldest pending change, and only
    /// once its batch (and, for supersede, the replacement's batch) is confirmed; oldest first.
    /// </summary>
    public IReadOnlyList<ReadyChange> ReadyChanges(int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.seq, s.kind, s.reason, s.effective_at_s, b.root, c.leaf_index, nb.root, n.leaf_index, nt.state
              FROM outbox o
              JOIN status_changes s ON s.seq = o.change_seq
              JOIN credentials c ON c.id = s.credential_id
              JOIN batches b ON b.id = c.batch_id
              JOIN chain_transactions t ON t.id = b.chain_tx_id AND t.state = 1
              LEFT JOIN credentials n ON n.id = s.replacement_id
              LEFT JOIN batches nb ON nb.id = n.batch_id
              LEFT JOIN chain_transactions nt ON nt.id = nb.chain_tx_id
             WHERE o.done = 0 AND o.kind <> 0
               AND NOT EXISTS (SELECT 1 FROM outbox o2
                                WHERE o2.credential_id = o.credential_id AND o2.done = 0 AND o2.kind <> 0 AND o2.seq < o.seq)
               AND NOT EXISTS (SELECT 1 FROM status_changes s3 JOIN chain_transactions t3 ON t3.id = s3.chain_tx_id
                                WHERE s3.credential_id = s.credential_id AND s3.kind <> 0 AND t3.state = 0)
             ORDER BY o.seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<ReadyChange>();
        while (reader.Read())
        {
            var kind = (ChangeKind)reader.GetInt32(1);
            Hash32? newRoot = reader.IsDBNull(6) ? null : new Hash32((byte[])reader[6]);
            if (kind == ChangeKind.Supersede && (newRoot is null || reader.IsDBNull(8) || reader.GetInt32(8) != ChainTransactionLedger.Confirmed))
                continue; // the renewal is not anchored yet
            list.Add(new ReadyChange(reader.GetInt64(0), kind, reader.GetInt32(2), reader.GetInt64(3), new Hash32((byte[])reader[4]),
                (uint)reader.GetInt64(5), newRoot, reader.IsDBNull(7) ? null : (uint)reader.GetInt64(7)));
        }
        return list;
    }

    /// <summary>How many outbox rows wait for a chain transaction.</summary>
    public int PendingCount()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox WHERE done = 0";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
