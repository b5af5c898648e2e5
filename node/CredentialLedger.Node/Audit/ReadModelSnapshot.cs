using System.Globalization;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Audit;

/// <summary>
/// The node's chain read model (the rm_ tables the indexer keeps) as one consistent snapshot: the block it is indexed
/// to, and every batch and changed credential or certificate of origin it knows, for <see cref="ReadModelComparison"/>.
/// </summary>
/// <param name="Block">The last block the indexer applied.</param>
/// <param name="BlockHash">That block's hash, as the indexer saw it.</param>
/// <param name="State">What the read model says of every credential and certificate of origin.</param>
public sealed record ReadModelSnapshot(ulong Block, Hash32 BlockHash, ComparedState State)
{
    /// <summary>
    /// Reads the snapshot from the node database at <paramref name="databasePath"/>, read-only and in one read
    /// transaction (the node may be running: its indexer's later steps are not seen).
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no database at the path.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a node database, its indexer has not indexed a block yet, or a row cannot be read.
    /// </exception>
    public static ReadModelSnapshot Read(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        if (!File.Exists(databasePath))
            throw new FileNotFoundException($"{databasePath} does not exist: is --data the node's data directory?", databasePath);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            foreach (var table in new[] { "indexer_cursor", "rm_batches", "rm_statuses", "rm_origin_batches", "rm_origin_certificates" })
            {
                if (!HasTable(connection, table))
                    throw new InvalidDataException($"{databasePath} is not a node database with a chain read model (it has no {table} table).");
            }
            using var transaction = connection.BeginTransaction(deferred: true);
            var (block, hash) = Cursor(connection, transaction)
                ?? throw new InvalidDataException($"the node's chain indexer has not indexed any block yet ({databasePath}): start the node and let it catch up.");
            var state = ReadState(connection, transaction);
            transaction.Commit();
            return new ReadModelSnapshot(block, hash, state);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{databasePath} cannot be read as a node database: {e.Message}", e);
        }
    }

    private static (ulong, Hash32)? Cursor(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var rows = Query(connection, transaction, "SELECT block_number, block_hash FROM indexer_cursor WHERE id = 1");
        var reader = rows.Reader;
        return reader.Read() ? ((ulong)reader.GetInt64(0), Hash(reader, 1, "indexer_cursor.block_hash")) : null;
    }

    private static ComparedState ReadState(SqliteConnection connection, SqliteTransaction transaction)
    {
        var batches = new Dictionary<Hash32, ComparedBatch>();
        using (var rows = Query(connection, transaction, "SELECT root, issuer, size, block_number, tx_hash FROM rm_batches"))
        {
            var reader = rows.Reader;
            while (reader.Read())
            {
                batches[Hash(reader, 0, "rm_batches.root")] = new ComparedBatch(reader.GetString(1), reader.GetString(1), Index(reader, 2),
                    (ulong)reader.GetInt64(3), Hash(reader, 4, "rm_batches.tx_hash"));
            }
        }
        var statuses = new Dictionary<CredentialRef, ComparedStatus>();
        using (var rows = Query(connection, transaction,
            "SELECT root, leaf_index, status, reason, effective_at_s, new_root, new_index, block_number FROM rm_statuses"))
        {
            var reader = rows.Reader;
            while (reader.Read())
            {
                CredentialRef? supersededBy = reader.IsDBNull(5) ? null : new CredentialRef(Hash(reader, 5, "rm_statuses.new_root"), Index(reader, 6));
                statuses[new CredentialRef(Hash(reader, 0, "rm_statuses.root"), Index(reader, 1))] = new ComparedStatus((CredentialStatus)reader.GetInt64(2),
                    (ulong)reader.GetInt64(7), reader.GetInt64(3), (ulong)reader.GetInt64(4), supersededBy);
            }
        }
        // Schema 0005 added where each origin batch was anchored; a database not migrated yet reads as not knowing it.
        var anchoring = HasColumn(connection, transaction, "rm_origin_batches", "block_number") ? "block_number, tx_hash" : "NULL, NULL";
        var originBatches = new Dictionary<Hash32, ComparedBatch>();
        using (var rows = Query(connection, transaction, $"SELECT root, chamber, member, size, {anchoring} FROM rm_origin_batches"))
        {
            var reader = rows.Reader;
            while (reader.Read())
            {
                originBatches[Hash(reader, 0, "rm_origin_batches.root")] = new ComparedBatch(reader.GetString(1), reader.GetString(2), Index(reader, 3),
                    reader.IsDBNull(4) ? null : (ulong)reader.GetInt64(4), reader.IsDBNull(5) ? null : Hash(reader, 5, "rm_origin_batches.tx_hash"));
            }
        }
        var marks = new Dictionary<CredentialRef, ComparedOriginMarks>();
        using (var rows = Query(connection, transaction, "SELECT root, leaf_index, revoked_at_s, used_by FROM rm_origin_certificates"))
        {
            var reader = rows.Reader;
            while (reader.Read())
            {
                marks[new CredentialRef(Hash(reader, 0, "rm_origin_certificates.root"), Index(reader, 1))] = new ComparedOriginMarks(
                    reader.IsDBNull(2) ? null : (ulong)reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
            }
        }
        return new ComparedState(batches, statuses, originBatches, marks);
    }

    // Disposing a command closes its reader: the reader owns the command (CommandBehavior.CloseConnection would close more).
    private static ReaderWithCommand Query(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return new ReaderWithCommand(command, command.ExecuteReader());
    }

    private sealed class ReaderWithCommand(SqliteCommand command, SqliteDataReader reader) : IDisposable
    {
        public SqliteDataReader Reader => reader;

        public void Dispose()
        {
            reader.Dispose();
            command.Dispose();
        }
    }

    private static Hash32 Hash(SqliteDataReader reader, int column, string name)
    {
        var bytes = (byte[])reader[column];
        if (bytes.Length != Hash32.Size)
            throw new InvalidDataException($"{name} holds {bytes.Length} bytes, not a 32-byte hash.");
        return new Hash32(bytes);
    }

    private static uint Index(SqliteDataReader reader, int column)
    {
        var value = reader.GetInt64(column);
        if (value is < 0 or > uint.MaxValue)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"an index or size of {value} in the read model is out of range."));
        return (uint)value;
    }

    private static bool HasTable(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction transaction, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = $column";
        command.Parameters.AddWithValue("$column", column);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
