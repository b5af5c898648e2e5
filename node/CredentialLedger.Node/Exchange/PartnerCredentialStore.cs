using CredentialLedger.Evm;
using CredentialLedger.Node.Store;
using CredentialLedger.Sdk.Verification;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Exchange;

/// <summary>A certificate pulled from a partner and verified against the chain.</summary>
/// <param name="Issuer">The partner member that issued it.</param>
/// <param name="Id">Its credential id.</param>
/// <param name="AeoNumber">Its subject's AEO number.</param>
/// <param name="Presented">The JWS and its anchor.</param>
/// <param name="PulledAt">When it was stored (unix ms).</param>
public sealed record PartnerCredential(string Issuer, string Id, string AeoNumber, PresentedCredential Presented, long PulledAt);

/// <summary>Where the pull from one partner stands.</summary>
/// <param name="PageToken">The next page to pull ('' from the start).</param>
/// <param name="WatchSequence">The last status change received on the stream.</param>
public sealed record PartnerCursor(string PageToken, ulong WatchSequence);

/// <summary>The certificates pulled from partners, and each partner's cursors (SQLite, the node's database).</summary>
public sealed class PartnerCredentialStore(NodeDatabase database, StoreWriter writer, TimeProvider time)
{
    /// <summary>Stores verified certificates (a certificate already held is left as it is) and moves the page cursor.</summary>
    /// <returns>How many were new.</returns>
    public Task<int> AddAsync(string issuer, IReadOnlyList<(string Id, string AeoNumber, PresentedCredential Presented)> credentials,
        string nextPageToken, CancellationToken cancellationToken) =>
        writer.ExecuteAsync((connection, transaction) =>
        {
            var added = 0;
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var (id, aeoNumber, presented) in credentials)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO partner_credentials (issuer, id, aeo_number, jws, root, leaf_index, proof, pulled_at_ms)
                    VALUES ($issuer, $id, $aeo, $jws, $root, $index, $proof, $now) ON CONFLICT (issuer, id) DO NOTHING
                    """;
                command.Parameters.AddWithValue("$issuer", issuer);
                command.Parameters.AddWithValue("$id", id);
                command.Parameters.AddWithValue("$aeo", aeoNumber);
                command.Parameters.AddWithValue("$jws", presented.Jws);
                command.Parameters.AddWithValue("$root", presented.Root.ToArray());
                command.Parameters.AddWithValue("$index", (long)presented.Index);
                command.Parameters.AddWithValue("$proof", ProofColumn.ToBytes(presented.Proof));
                command.Parameters.AddWithValue("$now", now);
                added += command.ExecuteNonQuery();
            }
            CertificateStore.Run(connection, transaction, """
                INSERT INTO partner_cursors (issuer, page_token) VALUES ($issuer, $token)
                ON CONFLICT (issuer) DO UPDATE SET page_token = $token
                """, ("$issuer", issuer), ("$token", nextPageToken));
            return added;
        }, cancellationToken);

    /// <summary>Records the last status change received from <paramref name="issuer"/>'s stream.</summary>
    public Task SetWatchSequenceAsync(string issuer, ulong sequence, CancellationToken cancellationToken) =>
        writer.ExecuteAsync((connection, transaction) =>
        {
            CertificateStore.Run(connection, transaction, """
                INSERT INTO partner_cursors (issuer, watch_sequence) VALUES ($issuer, $seq)
                ON CONFLICT (issuer) DO UPDATE SET watch_sequence = max(watch_sequence, $seq)
                """, ("$issuer", issuer), ("$seq", (long)Math.Min(sequence, long.MaxValue)));
            return 0;
        }, cancellationToken);

    /// <summary>Where the pull from <paramref name="issuer"/> stands.</summary>
    public PartnerCursor Cursor(string issuer)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT page_token, watch_sequence FROM partner_cursors WHERE issuer = $issuer";
        command.Parameters.AddWithValue("$issuer", issuer);
        using var r = command.ExecuteReader();
        return r.Read() ? new PartnerCursor(r.GetString(0), (ulong)r.GetInt64(1)) : new PartnerCursor("", 0);
    }

    /// <summary>The partner certificates of an AEO number, oldest first.</summary>
    public IReadOnlyList<PartnerCredential> ByAeoNumber(string aeoNumber, int limit) =>
        Query("WHERE aeo_number = $key ORDER BY seq LIMIT $limit", aeoNumber, limit);

    /// <summary>The partner certificates from <paramref name="issuer"/>, oldest first.</summary>
    public IReadOnlyList<PartnerCredential> ByIssuer(string issuer, int limit) =>
        Query("WHERE issuer = $key ORDER BY seq LIMIT $limit", issuer, limit);

    /// <summary>How many certificates are held from <paramref name="issuer"/>.</summary>
    public long Count(string issuer)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM partner_credentials WHERE issuer = $issuer";
        command.Parameters.AddWithValue("$issuer", issuer);
        return (long)command.ExecuteScalar()!;
    }

    private List<PartnerCredential> Query(string where, string key, int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT issuer, id, aeo_number, jws, root, leaf_index, proof, pulled_at_ms FROM partner_credentials " + where;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$limit", limit);
        using var r = command.ExecuteReader();
        var found = new List<PartnerCredential>();
        while (r.Read())
            found.Add(Read(r));
        return found;
    }

    private static PartnerCredential Read(SqliteDataReader r)
    {
        var proof = ProofColumn.FromBytes((byte[])r[6]);
        return new PartnerCredential(r.GetString(0), r.GetString(1), r.GetString(2),
            new PresentedCredential(r.GetString(3), new Hash32((byte[])r[4]), (uint)r.GetInt64(5), proof), r.GetInt64(7));
    }
}
