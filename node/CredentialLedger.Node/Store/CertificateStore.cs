using System.Globalization;
using CredentialLedger.Evm;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Store;

/// <summary>A certificate ready to store: signed, with its document hash.</summary>
public sealed record NewCertificate(
    string Id, string AeoNumber, string Jws, Hash32 DocumentHash, Hash32 KeyId, long ValidFrom, long ValidUntil,
    string? IdempotencyKey);

/// <summary>A filter and page for <see cref="CertificateStore.List"/>.</summary>
public sealed record CertificateQuery(
    int PageSize, long AfterSequence = 0, CertificateState? State = null, string? AeoNumber = null, bool? Anchored = null);

/// <summary>
/// The node's certificates, status history and outbox. Writes go through the <see cref="StoreWriter"/> (group
/// commit): a certificate and its outbox row, or a status change and its outbox row, are one transaction. Reads
/// open their own connection (WAL: they never wait for the writer).
/// </summary>
public sealed class CertificateStore(NodeDatabase database, StoreWriter writer, TimeProvider time)
{
    private const string SelectCertificate = """
        SELECT c.seq, c.id, c.aeo_number, c.jws, c.document_hash, c.key_id, c.accepted_at, c.status, c.renews,
               c.superseded_by, b.root, c.leaf_index, c.proof, t.block_number, t.hash, t.block_time_s,
               (SELECT count(*) FROM status_changes s LEFT JOIN chain_transactions st ON st.id = s.chain_tx_id
                 WHERE s.credential_id = c.id AND (st.state IS NULL OR st.state = 0)) AS pending
          FROM credentials c
          LEFT JOIN batches b ON b.id = c.batch_id
          LEFT JOIN chain_transactions t ON t.id = b.chain_tx_id AND t.state = 1
        """;

    /// <summary>Stores one issued certificate. With an idempotency key already used, returns the first certificate.</summary>
    public Task<CertificateRecord> AddAsync(NewCertificate certificate, CancellationToken cancellationToken = default) =>
        writer.ExecuteAsync((connection, transaction) =>
        {
            var id = Insert(connection, transaction, certificate, renews: null, Now());
            return Get(connection, transaction, id)!;
        }, cancellationToken);

    /// <summary>Stores certificates all together, or none (one transaction).</summary>
    public Task<IReadOnlyList<CertificateRecord>> AddManyAsync(IReadOnlyList<NewCertificate> certificates, CancellationToken cancellationToken = default) =>
        writer.ExecuteAsync<IReadOnlyList<CertificateRecord>>((connection, transaction) =>
        {
            var now = Now();
            var ids = certificates.Select(c => Insert(connection, transaction, c, renews: null, now)).ToList();
            return [.. ids.Select(id => Get(connection, transaction, id)!)];
        }, cancellationToken);

    /// <summary>
    /// Records a status change (suspend, reinstate, revoke) if the lifecycle allows it from the certificate's latest
    /// accepted status; it reaches the chain once the certificate is anchored.
    /// </summary>
    /// <exception cref="CertificateNotFoundException">No such certificate.</exception>
    /// <exception cref="IllegalTransitionException">Not allowed from the current status; nothing changes.</exception>
    public Task<CertificateRecord> ChangeAsync(string id, ChangeKind change, int reason, long effectiveAt, CancellationToken cancellationToken = default)
    {
        if (change is ChangeKind.Issue or ChangeKind.Supersede)
            throw new ArgumentOutOfRangeException(nameof(change), change, "Issue and supersede have their own methods.");
        return writer.ExecuteAsync((connection, transaction) =>
        {
            var state = StateOf(connection, transaction, id);
            var next = CertificateTransitions.Apply(state, change) ?? throw new IllegalTransitionException(id, state, change);
            AddChange(connection, transaction, id, change, next, reason, effectiveAt, replacement: null, Now());
            return Get(connection, transaction, id)!;
        }, cancellationToken);
    }

