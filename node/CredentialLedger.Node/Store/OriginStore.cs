using CredentialLedger.Evm;
using CredentialLedger.Node.Origin;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Store;

/// <summary>
/// The certificates of origin the chambers served by this node issued, and their outbox. Writes go through the
/// <see cref="StoreWriter"/>: a certificate and its outbox row, or a revocation and its outbox row, are one
/// transaction; the origin anchoring worker takes the rows from there to the chain.
/// </summary>
public sealed class OriginStore(NodeDatabase database, StoreWriter writer, TimeProvider time)
{
    private const string SelectCertificate = """
        SELECT c.seq, c.id, c.chamber, c.certificate_number, c.exporter, c.xml, c.document_hash, c.key_id, c.issued_at_s, c.accepted_at,
               c.state, b.root, c.leaf_index, c.proof, t.block_number, t.hash, t.block_time_s,
               c.revocation_reason, c.revocation_effective_s, rt.state, rt.hash, ro.error, c.refusal
          FROM origin_certificates c
          LEFT JOIN origin_batches b ON b.id = c.batch_id
          LEFT JOIN origin_transactions t ON t.id = b.chain_tx_id AND t.state = 1
          LEFT JOIN origin_outbox ro ON ro.certificate_id = c.id AND ro.kind = 1
          LEFT JOIN origin_transactions rt ON rt.id = ro.chain_tx_id
        """;

