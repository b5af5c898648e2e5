using CredentialLedger.Node.Indexing;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Indexing;

/// <summary>
/// A chain that changed under the cursor (anvil evm_snapshot / evm_revert, then other blocks): the indexer refuses to
/// go on (ChainReorganizedException, nothing applied) and its run loop stops; a rebuild is the operator's call.
/// Own anvil: these tests rewrite its history.
/// </summary>
public sealed class ChainIndexerReorgTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Reverted_and_remined_chain_under_the_cursor_is_detected_and_nothing_is_applied()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var testbed = await IndexingTestbed.CreateAsync(anvil, cts.Token);
        var snapshot = await testbed.SnapshotAsync(cts.Token);
        var root = await testbed.AnchorAsync(4, cts.Token);
        await testbed.SuspendAsync(root, 0, 1, cts.Token);
        var indexer = testbed.NewIndexer();
        await IndexingTestbed.CatchUpAsync(indexer, cts.Token);
        var cursor = indexer.IndexedBlock!.Value;
        var indexedHash = (await testbed.Eth.GetBlockByNumberAsync(cursor, cts.Token)).Hash;
        var dump = testbed.Dump();

        // Another history: back to before the anchoring, a different batch, then blocks up to and past the cursor.
        await testbed.RevertAsync(snapshot, cts.Token);
        var otherRoot = await testbed.AnchorAsync(3, cts.Token);
        while (await testbed.Eth.BlockNumberAsync(cts.Token) <= cursor)
            await testbed.MineAsync(cts.Token);
        Assert.NotEqual(indexedHash, (await testbed.Eth.GetBlockByNumberAsync(cursor, cts.Token)).Hash);

        var error = await Assert.ThrowsAsync<ChainReorganizedException>(() => indexer.StepAsync(cts.Token));

        Assert.Equal(cursor, error.Block);
        Assert.Contains(cursor.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Equal(dump, testbed.Dump());
        Assert.Null(testbed.ReadModel().GetBatch(otherRoot));
        // A restarted indexer over the same database refuses too.
        await Assert.ThrowsAsync<ChainReorganizedException>(() => testbed.NewIndexer().StepAsync(cts.Token));
        Assert.Equal(dump, testbed.Dump());
    }

    [Fact]
    public async Task Run_loop_stops_on_a_reorganized_chain_instead_of_retrying()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var testbed = await IndexingTestbed.CreateAsync(anvil, cts.Token);
        var snapshot = await testbed.SnapshotAsync(cts.Token);
        await testbed.AnchorAsync(2, cts.Token);
        var indexer = testbed.NewIndexer(new IndexerOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        await IndexingTestbed.CatchUpAsync(indexer, cts.Token);
        var cursor = indexer.IndexedBlock!.Value;
        var dump = testbed.Dump();

        await testbed.RevertAsync(snapshot, cts.Token);
        await testbed.AnchorAsync(5, cts.Token);
        while (await testbed.Eth.BlockNumberAsync(cts.Token) <= cursor)
            await testbed.MineAsync(cts.Token);

        using var runFor = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        runFor.CancelAfter(TimeSpan.FromSeconds(30));
        var run = indexer.RunAsync(runFor.Token);
        await run.WaitAsync(TimeSpan.FromSeconds(20), cts.Token);

        Assert.False(runFor.IsCancellationRequested, "RunAsync returned only because it was cancelled.");
        Assert.True(run.IsCompletedSuccessfully);
        Assert.Equal(cursor, indexer.IndexedBlock);
        Assert.Equal(dump, testbed.Dump());
    }

    [Fact]
    public async Task Chain_that_only_grew_is_not_a_reorganization()
    {
        // Control: the same steps without a revert go on normally.
        using var cts = new CancellationTokenSource(TestTimeout);
        using var testbed = await IndexingTestbed.CreateAsync(anvil, cts.Token);
        var indexer = testbed.NewIndexer();
        await IndexingTestbed.CatchUpAsync(indexer, cts.Token);
        var cursor = indexer.IndexedBlock!.Value;

        var root = await testbed.AnchorAsync(3, cts.Token);
        await testbed.MineAsync(cts.Token);

        Assert.Equal(1, await IndexingTestbed.CatchUpAsync(indexer, cts.Token));
        Assert.True(indexer.IndexedBlock > cursor);
        Assert.NotNull(testbed.ReadModel().GetBatch(root));
    }

    [Fact]
    public async Task Chain_rolled_back_below_the_cursor_is_a_reorganization_not_a_retry()
    {
        // The chain lost the cursor's block altogether (reset, or reverted and not yet grown back): fetching that block
        // fails, and the indexer must report a reorganization rather than retry the missing block forever.
        using var cts = new CancellationTokenSource(TestTimeout);
        using var testbed = await IndexingTestbed.CreateAsync(anvil, cts.Token);
        var snapshot = await testbed.SnapshotAsync(cts.Token);
        await testbed.AnchorAsync(2, cts.Token);
        await testbed.MineAsync(cts.Token);
        var indexer = testbed.NewIndexer(new IndexerOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
        await IndexingTestbed.CatchUpAsync(indexer, cts.Token);
        var cursor = indexer.IndexedBlock!.Value;
        var dump = testbed.Dump();

        await testbed.RevertAsync(snapshot, cts.Token);
        Assert.True(await testbed.Eth.BlockNumberAsync(cts.Token) < cursor);

        var error = await Assert.ThrowsAsync<ChainReorganizedException>(() => indexer.StepAsync(cts.Token));
        Assert.Equal(cursor, error.Block);
        Assert.Equal(dump, testbed.Dump());

        using var runFor = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        runFor.CancelAfter(TimeSpan.FromSeconds(30));
        await indexer.RunAsync(runFor.Token).WaitAsync(TimeSpan.FromSeconds(20), cts.Token);
        Assert.False(runFor.IsCancellationRequested, "RunAsync returned only because it was cancelled.");
        Assert.Equal(cursor, indexer.IndexedBlock);
        Assert.Equal(dump, testbed.Dump());
    }
}
