using CredentialLedger.Evm;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Store;

/// <summary>Where a chamber served by this node stands, as this node last acted or saw on chain.</summary>
public enum ChamberState
{
    /// <summary>Keys made; authorization, key registration or funding not finished (authorize again to resume).</summary>
    Onboarding,

    /// <summary>Authorized: it may issue.</summary>
    Active,

    /// <summary>Suspended by its member: it may not issue until reinstated.</summary>
    Suspended,

    /// <summary>Withdrawn by its member, for good.</summary>
    Withdrawn,
}

/// <summary>A chamber of commerce this node serves.</summary>
/// <param name="Id">The chamber id as printed (e.g. KR-KCCI).</param>
/// <param name="Name">Its name.</param>
/// <param name="Account">Its chain account (it anchors and revokes from it).</param>
/// <param name="State">Where it stands.</param>
/// <param name="Reason">The reason code of its last suspension or withdrawal.</param>
/// <param name="TokenHash">SHA-256 of its bearer token, or null before onboarding finished.</param>
/// <param name="CreatedAt">When onboarding began (unix ms).</param>
/// <param name="UpdatedAt">When it last changed (unix ms).</param>
/// <param name="StatusBlock">
/// The block of this node's act that set <paramref name="State"/> (0 when none): a ledger history that has applied a
/// chamber change at or after it knows the chamber's status better than this record (a change made elsewhere).
/// </param>
public sealed record ServedChamber(string Id, string Name, Address Account, ChamberState State, int Reason, byte[]? TokenHash,
    long CreatedAt, long UpdatedAt, ulong StatusBlock);

/// <summary>The <c>chambers</c> table: the chambers this node serves (their keys are in the keystore).</summary>
public sealed class ChamberStore(NodeDatabase database, StoreWriter writer, TimeProvider time)
{
    /// <summary>The chamber, or null.</summary>
    public ServedChamber? Get(string id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Every chamber served, in the order onboarding began.</summary>
    public IReadOnlyList<ServedChamber> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Select + " ORDER BY created_at, id";
        using var reader = command.ExecuteReader();
        var list = new List<ServedChamber>();
        while (reader.Read())
            list.Add(Read(reader));
        return list;
    }

    /// <summary>Records a chamber whose onboarding begins (no-op when it is recorded already).</summary>
    public Task<ServedChamber> AddAsync(string id, string name, Address account, CancellationToken ct) =>
        writer.ExecuteAsync((connection, transaction) =>
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            CertificateStore.Run(connection, transaction, """
                INSERT INTO chambers (id, name, account, status, created_at, updated_at) VALUES ($id, $n, $a, 'onboarding', $t, $t)
                ON CONFLICT (id) DO NOTHING
                """, ("$id", id), ("$n", name), ("$a", account.ToString()), ("$t", now));
            return Get(connection, transaction, id)!;
        }, ct);

    /// <summary>Sets where the chamber stands (and the reason code of a suspension or withdrawal) as of chain block <paramref name="block"/>.</summary>
    public Task<ServedChamber> SetStateAsync(string id, ChamberState state, int reason, ulong block, CancellationToken ct) =>
        writer.ExecuteAsync((connection, transaction) =>
        {
            CertificateStore.Run(connection, transaction,
                "UPDATE chambers SET status = $s, reason = $r, status_block = $b, updated_at = $t WHERE id = $id",
                ("$id", id), ("$s", Text(state)), ("$r", reason), ("$b", (long)block), ("$t", time.GetUtcNow().ToUnixTimeMilliseconds()));
            return Get(connection, transaction, id) ?? throw new InvalidOperationException($"Chamber {id} is not recorded.");
        }, ct);

    /// <summary>Finishes onboarding: stores the hash of the chamber's new bearer token and marks it active.</summary>
    public Task<ServedChamber> FinishOnboardingAsync(string id, byte[] tokenHash, CancellationToken ct) =>
        writer.ExecuteAsync((connection, transaction) =>
        {
            CertificateStore.Run(connection, transaction, "UPDATE chambers SET token_hash = $h, status = 'active', updated_at = $t WHERE id = $id",
                ("$id", id), ("$h", tokenHash), ("$t", time.GetUtcNow().ToUnixTimeMilliseconds()));
            return Get(connection, transaction, id) ?? throw new InvalidOperationException($"Chamber {id} is not recorded.");
        }, ct);

    private const string Select = "SELECT id, name, account, status, reason, token_hash, created_at, updated_at, status_block FROM chambers";

    private static ServedChamber? Get(SqliteConnection connection, SqliteTransaction transaction, string id)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Select + " WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static ServedChamber Read(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), Address.Parse(r.GetString(2)),
        Parse(r.GetString(3)), r.GetInt32(4), r.IsDBNull(5) ? null : (byte[])r[5], r.GetInt64(6), r.GetInt64(7), (ulong)r.GetInt64(8));

    internal static string Text(ChamberState state) => state.ToString().ToLowerInvariant();

    private static ChamberState Parse(string text) => Enum.Parse<ChamberState>(text, ignoreCase: true);
}
