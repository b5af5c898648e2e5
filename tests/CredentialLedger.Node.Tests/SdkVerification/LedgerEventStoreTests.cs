using CredentialLedger.Contracts;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Tests.Indexing;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.SdkVerification;

/// <summary>
/// The ledger's local event file: a history rebuilt from it alone equals the one synced from the chain, answers with
/// the chain unreachable (its freshness says from when), syncs on from where the file stopped without applying
/// anything twice, survives a last line cut short by a crash, and names a damaged line.
/// </summary>
public sealed class LedgerEventStoreTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IDisposable
{
    private readonly TempDirectory _directory = new("ledger-store");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_history_loaded_from_the_file_equals_the_synced_one_and_syncs_on_from_where_it_stopped()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = cts.Token;
        using var testbed = await IndexingTestbed.CreateAsync(anvil, ct);
        var registries = testbed.Network.Registries;
        var root = await testbed.AnchorAsync(5, ct);
        await testbed.SuspendAsync(root, 3, 4, ct);
        var path = _directory.File("ledger-events.jsonl");

        var synced = new LedgerHistory();
        var store = new LedgerEventStore(path, registries);
        var applied = await new LedgerSync(testbed.Eth, registries, testbed.Network.DeploymentBlock, synced, store: store).SyncAsync(null, ct);
        Assert.True(applied > 0);

        // From the file alone, with no chain at all.
        var loaded = new LedgerHistory();
        Assert.Equal(applied, new LedgerEventStore(path, registries).Load(loaded));
        Assert.Equal(synced.Freshness, loaded.Freshness);
        Assert.Equal(synced.EventCount, loaded.EventCount);
        Assert.Equal(synced.LastApplied, loaded.LastApplied);
        Assert.Equal(synced.GetBatch(root), loaded.GetBatch(root));
        Assert.Equal(synced.ChangesOf(new CredentialRef(root, 3)).ToArray(), loaded.ChangesOf(new CredentialRef(root, 3)).ToArray());
        Assert.Equal(CredentialStatus.Suspended, loaded.StatusOf(new CredentialRef(root, 3), synced.Freshness!.BlockTime).Status);
        Assert.Equal(synced.Members.Order(), loaded.Members.Order());

        // The chain moves on; the loaded history syncs from the file's last block and applies only what is new.
        var second = await testbed.AnchorAsync(2, ct);
        var resumed = await new LedgerSync(testbed.Eth, registries, testbed.Network.DeploymentBlock, loaded, store: new LedgerEventStore(path, registries))
            .SyncAsync(null, ct);
        Assert.Equal(1, resumed);
        Assert.NotNull(loaded.GetBatch(second));

        // And the file now holds both runs: a third history loaded from it has everything once.
        var third = new LedgerHistory();
        Assert.Equal(applied + 1, new LedgerEventStore(path, registries).Load(third));
        Assert.Equal(loaded.Freshness, third.Freshness);
    }

    [Fact]
    public async Task With_the_chain_unreachable_the_loaded_history_still_answers_and_the_sync_fails_clearly()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = cts.Token;
        using var testbed = await IndexingTestbed.CreateAsync(anvil, ct);
        var registries = testbed.Network.Registries;
        var root = await testbed.AnchorAsync(3, ct);
        var path = _directory.File("offline.jsonl");
        await new LedgerSync(testbed.Eth, registries, testbed.Network.DeploymentBlock, new LedgerHistory(), store: new LedgerEventStore(path, registries))
            .SyncAsync(null, ct);

        var offline = new LedgerHistory();
        new LedgerEventStore(path, registries).Load(offline);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Get()}") };
        var dead = new EthClient(new JsonRpcClient(http, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromSeconds(2), MaxRetries = 0 }));
        await Assert.ThrowsAsync<RpcTransportException>(() => new LedgerSync(dead, registries, testbed.Network.DeploymentBlock, offline).SyncAsync(null, ct));

        Assert.NotNull(offline.GetBatch(root));
        Assert.NotNull(offline.Freshness);
        Assert.True(offline.Freshness!.StalenessAt(offline.Freshness.SyncedAt.AddMinutes(5)) == TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_last_line_cut_short_is_ignored_and_a_damaged_line_is_named()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = cts.Token;
        using var testbed = await IndexingTestbed.CreateAsync(anvil, ct);
        var registries = testbed.Network.Registries;
        await testbed.AnchorAsync(2, ct);
        var path = _directory.File("crash.jsonl");
        var synced = new LedgerHistory();
        await new LedgerSync(testbed.Eth, registries, testbed.Network.DeploymentBlock, synced, store: new LedgerEventStore(path, registries)).SyncAsync(null, ct);
        var text = File.ReadAllText(path);

        // A crash in the middle of appending the next range: half a log line at the end.
        File.WriteAllText(path, text + text.Split('\n')[0][..40]);
        var afterCrash = new LedgerHistory();
        new LedgerEventStore(path, registries).Load(afterCrash);
        Assert.Equal(synced.EventCount, afterCrash.EventCount);
        Assert.Equal(synced.Freshness, afterCrash.Freshness);

        // A damaged line in the middle is an error that names it.
        var lines = text.Split('\n');
        lines[1] = lines[1].Replace("\"data\":\"0x", "\"data\":\"0xzz", StringComparison.Ordinal);
        File.WriteAllText(path, string.Join('\n', lines));
        var error = Assert.Throws<InvalidDataException>(() => new LedgerEventStore(path, registries).Load(new LedgerHistory()));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}
