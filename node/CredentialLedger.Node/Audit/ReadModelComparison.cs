using System.Globalization;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Audit;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Audit;

/// <summary>One entry on which the node's read model and the replayed chain disagree.</summary>
/// <param name="Entry">What it is about, e.g. <c>credential 0x…#3</c>.</param>
/// <param name="ReadModel">What the node's read model says (<c>absent</c> when it has no row).</param>
/// <param name="Replay">What the replay says (<c>absent</c> when it has nothing).</param>
public sealed record ReadModelDifference(string Entry, string ReadModel, string Replay);

/// <summary>The outcome of <see cref="ReadModelComparison.Compare"/>.</summary>
/// <param name="IndexedBlock">The last block the node's indexer applied: the replay must stop there.</param>
/// <param name="Compared">How many entries were compared (batches, changed credentials, origin batches, revoked or used certificates).</param>
/// <param name="Differences">Every disagreement, in a stable order.</param>
public sealed record ReadModelComparisonResult(ulong IndexedBlock, int Compared, IReadOnlyList<ReadModelDifference> Differences)
{
    /// <summary>Whether both sides agree on every entry.</summary>
    public bool Agree => Differences.Count == 0;
}

/// <summary>
/// Checks a node's chain read model (the rm_ tables its indexer keeps in SQLite) against an audit replay of the same
/// chain up to the same block: every AEO batch (issuer, size, block), every credential whose status changed (current
/// status), every origin batch (chamber, member, size) and every revoked or used certificate of origin. The two are
/// built by different code from the same events, so agreement is evidence that neither lost or misread one.
/// </summary>
public static class ReadModelComparison
{
    /// <summary>The last block the node's indexer applied, or null when it has applied none.</summary>
    /// <exception cref="InvalidDataException">The file is not a node database.</exception>
    public static ulong? IndexedBlock(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT block_number FROM indexer_cursor WHERE id = 1";
        return command.ExecuteScalar() is long block ? (ulong)block : null;
    }

    /// <summary>Compares the read model in <paramref name="databasePath"/> with <paramref name="report"/>, a replay up to its indexed block.</summary>
    /// <exception cref="InvalidDataException">The file is not a node database, or the replay did not stop at the indexed block.</exception>
    public static ReadModelComparisonResult Compare(string databasePath, AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var connection = Open(databasePath);
        var indexed = Scalar(connection, "SELECT block_number FROM indexer_cursor WHERE id = 1") is long b
            ? (ulong)b
            : throw new InvalidDataException($"{databasePath}: the node's indexer has applied no block yet; start the node and let it sync first.");
        if (report.Range.ToBlock != indexed)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"the replay ends at block {report.Range.ToBlock} but the node's read model at block {indexed}: compare the same chain prefix."));
        }

        var differences = new List<ReadModelDifference>();
        var compared = 0;
        compared += Diff(differences, "AEO batch",
            Rows(connection, "SELECT root, issuer, size, block_number FROM rm_batches",
                r => (Hex(r, 0), Invariant($"issuer {r.GetString(1)}, size {r.GetInt64(2)}, block {r.GetInt64(3)}"))),
            report.CredentialBatches.Select(x => (x.Root.ToString(), Invariant($"issuer {x.Issuer}, size {x.Size}, block {x.Anchored.Block}"))));
        compared += Diff(differences, "credential",
            Rows(connection, "SELECT root, leaf_index, status FROM rm_statuses",
                r => (Invariant($"{Hex(r, 0)}#{r.GetInt64(1)}"), StatusName(r.GetInt64(2)))),
            report.Credentials.Where(x => x.Changes.Count > 0).Select(x => (x.Credential.ToString(), x.Status.ToString())));
        compared += Diff(differences, "origin batch",
            Rows(connection, "SELECT root, chamber, member, size FROM rm_origin_batches",
                r => (Hex(r, 0), Invariant($"chamber {r.GetString(1)}, member {r.GetString(2)}, size {r.GetInt64(3)}"))),
            report.OriginBatches.Select(x => (x.Root.ToString(), Invariant($"chamber {x.Chamber}, member {x.Member}, size {x.Size}"))));
        compared += Diff(differences, "certificate of origin",
            Rows(connection, "SELECT root, leaf_index, revoked_at_s, used_by FROM rm_origin_certificates",
                r => (Invariant($"{Hex(r, 0)}#{r.GetInt64(1)}"),
                    OriginState(r.IsDBNull(2) ? null : (ulong)r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3)))),
            ReplayedCertificates(report));
        return new ReadModelComparisonResult(indexed, compared, differences);
    }

    private static IEnumerable<(string Key, string Value)> ReplayedCertificates(AuditReport report)
    {
        foreach (var batch in report.OriginBatches)
        {
            // The registry lets a certificate be revoked once and used once: the first of each is the one that stands.
            var revoked = batch.Revocations.GroupBy(r => r.Index).ToDictionary(g => g.Key, g => (ulong?)g.First().EffectiveAt);
            var used = batch.Uses.GroupBy(u => u.Index).ToDictionary(g => g.Key, g => g.First().Member.ToString());
            foreach (var index in revoked.Keys.Union(used.Keys))
                yield return (Invariant($"{batch.Root}#{index}"), OriginState(revoked.GetValueOrDefault(index), used.GetValueOrDefault(index)));
        }
    }

    private static string OriginState(ulong? revokedAt, string? usedBy) =>
        Invariant($"revoked {(revokedAt is { } r ? r.ToString(CultureInfo.InvariantCulture) : "no")}, used by {usedBy ?? "nobody"}");

    private static string StatusName(long value) =>
        value is >= 0 and <= 3 ? ((CredentialStatus)(byte)value).ToString() : Invariant($"unknown status {value}");

    // Adds a difference for every key whose values differ or that only one side has; returns how many keys were compared.
    private static int Diff(List<ReadModelDifference> differences, string kind,
        IEnumerable<(string Key, string Value)> readModel, IEnumerable<(string Key, string Value)> replay)
    {
        var left = readModel.ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
        var right = replay.ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
        var keys = left.Keys.Union(right.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            var l = left.GetValueOrDefault(key) ?? "absent";
            var r = right.GetValueOrDefault(key) ?? "absent";
            if (!string.Equals(l, r, StringComparison.Ordinal))
                differences.Add(new ReadModelDifference($"{kind} {key}", l, r));
        }
        return keys.Count;
    }

    private static string Hex(SqliteDataReader reader, int column)
    {
        var bytes = (byte[])reader[column];
        return bytes.Length == Hash32.Size ? new Hash32(bytes).ToString() : "0x" + Convert.ToHexStringLower(bytes);
    }

    private static List<(string, string)> Rows(SqliteConnection connection, string query, Func<SqliteDataReader, (string, string)> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    private static object? Scalar(SqliteConnection connection, string query)
    {
        using var command = connection.CreateCommand();
        command.CommandText = query;
        return command.ExecuteScalar();
    }

    private static SqliteConnection Open(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        if (!File.Exists(databasePath))
            throw new InvalidDataException($"{databasePath} does not exist: is --data the node's data directory?");
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('indexer_cursor', 'rm_batches', 'rm_statuses', 'rm_origin_batches', 'rm_origin_certificates')";
            if (Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) != 5)
                throw new InvalidDataException($"{databasePath} is not a node database with a chain read model.");
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidDataException($"{databasePath} cannot be read as a node database: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
