using CredentialLedger.Node.Store;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Store;

public sealed class StoreWriterTests
{
    [Fact]
    public async Task A_failing_item_changes_nothing_and_the_rest_of_its_group_commits()
    {
        using var directory = new TempDirectory("writer");
        var database = new NodeDatabase(Path.Combine(directory.Path, "node.db"), fullSync: false);
        database.Migrate();
        await using var writer = new StoreWriter(database);

        // Queued together, so they share one transaction.
        var tasks = Enumerable.Range(0, 50).Select(i => writer.ExecuteAsync((connection, transaction) =>
        {
            CertificateStore.Run(connection, transaction, "INSERT INTO node_state (key, value) VALUES ($k, 'v')", ("$k", $"key-{i}"));
            if (i % 10 == 3)
                throw new InvalidOperationException($"item {i} fails after writing");
            return i;
        })).ToList();

        for (var i = 0; i < tasks.Count; i++)
        {
            if (i % 10 == 3)
                Assert.Equal($"item {i} fails after writing", (await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[i])).Message);
            else
                Assert.Equal(i, await tasks[i]);
        }
        using var read = database.Open();
        using var command = read.CreateCommand();
        command.CommandText = "SELECT key FROM node_state ORDER BY key";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
            keys.Add(reader.GetString(0));
        Assert.Equal(45, keys.Count);
        Assert.DoesNotContain("key-3", keys);
        Assert.DoesNotContain("key-43", keys);
    }

    [Fact]
    public async Task Work_completes_only_after_its_commit_is_visible_to_a_new_connection()
    {
        using var directory = new TempDirectory("writer");
        var database = new NodeDatabase(Path.Combine(directory.Path, "node.db"), fullSync: true);
        database.Migrate();
        await using var writer = new StoreWriter(database);

        for (var i = 0; i < 20; i++)
        {
            await writer.ExecuteAsync((c, t) =>
            {
                CertificateStore.Run(c, t, "INSERT INTO node_state (key, value) VALUES ($k, 'v')", ("$k", $"k{i}"));
                return true;
            });
            using var read = database.Open();
            using var command = read.CreateCommand();
            command.CommandText = "SELECT count(*) FROM node_state";
            Assert.Equal((long)(i + 1), command.ExecuteScalar());
        }
    }

    [Fact]
    public async Task After_dispose_new_work_is_refused_with_a_clear_error()
    {
        using var directory = new TempDirectory("writer");
        var database = new NodeDatabase(Path.Combine(directory.Path, "node.db"), fullSync: false);
        database.Migrate();
        var writer = new StoreWriter(database);
        await writer.DisposeAsync();

        var error = Assert.Throws<ObjectDisposedException>(() => { _ = writer.ExecuteAsync((_, _) => 1); });
        Assert.Contains("shutting down", error.Message, StringComparison.Ordinal);
    }
}