    /// <summary>Stores the renewal of <paramref name="oldId"/> and supersedes it, in one transaction.</summary>
    /// <returns>The renewal and the superseded certificate.</returns>
    public Task<(CertificateRecord Renewed, CertificateRecord Superseded)> RenewAsync(
        string oldId, NewCertificate renewal, int reason, long effectiveAt, CancellationToken cancellationToken = default) =>
        writer.ExecuteAsync((connection, transaction) =>
        {
            var state = StateOf(connection, transaction, oldId);
            var next = CertificateTransitions.Apply(state, ChangeKind.Supersede)
                ?? throw new IllegalTransitionException(oldId, state, ChangeKind.Supersede);
            var now = Now();
            var newId = Insert(connection, transaction, renewal, oldId, now);
            AddChange(connection, transaction, oldId, ChangeKind.Supersede, next, reason, effectiveAt, newId, now);
            Run(connection, transaction, "UPDATE credentials SET superseded_by = $n WHERE id = $id", ("$n", newId), ("$id", oldId));
            return (Get(connection, transaction, newId)!, Get(connection, transaction, oldId)!);
        }, cancellationToken);

    /// <summary>The certificate, or null.</summary>
    public CertificateRecord? Get(string id)
    {
        using var connection = database.Open();
        return Get(connection, null, id);
    }

    /// <summary>A page of certificates in acceptance order after <see cref="CertificateQuery.AfterSequence"/>.</summary>
    public IReadOnlyList<CertificateRecord> List(CertificateQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var sql = SelectCertificate + " WHERE c.seq > $after";
        if (query.State is { } state)
        {
            sql += " AND c.status = $status";
            command.Parameters.AddWithValue("$status", (int)state);
        }
        if (!string.IsNullOrEmpty(query.AeoNumber))
        {
            sql += " AND c.aeo_number = $aeo";
            command.Parameters.AddWithValue("$aeo", query.AeoNumber);
        }
        if (query.Anchored is { } anchored)
            sql += anchored ? " AND t.block_number IS NOT NULL" : " AND t.block_number IS NULL";
        command.CommandText = sql + " ORDER BY c.seq LIMIT $limit";
        command.Parameters.AddWithValue("$after", query.AfterSequence);
        command.Parameters.AddWithValue("$limit", query.PageSize);
        using var reader = command.ExecuteReader();
        var page = new List<CertificateRecord>();
        while (reader.Read())
            page.Add(ReadCertificate(reader));
        return page;
    }

    /// <summary>Every status change of the certificate, oldest first (issuance included).</summary>
    public IReadOnlyList<StatusChangeRecord> History(string id) => Changes("WHERE s.credential_id = $id", ("$id", id), ("$limit", int.MaxValue));

    /// <summary>Status changes with a sequence number above <paramref name="afterSequence"/>, oldest first.</summary>
    public IReadOnlyList<StatusChangeRecord> ChangesAfter(long afterSequence, int limit) =>
        Changes("WHERE s.seq > $after", ("$after", afterSequence), ("$limit", limit));

    /// <summary>Changes whose chain transaction was confirmed after <paramref name="afterMs"/> (unix ms), for watchers.</summary>
    public IReadOnlyList<StatusChangeRecord> AnchoredSince(long afterMs, int limit) =>
        Changes("WHERE t.state = 1 AND t.confirmed_at > $since", ("$since", afterMs), ("$limit", limit));

