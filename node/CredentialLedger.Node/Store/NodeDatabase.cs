using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Store;

/// <summary>
/// The node's SQLite database (one file in the data directory, WAL journal). Opens connections with the node's
/// pragmas and brings the schema up to date with the numbered scripts in <c>Store/Migrations</c>, each applied once,
/// in its own transaction, and recorded in <c>schema_migrations</c>.
/// </summary>
public sealed class NodeDatabase
{
    private readonly string _connectionString;
    private readonly bool _fullSync;
    private readonly TimeProvider _time;

    /// <summary>Describes the database at <paramref name="path"/> (nothing is opened yet).</summary>
    /// <param name="path">The database file; created on first open.</param>
    /// <param name="fullSync">
    /// True (the default) makes every commit durable across power loss (<c>synchronous=FULL</c>); false survives
    /// process crashes only (<c>NORMAL</c>), which is enough for tests and benchmarks on throwaway data.
    /// </param>
    /// <param name="time">The clock for migration records; the system clock by default.</param>
    public NodeDatabase(string path, bool fullSync = true, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _fullSync = fullSync;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens a connection with the node's pragmas; the caller disposes it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText =
            "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; " +
            (_fullSync ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Applies every migration not yet applied, in order. Returns the names applied now.</summary>
    /// <exception cref="InvalidOperationException">The database is newer than this node (an unknown migration was applied).</exception>
    public IReadOnlyList<string> Migrate()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        using var connection = Open();
        Execute(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        var applied = new HashSet<int>();
        using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT version FROM schema_migrations";
            using var reader = query.ExecuteReader();
            while (reader.Read())
                applied.Add(reader.GetInt32(0));
        }

        var known = Migrations.All;
        var unknown = applied.Where(v => known.All(m => m.Version != v)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"The database {Path} has schema version(s) {string.Join(", ", unknown)} that this node does not know; it was written by a newer node.");

        var done = new List<string>();
        foreach (var migration in known.Where(m => !applied.Contains(m.Version)))
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, migration.Sql);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t)";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.Parameters.AddWithValue("$t", _time.GetUtcNow().ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
            }
            transaction.Commit();
            done.Add(migration.Name);
        }
        return done;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The embedded migration scripts, named <c>NNNN_description.sql</c>.</summary>
    internal static class Migrations
    {
        public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } = Load();

        private static List<(int, string, string)> Load()
        {
            var assembly = typeof(NodeDatabase).Assembly;
            const string Prefix = "CredentialLedger.Node.Store.Migrations.";
            var list = new List<(int, string, string)>();
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
            {
                var name = resource[Prefix.Length..^".sql".Length];
                var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream);
                list.Add((version, name, reader.ReadToEnd()));
            }
            list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i].Item1 == list[i - 1].Item1)
                    throw new InvalidOperationException($"Two migrations share version {list[i].Item1}.");
            }
            return list;
        }
    }
}