    /// <summary>
    /// Stores certificates all together, or none (one transaction). A certificate whose idempotency key its chamber
    /// used already is answered with the first one instead.
    /// </summary>
    /// <exception cref="OriginRequestException">A certificate number its chamber issued already (Duplicate).</exception>
    public Task<IReadOnlyList<OriginCertificateRecord>> AddManyAsync(IReadOnlyList<NewOriginCertificate> certificates, CancellationToken ct) =>
        writer.ExecuteAsync<IReadOnlyList<OriginCertificateRecord>>((connection, transaction) =>
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var ids = certificates.Select((c, i) => Insert(connection, transaction, c, now, certificates.Count > 1 ? $"certificates[{i}]: " : "")).ToList();
            return [.. ids.Select(id => Get(connection, transaction, id)!)];
        }, ct);

    /// <summary>Records a revocation; it reaches the chain, from the chamber's account, once the certificate is anchored.</summary>
    /// <exception cref="OriginRequestException">Unknown, of another chamber, already revoked, or never anchored.</exception>
    public Task<OriginCertificateRecord> RevokeAsync(string id, string chamber, int reason, long effectiveAt, CancellationToken ct) =>
        writer.ExecuteAsync((connection, transaction) =>
        {
            var current = Get(connection, transaction, id) ?? throw NotFound(id);
            if (current.Chamber != chamber)
                throw OtherChamber(current, chamber);
            switch (current.State)
            {
                case OriginState.Revoked:
                    throw new OriginRequestException(OriginFailure.Refused, $"Certificate {id} is revoked already (reason {current.Revocation!.Reason}).");
                case OriginState.Refused:
                    throw new OriginRequestException(OriginFailure.Refused, $"Certificate {id} was never anchored ({current.Refusal}); there is nothing to revoke.");
            }
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            CertificateStore.Run(connection, transaction,
                "UPDATE origin_certificates SET state = 1, revocation_reason = $r, revocation_effective_s = $e WHERE id = $id",
                ("$id", id), ("$r", reason), ("$e", effectiveAt));
            CertificateStore.Run(connection, transaction, """
                INSERT INTO origin_outbox (kind, certificate_id, chamber, reason, effective_at_s, enqueued_at) VALUES (1, $id, $c, $r, $e, $t)
                """, ("$id", id), ("$c", chamber), ("$r", reason), ("$e", effectiveAt), ("$t", now));
            return Get(connection, transaction, id)!;
        }, ct);

    /// <summary>The certificate, or null.</summary>
    public OriginCertificateRecord? Get(string id)
    {
        using var connection = database.Open();
        return Get(connection, null, id);
    }

    /// <summary>The certificates with this number (one per chamber at most), newest first.</summary>
    public IReadOnlyList<OriginCertificateRecord> ByNumber(string certificateNumber)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectCertificate + " WHERE c.certificate_number = $n ORDER BY c.seq DESC";
        command.Parameters.AddWithValue("$n", certificateNumber);
        return ReadAll(command);
    }

    /// <summary>The certificate anchored at (root, index), or null when this node did not issue it.</summary>
    public OriginCertificateRecord? ByAnchor(Hash32 root, uint index)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SelectCertificate + " WHERE b.root = $r AND c.leaf_index = $i";
        command.Parameters.AddWithValue("$r", root.ToArray());
        command.Parameters.AddWithValue("$i", (long)index);
        return ReadAll(command).FirstOrDefault();
    }

    /// <summary>A page of certificates in acceptance order after <see cref="OriginQuery.AfterSequence"/>.</summary>
    public IReadOnlyList<OriginCertificateRecord> List(OriginQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        var sql = SelectCertificate + " WHERE c.seq > $after";
        if (query.Chamber is { } chamber)
        {
            sql += " AND c.chamber = $chamber";
            command.Parameters.AddWithValue("$chamber", chamber);
        }
        if (query.State is { } state)
        {
            sql += " AND c.state = $state";
            command.Parameters.AddWithValue("$state", (int)state);
        }
        if (query.Anchored is { } anchored)
            sql += anchored ? " AND t.block_number IS NOT NULL" : " AND t.block_number IS NULL";
        command.CommandText = sql + " ORDER BY c.seq LIMIT $limit";
        command.Parameters.AddWithValue("$after", query.AfterSequence);
        command.Parameters.AddWithValue("$limit", query.PageSize);
        return ReadAll(command);
    }

    /// <summary>How many certificates each chamber issued (refused ones included).</summary>
    public IReadOnlyDictionary<string, long> CountByChamber()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT chamber, count(*) FROM origin_certificates GROUP BY chamber";
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<string, long>();
        while (reader.Read())
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>Outbox rows (anchors and revocations) not yet carried by a chain transaction.</summary>
    public int OutboxPending()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM origin_outbox WHERE done = 0";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static OriginRequestException NotFound(string id) =>
        new(OriginFailure.NotFound, $"No certificate of origin '{id}' was issued through this node.");

    internal static OriginRequestException OtherChamber(OriginCertificateRecord certificate, string chamber) =>
        new(OriginFailure.Forbidden,
            $"Certificate {certificate.Id} was issued by chamber {certificate.Chamber}; chamber {chamber}'s token acts on its own certificates only.");

    private static string Insert(SqliteConnection connection, SqliteTransaction transaction, NewOriginCertificate c, long now, string position)
    {
        if (c.IdempotencyKey is { Length: > 0 } key
            && Scalar(connection, transaction, "SELECT id FROM origin_certificates WHERE chamber = $c AND idempotency_key = $k",
                ("$c", c.Chamber), ("$k", key)) is string first)
            return first;
        if (Scalar(connection, transaction, "SELECT id FROM origin_certificates WHERE chamber = $c AND certificate_number = $n AND state <> 2",
                ("$c", c.Chamber), ("$n", c.CertificateNumber)) is string issued)
            throw new OriginRequestException(OriginFailure.Duplicate,
                $"{position}certificate number {c.CertificateNumber} was issued by chamber {c.Chamber} already, as {issued}; a number is issued once.");
        CertificateStore.Run(connection, transaction, """
            INSERT INTO origin_certificates (id, chamber, certificate_number, exporter, xml, document_hash, key_id, issued_at_s, accepted_at,
                                             idempotency_key)
            VALUES ($id, $c, $n, $e, $x, $h, $k, $i, $t, $idem)
            """,
            ("$id", c.Id), ("$c", c.Chamber), ("$n", c.CertificateNumber), ("$e", c.Exporter), ("$x", c.Xml), ("$h", c.DocumentHash.ToArray()),
            ("$k", c.KeyId.ToArray()), ("$i", c.IssuedAt), ("$t", now), ("$idem", (object?)c.IdempotencyKey ?? DBNull.Value));
        CertificateStore.Run(connection, transaction,
            "INSERT INTO origin_outbox (kind, certificate_id, chamber, enqueued_at) VALUES (0, $id, $c, $t)", ("$id", c.Id), ("$c", c.Chamber), ("$t", now));
        return c.Id;
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string, object)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command.ExecuteScalar();
    }

    private static OriginCertificateRecord? Get(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectCertificate + " WHERE c.id = $id";
        command.Parameters.AddWithValue("$id", id);
        return ReadAll(command).FirstOrDefault();
    }

    private static List<OriginCertificateRecord> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var list = new List<OriginCertificateRecord>();
        while (reader.Read())
            list.Add(Read(reader));
        return list;
    }

    private static OriginCertificateRecord Read(SqliteDataReader r)
    {
        AnchorRecord? anchor = null;
        if (!r.IsDBNull(14))
        {
            anchor = new AnchorRecord(new Hash32((byte[])r[11]), (uint)r.GetInt64(12), ProofColumn.FromBytes((byte[])r[13]),
                (ulong)r.GetInt64(14), new Hash32((byte[])r[15]), r.GetInt64(16));
        }
        OriginRevocation? revocation = null;
        if (!r.IsDBNull(17))
        {
            var sent = !r.IsDBNull(19) && r.GetInt32(19) != 2;
            revocation = new OriginRevocation(r.GetInt32(17), r.GetInt64(18), !r.IsDBNull(19) && r.GetInt32(19) == 1,
                sent ? new Hash32((byte[])r[20]) : null, r.IsDBNull(21) ? null : r.GetString(21));
        }
        return new OriginCertificateRecord
        {
            Sequence = r.GetInt64(0),
            Id = r.GetString(1),
            Chamber = r.GetString(2),
            CertificateNumber = r.GetString(3),
            Exporter = r.GetString(4),
            Xml = (byte[])r[5],
            DocumentHash = new Hash32((byte[])r[6]),
            KeyId = new Hash32((byte[])r[7]),
            IssuedAt = r.GetInt64(8),
            AcceptedAt = r.GetInt64(9),
            State = (OriginState)r.GetInt32(10),
            Anchor = anchor,
            Revocation = revocation,
            Refusal = r.IsDBNull(22) ? null : r.GetString(22),
        };
    }
}
