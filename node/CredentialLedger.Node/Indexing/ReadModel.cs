using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Node.Store;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Indexing;

/// <summary>A member as the chain says.</summary>
public sealed record MemberView(string Code, bool Active, uint Epoch, IReadOnlyList<Address> Operators);

/// <summary>A registered signing key.</summary>
public sealed record SigningKeyView(Hash32 KeyId, string Member, string? Chamber, byte[] PublicKey, ulong ValidFrom, ulong ValidUntil, ulong RevokedAt);

/// <summary>An anchored AEO credential batch (any member's).</summary>
public sealed record CredentialBatchView(Hash32 Root, string Issuer, uint Size, ulong AnchoredAt, ulong BlockNumber, Hash32 TransactionHash);

/// <summary>A credential whose status changed on chain.</summary>
public sealed record CredentialStatusView(Hash32 Root, uint Index, CredentialStatus Status, byte Reason, ulong EffectiveAt, Hash32? NewRoot, uint? NewIndex);

/// <summary>An MRA.</summary>
public sealed record MraView(ulong Id, IReadOnlyList<string> Parties, uint Scope, uint Benefits, ulong ValidFrom, ulong ValidUntil, uint Version, uint ConcludedVersion, string Status);

/// <summary>Queries over the read model the indexer keeps. Each opens its own connection (WAL: never waits for writers).</summary>
public sealed class ReadModel(NodeDatabase database)
{
    /// <summary>The last block the indexer applied, or null before its first step.</summary>
    public ulong? IndexedBlock() => Scalar("SELECT block_number FROM indexer_cursor WHERE id = 1") is long b ? (ulong)b : null;

    /// <summary>How many registry events the indexer has recorded.</summary>
    public long EventCount() => (long)Scalar("SELECT count(*) FROM chain_events")!;

    /// <summary>Every member.</summary>
    public IReadOnlyList<MemberView> Members() => Query("SELECT code, active, epoch FROM rm_members ORDER BY code", null, r => Member(r)).ToList();

    /// <summary>A member, or null.</summary>
    public MemberView? GetMember(string code) =>
        Query("SELECT code, active, epoch FROM rm_members WHERE code = $c", ("$c", code), r => Member(r)).FirstOrDefault();

    /// <summary>A signing key, or null.</summary>
    public SigningKeyView? GetKey(Hash32 keyId) => Query(
        "SELECT key_id, member, chamber, public_key, valid_from_s, valid_until_s, revoked_at_s FROM rm_keys WHERE key_id = $k", ("$k", keyId.ToArray()),
        r => new SigningKeyView(new Hash32((byte[])r[0]), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), (byte[])r[3],
            (ulong)r.GetInt64(4), (ulong)r.GetInt64(5), (ulong)r.GetInt64(6))).FirstOrDefault();

    /// <summary>An anchored batch, or null.</summary>
    public CredentialBatchView? GetBatch(Hash32 root) => Query(
        "SELECT root, issuer, size, anchored_at_s, block_number, tx_hash FROM rm_batches WHERE root = $r", ("$r", root.ToArray()),
        r => new CredentialBatchView(new Hash32((byte[])r[0]), r.GetString(1), (uint)r.GetInt64(2), (ulong)r.GetInt64(3), (ulong)r.GetInt64(4),
            new Hash32((byte[])r[5]))).FirstOrDefault();

    /// <summary>The batches of <paramref name="issuer"/>.</summary>
    public IReadOnlyList<CredentialBatchView> Batches(string issuer) => Query(
        "SELECT root, issuer, size, anchored_at_s, block_number, tx_hash FROM rm_batches WHERE issuer = $i ORDER BY block_number", ("$i", issuer),
        r => new CredentialBatchView(new Hash32((byte[])r[0]), r.GetString(1), (uint)r.GetInt64(2), (ulong)r.GetInt64(3), (ulong)r.GetInt64(4),
            new Hash32((byte[])r[5]))).ToList();

    /// <summary>The credential's last status change on chain, or null (Active since anchoring, or not anchored).</summary>
    public CredentialStatusView? GetStatus(Hash32 root, uint index) => Query(
        "SELECT root, leaf_index, status, reason, effective_at_s, new_root, new_index FROM rm_statuses WHERE root = $r AND leaf_index = $i",
        ("$r", root.ToArray()), r => new CredentialStatusView(new Hash32((byte[])r[0]), (uint)r.GetInt64(1), (CredentialStatus)r.GetInt64(2),
            (byte)r.GetInt64(3), (ulong)r.GetInt64(4), r.IsDBNull(5) ? null : new Hash32((byte[])r[5]), r.IsDBNull(6) ? null : (uint)r.GetInt64(6)),
        ("$i", (long)index)).FirstOrDefault();

    /// <summary>Every MRA.</summary>
    public IReadOnlyList<MraView> Mras() => Query(
        "SELECT mra_id, parties, scope, benefits, valid_from_s, valid_until_s, version, concluded_version, status FROM rm_mras ORDER BY mra_id", null,
        r => new MraView((ulong)r.GetInt64(0), r.GetString(1).Split(','), (uint)r.GetInt64(2), (uint)r.GetInt64(3), (ulong)r.GetInt64(4),
            (ulong)r.GetInt64(5), (uint)r.GetInt64(6), (uint)r.GetInt64(7), r.GetString(8))).ToList();

    private MemberView Member(SqliteDataReader r)
    {
        var code = r.GetString(0);
        var operators = Query("SELECT account FROM rm_operators WHERE member = $m ORDER BY account", ("$m", code), o => Address.Parse(o.GetString(0))).ToList();
        return new MemberView(code, r.GetInt64(1) == 1, (uint)r.GetInt64(2), operators);
    }

    private object? Scalar(string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private List<T> Query<T>(string sql, (string, object)? parameter, Func<SqliteDataReader, T> read, params (string, object)[] more)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is { } p)
            command.Parameters.AddWithValue(p.Item1, p.Item2);
        foreach (var (name, value) in more)
            command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
            list.Add(read(reader));
        return list;
    }
}
