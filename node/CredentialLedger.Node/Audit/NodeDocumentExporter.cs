using CredentialLedger.Evm;
using CredentialLedger.Node.Store;
using CredentialLedger.Sdk.Audit;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Audit;

/// <summary>What a node's document export holds.</summary>
/// <param name="Documents">The documents, own AEO certificates first (acceptance order), then partners' (pull order), then certificates of origin.</param>
/// <param name="Own">AEO certificates this node issued and anchored.</param>
/// <param name="Partners">AEO certificates pulled from partners (each verified against the chain when pulled).</param>
/// <param name="Origin">Certificates of origin of the chambers this node serves, anchored.</param>
/// <param name="NotAnchored">This node's documents left out because their anchoring is not confirmed yet.</param>
public sealed record NodeDocumentExport(IReadOnlyList<AuditDocument> Documents, int Own, int Partners, int Origin, int NotAnchored);

/// <summary>
/// Reads the off-chain documents of a node's SQLite store (read-only; the node may be running) with the place each
/// claims on chain, for <c>credledger audit export-documents</c>: the signed document byte for byte, its batch root,
/// its index and its Merkle proof. Only documents whose anchoring transaction is confirmed are exported.
/// </summary>
public static class NodeDocumentExporter
{
    // Own certificates: the batch's anchoring transaction confirmed (state 1), as the certificate store reads "anchored".
    private const string OwnQuery = """
        SELECT c.id, c.jws, b.root, c.leaf_index, c.proof
          FROM credentials c
          JOIN batches b ON b.id = c.batch_id
          JOIN chain_transactions t ON t.id = b.chain_tx_id AND t.state = 1
         WHERE c.proof IS NOT NULL AND c.leaf_index IS NOT NULL
         ORDER BY c.seq
        """;

    private const string NotAnchoredQuery = """
        SELECT count(*) FROM credentials c
          LEFT JOIN batches b ON b.id = c.batch_id
          LEFT JOIN chain_transactions t ON t.id = b.chain_tx_id AND t.state = 1
         WHERE t.id IS NULL OR c.proof IS NULL
        """;

    private const string PartnerQuery = "SELECT id, jws, root, leaf_index, proof FROM partner_credentials ORDER BY seq";

    // Certificates of origin (schema 0004, "certificates of origin", from the node's chamber support): the signed XML
    // byte for byte, anchored by its chamber's confirmed origin transaction and not refused. Read only where the
    // table exists, so stores of nodes without chambers export their AEO certificates alone.
    private const string OriginQuery = """
        SELECT c.id, c.xml, b.root, c.leaf_index, c.proof
          FROM origin_certificates c
          JOIN origin_batches b ON b.id = c.batch_id
          JOIN origin_transactions t ON t.id = b.chain_tx_id AND t.state = 1
         WHERE c.proof IS NOT NULL AND c.leaf_index IS NOT NULL
         ORDER BY c.seq
        """;

    /// <summary>Reads the documents of the node database at <paramref name="databasePath"/>.</summary>
    /// <param name="databasePath">The node's SQLite file (node.json's <c>databaseFile</c>).</param>
    /// <param name="includePartners">Also export the certificates pulled from partners under MRAs.</param>
    /// <exception cref="FileNotFoundException">There is no database at the path.</exception>
    /// <exception cref="InvalidDataException">The file is not a node database, or a stored proof is malformed.</exception>
    public static NodeDocumentExport Read(string databasePath, bool includePartners)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        if (!File.Exists(databasePath))
            throw new FileNotFoundException($"{databasePath} does not exist: is --data the node's data directory?", databasePath);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            if (!HasTable(connection, "credentials") || !HasTable(connection, "batches"))
                throw new InvalidDataException($"{databasePath} is not a node database (it has no credentials table).");

            var documents = new List<AuditDocument>();
            var own = ReadInto(connection, OwnQuery, documents, AuditDocumentKind.Aeo);
            var partners = includePartners && HasTable(connection, "partner_credentials")
                ? ReadInto(connection, PartnerQuery, documents, AuditDocumentKind.Aeo)
                : 0;
            var origin = HasTable(connection, "origin_certificates") ? ReadInto(connection, OriginQuery, documents, AuditDocumentKind.Coo) : 0;
            using var count = connection.CreateCommand();
            count.CommandText = NotAnchoredQuery;
            var notAnchored = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            return new NodeDocumentExport(documents, own, partners, origin, notAnchored);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{databasePath} cannot be read as a node database: {e.Message}", e);
        }
    }

    private static int ReadInto(SqliteConnection connection, string query, List<AuditDocument> documents, AuditDocumentKind kind)
    {
        using var command = connection.CreateCommand();
        command.CommandText = query;
        using var reader = command.ExecuteReader();
        var read = 0;
        while (reader.Read())
        {
            var id = reader.GetString(0);
            byte[] content = kind == AuditDocumentKind.Aeo ? System.Text.Encoding.ASCII.GetBytes(reader.GetString(1)) : (byte[])reader[1];
            var root = (byte[])reader[2];
            var proof = (byte[])reader[4];
            if (root.Length != Hash32.Size || proof.Length % Hash32.Size != 0)
                throw new InvalidDataException($"document {id}: the stored root or proof is malformed ({root.Length}-byte root, {proof.Length}-byte proof).");
            documents.Add(new AuditDocument(kind, id, content, new Hash32(root), checked((uint)reader.GetInt64(3)), ProofColumn.FromBytes(proof)));
            read++;
        }
        return read;
    }

    private static bool HasTable(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}
