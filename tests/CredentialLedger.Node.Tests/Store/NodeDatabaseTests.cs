using CredentialLedger.Node.Store;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Store;

public sealed class NodeDatabaseTests
{
    [Fact]
    public void Migrate_applies_every_script_once_and_a_second_run_applies_nothing()
    {
        using var directory = new TempDirectory("db");
        var database = new NodeDatabase(Path.Combine(directory.Path, "sub", "node.db"), fullSync: false);

        var first = database.Migrate();
        var second = database.Migrate();

        Assert.Equal(NodeDatabase.Migrations.All.Select(m => m.Name), first);
        Assert.Contains("0001_credentials_outbox", first);
        Assert.Empty(second);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void A_database_from_a_newer_node_is_refused_with_a_clear_error()
    {
        using var directory = new TempDirectory("db");
        var database = new NodeDatabase(Path.Combine(directory.Path, "node.db"), fullSync: false);
        database.Migrate();
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future', 0)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => database.Migrate());

        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
        Assert.Contains("newer node", error.Message, StringComparison.Ordinal);
    }
}
