using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Node.Audit;
using CredentialLedger.Node.Store;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.TestKit;
using Microsoft.Data.Sqlite;

namespace CredentialLedger.Node.Tests.Audit;

public sealed class NodeDocumentExporterTests : IDisposable
{
    private static readonly Hash32 Root = Keccak256.HashUtf8("root");
    private static readonly Hash32[] Proof = [Keccak256.HashUtf8("sibling 1"), Keccak256.HashUtf8("sibling 2")];
    private readonly TempDirectory _directory = new("export-documents");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Only_certificates_whose_anchoring_is_confirmed_are_exported_with_their_root_index_and_proof()
    {
        var path = Database(connection =>
        {
            Execute(connection, "INSERT INTO chain_transactions (id, purpose, nonce, hash, raw, state, created_at) VALUES (1, 'anchor', 0, $h1, x'00', 1, 0)",
                ("$h1", Keccak256.HashUtf8("tx 1").ToArray()));
            Execute(connection, "INSERT INTO chain_transactions (id, purpose, nonce, hash, raw, state, created_at) VALUES (2, 'anchor', 1, $h2, x'00', 0, 0)",
                ("$h2", Keccak256.HashUtf8("tx 2").ToArray()));
            Execute(connection, "INSERT INTO batches (id, root, size, created_at, chain_tx_id) VALUES (1, $root, 2, 0, 1)", ("$root", Root.ToArray()));
            Execute(connection, "INSERT INTO batches (id, root, size, created_at, chain_tx_id) VALUES (2, $root, 1, 0, 2)",
                ("$root", Keccak256.HashUtf8("unconfirmed").ToArray()));
            Credential(connection, "urn:uuid:anchored", "eyJ.anchored.sig", batch: 1, index: 1, ProofColumn.ToBytes(Proof));
            Credential(connection, "urn:uuid:unconfirmed", "eyJ.unconfirmed.sig", batch: 2, index: 0, []);
            Credential(connection, "urn:uuid:pending", "eyJ.pending.sig", batch: null, index: null, null);
        });

        var export = NodeDocumentExporter.Read(path, includePartners: false);

        var document = Assert.Single(export.Documents);
        Assert.Equal((1, 0, 0, 2), (export.Own, export.Partners, export.Origin, export.NotAnchored));
        Assert.Equal(AuditDocumentKind.Aeo, document.Kind);
        Assert.Equal("urn:uuid:anchored", document.DocumentId);
        Assert.Equal("eyJ.anchored.sig", document.ContentText);
        Assert.Equal(Root, document.Root);
        Assert.Equal(1u, document.Index);
        Assert.Equal(Proof, document.Proof);
    }

    [Fact]
    public void Partners_certificates_are_exported_only_when_asked()
    {
        var path = Database(connection => Execute(connection,
            "INSERT INTO partner_credentials (issuer, id, aeo_number, jws, root, leaf_index, proof, pulled_at_ms) VALUES ('KZ', 'urn:uuid:kz', 'KZ-1', 'eyJ.kz.sig', $root, 3, $proof, 0)",
            ("$root", Root.ToArray()), ("$proof", ProofColumn.ToBytes(Proof))));

        var without = NodeDocumentExporter.Read(path, includePartners: false);
        var with = NodeDocumentExporter.Read(path, includePartners: true);

        Assert.Empty(without.Documents);
        var document = Assert.Single(with.Documents);
        Assert.Equal(1, with.Partners);
        Assert.Equal(("urn:uuid:kz", 3u), (document.DocumentId, document.Index));
    }

    [Fact]
    public void A_missing_file_or_a_database_that_is_not_a_node_s_is_a_clear_error()
    {
        var missing = _directory.File("missing.db");
        var other = _directory.File("other.db");
        using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE something (x INTEGER)");
        }
        var text = _directory.File("text.db");
        File.WriteAllText(text, "not a database at all, just some text that is long enough to have a header.....................................");

        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => NodeDocumentExporter.Read(missing, false)).Message, StringComparison.Ordinal);
        Assert.Contains("is not a node database", Assert.Throws<InvalidDataException>(() => NodeDocumentExporter.Read(other, false)).Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read as a node database", Assert.Throws<InvalidDataException>(() => NodeDocumentExporter.Read(text, false)).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));   // read-only: nothing created
    }

    private string Database(Action<SqliteConnection> fill)
    {
        var database = new NodeDatabase(_directory.File("node.db"), fullSync: false);
        database.Migrate();
        using (var connection = database.Open())
            fill(connection);
        SqliteConnection.ClearAllPools();
        return database.Path;
    }

    private static void Credential(SqliteConnection connection, string id, string jws, int? batch, int? index, byte[]? proof) =>
        Execute(connection, """
            INSERT INTO credentials (id, aeo_number, jws, document_hash, key_id, valid_from_s, valid_until_s, accepted_at, status, batch_id, leaf_index, proof)
            VALUES ($id, 'KR-1', $jws, x'00', x'00', 0, 1, 0, 1, $batch, $index, $proof)
            """, ("$id", id), ("$jws", jws), ("$batch", (object?)batch ?? DBNull.Value), ("$index", (object?)index ?? DBNull.Value),
            ("$proof", (object?)proof ?? DBNull.Value));

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
