using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Node.Indexing;
using CredentialLedger.Node.Store;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Indexing;

/// <summary>The cursor survives a restart, and no event is applied twice however often a range is read.</summary>
public sealed class ChainIndexerRestartTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Restarted_indexer_resumes_at_its_cursor_and_a_new_event_adds_exactly_one_row()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var testbed = await IndexingTestbed.CreateAsync(anvil, cts.Token);
        var root = await testbed.AnchorAsync(4, cts.Token);
        await testbed.SuspendAsync(root, 0, 1, cts.Token);

        var first = testbed.NewIndexer();
        await IndexingTestbed.CatchUpAsync(first, cts.Token);
        var cursor = first.IndexedBlock;
        var counts = testbed.Counts();
        var dump = testbed.Dump();
        Assert.Equal((await testbed.RegistryLogsAsync(cts.Token)).Count, counts["chain_events"]);
        Assert.Equal(1, counts["rm_batches"]);
        Assert.Equal(1, counts["rm_statuses"]);

        // Restart: a new indexer over the same database file.
        var restarted = testbed.NewIndexer();
        Assert.Equal(cursor, restarted.IndexedBlock);
        var step = await restarted.StepAsync(cts.Token);
        Assert.True(step.CaughtUp);
        Assert.Equal(0, step.Events);
        Assert.Equal(counts, testbed.Counts());
        Assert.Equal(dump, testbed.Dump());

        // One new event on chain: exactly one more recorded event and one more status row, nothing else.
        await testbed.SuspendAsync(root, 2, 5, cts.Token);
        var applied = await IndexingTestbed.CatchUpAsync(restarted, cts.Token);
        Assert.Equal(1, applied);
        var after = testbed.Counts();
        Assert.Equal(counts["chain_events"] + 1, after["chain_events"]);
        Assert.Equal(counts["rm_statuses"] + 1, after["rm_statuses"]);
        Assert.All(IndexingTestbed.ReadModelTables.Except(["chain_events", "rm_statuses"]), t => Assert.Equal(counts[t], after[t]));
        var status = testbed.ReadModel().GetStatus(root, 2);
        Assert.NotNull(status);
        Assert.Equal((CredentialStatus.Suspended, (byte)5), (status.Status, status.Reason));
        Assert.True(restarted.IndexedBlock > cursor);

        // And a third start finds nothing to do.
        Assert.Equal(0, await IndexingTestbed.CatchUpAsync(testbed.NewIndexer(), cts.Token));
        Assert.Equal(after, testbed.Counts());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2000)]
    public async Task Indexing_the_same_range_again_applies_nothing_twice(int maxBlockRange)
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var testbed = await IndexingTestbed.CreateAsync(anvil, cts.Token);
        var root = await testbed.AnchorAsync(8, cts.Token);
        await testbed.SuspendAsync(root, 3, 1, cts.Token);
        var options = new IndexerOptions { MaxBlockRange = maxBlockRange };
        var indexer = testbed.NewIndexer(options);
        var applied = await IndexingTestbed.CatchUpAsync(indexer, cts.Token);
        var dump = testbed.Dump();
        var counts = testbed.Counts();
        Assert.Equal(applied, counts["chain_events"]);

        // As after a crash that lost the cursor: the whole range is read again.
        SetCursor(testbed.NewDatabase(), null);
        var fresh = testbed.NewIndexer(options);
        Assert.Null(fresh.IndexedBlock);
        Assert.Equal(0, await IndexingTestbed.CatchUpAsync(fresh, cts.Token));
        Assert.Equal(dump, testbed.Dump());

        // A cursor moved back into the middle of the range (the anchoring block's parent): same.
        var anchoring = testbed.ReadModel().GetBatch(root)!.BlockNumber;
        var parent = await testbed.Eth.GetBlockByNumberAsync(anchoring - 1, cts.Token);
        SetCursor(testbed.NewDatabase(), (anchoring - 1, parent.Hash));
        var rewound = testbed.NewIndexer(options);
        Assert.Equal(anchoring - 1, rewound.IndexedBlock);
        Assert.Equal(0, await IndexingTestbed.CatchUpAsync(rewound, cts.Token));
        Assert.Equal(dump, testbed.Dump());
        Assert.Equal(counts, testbed.Counts());
    }

    [Fact]
    public async Task Two_indexers_stepping_over_one_database_record_each_event_once()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var testbed = await IndexingTestbed.CreateAsync(anvil, cts.Token);
        var root = await testbed.AnchorAsync(2, cts.Token);
        await testbed.SuspendAsync(root, 1, 1, cts.Token);
        var options = new IndexerOptions { MaxBlockRange = 1 };
        var a = testbed.NewIndexer(options);
        var b = testbed.NewIndexer(options);

        var applied = await Task.WhenAll(Task.Run(() => IndexingTestbed.CatchUpAsync(a, cts.Token)), Task.Run(() => IndexingTestbed.CatchUpAsync(b, cts.Token)));

        var logs = await testbed.RegistryLogsAsync(cts.Token);
        Assert.Equal(logs.Count, applied.Sum());
        Assert.Equal(logs.Count, testbed.Count("chain_events"));
        Assert.Equal(a.IndexedBlock, b.IndexedBlock);
        Assert.Equal(1, testbed.Count("rm_batches"));
        Assert.Equal(CredentialStatus.Suspended, testbed.ReadModel().GetStatus(root, 1)?.Status);
    }

    private static void SetCursor(NodeDatabase database, (ulong Block, Hash32 Hash)? cursor)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        if (cursor is { } c)
        {
            command.CommandText = "UPDATE indexer_cursor SET block_number = $b, block_hash = $h WHERE id = 1";
            command.Parameters.AddWithValue("$b", (long)c.Block);
            command.Parameters.AddWithValue("$h", c.Hash.ToArray());
        }
        else
            command.CommandText = "DELETE FROM indexer_cursor";
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