    /// <summary>Outbox rows not yet carried by a chain transaction.</summary>
    public int OutboxPending()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox WHERE done = 0";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private IReadOnlyList<StatusChangeRecord> Changes(string where, params (string Name, object Value)[] parameters)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT s.seq, s.credential_id, s.kind, s.status, s.reason, s.effective_at_s, s.accepted_at, s.replacement_id,
                   t.state, t.hash
              FROM status_changes s LEFT JOIN chain_transactions t ON t.id = s.chain_tx_id
              {where} ORDER BY s.seq LIMIT $limit
            """;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var list = new List<StatusChangeRecord>();
        while (reader.Read())
        {
            var anchored = !reader.IsDBNull(8) && reader.GetInt32(8) == 1;
            list.Add(new StatusChangeRecord(
                reader.GetInt64(0), reader.GetString(1), (ChangeKind)reader.GetInt32(2), (CertificateState)reader.GetInt32(3),
                reader.GetInt32(4), reader.GetInt64(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                anchored, anchored ? new Hash32((byte[])reader[9]) : null));
        }
        return list;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static string Insert(SqliteConnection connection, SqliteTransaction transaction, NewCertificate c, string? renews, long now)
    {
        if (c.IdempotencyKey is { Length: > 0 } key)
        {
            using var existing = connection.CreateCommand();
            existing.Transaction = transaction;
            existing.CommandText = "SELECT id FROM credentials WHERE idempotency_key = $k";
            existing.Parameters.AddWithValue("$k", key);
            if (existing.ExecuteScalar() is string id)
                return id;
        }
        Run(connection, transaction, """
            INSERT INTO credentials (id, aeo_number, jws, document_hash, key_id, valid_from_s, valid_until_s, accepted_at,
                                     status, idempotency_key, renews)
            VALUES ($id, $aeo, $jws, $doc, $key, $from, $until, $now, $status, $idem, $renews)
            """,
            ("$id", c.Id), ("$aeo", c.AeoNumber), ("$jws", c.Jws), ("$doc", c.DocumentHash.ToArray()), ("$key", c.KeyId.ToArray()),
            ("$from", c.ValidFrom), ("$until", c.ValidUntil), ("$now", now), ("$status", (int)CertificateState.Active),
            ("$idem", (object?)c.IdempotencyKey ?? DBNull.Value), ("$renews", (object?)renews ?? DBNull.Value));
        AddChange(connection, transaction, c.Id, ChangeKind.Issue, CertificateState.Active, 0, c.ValidFrom, null, now, updateStatus: false);
        return c.Id;
    }

    private static void AddChange(
        SqliteConnection connection, SqliteTransaction transaction, string id, ChangeKind kind, CertificateState state, int reason,
        long effectiveAt, string? replacement, long now, bool updateStatus = true)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO status_changes (credential_id, kind, status, reason, effective_at_s, accepted_at, replacement_id)
            VALUES ($id, $kind, $status, $reason, $eff, $now, $rep) RETURNING seq
            """;
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$kind", (int)kind);
        insert.Parameters.AddWithValue("$status", (int)state);
        insert.Parameters.AddWithValue("$reason", reason);
        insert.Parameters.AddWithValue("$eff", effectiveAt);
        insert.Parameters.AddWithValue("$now", now);
        insert.Parameters.AddWithValue("$rep", (object?)replacement ?? DBNull.Value);
        var seq = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        Run(connection, transaction, "INSERT INTO outbox (change_seq, kind, credential_id, enqueued_at) VALUES ($seq, $kind, $id, $now)",
            ("$seq", seq), ("$kind", (int)kind), ("$id", id), ("$now", now));
        if (updateStatus)
            Run(connection, transaction, "UPDATE credentials SET status = $s WHERE id = $id", ("$s", (int)state), ("$id", id));
    }

    private static CertificateState StateOf(SqliteConnection connection, SqliteTransaction transaction, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT status FROM credentials WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is long state ? (CertificateState)state : throw new CertificateNotFoundException(id);
    }

    private static CertificateRecord? Get(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectCertificate + " WHERE c.id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadCertificate(reader) : null;
    }

    private static CertificateRecord ReadCertificate(SqliteDataReader r)
    {
        AnchorRecord? anchor = null;
        if (!r.IsDBNull(13))
        {
            var proof = ProofColumn.FromBytes((byte[])r[12]);
            anchor = new AnchorRecord(new Hash32((byte[])r[10]), (uint)r.GetInt64(11), proof, (ulong)r.GetInt64(13),
                new Hash32((byte[])r[14]), r.GetInt64(15));
        }
        return new CertificateRecord
        {
            Sequence = r.GetInt64(0),
            Id = r.GetString(1),
            AeoNumber = r.GetString(2),
            Jws = r.GetString(3),
            DocumentHash = new Hash32((byte[])r[4]),
            KeyId = new Hash32((byte[])r[5]),
            AcceptedAt = r.GetInt64(6),
            State = (CertificateState)r.GetInt32(7),
            Renews = r.IsDBNull(8) ? null : r.GetString(8),
            SupersededBy = r.IsDBNull(9) ? null : r.GetString(9),
            Anchor = anchor,
            PendingChanges = r.GetInt32(16),
        };
    }

    internal static void Run(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
