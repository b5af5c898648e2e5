using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Store;
using CredentialLedger.TestKit;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Crash;

/// <summary>
/// kill -9 the node at random moments while 2,000 certificates are issued, five times, restarting it each time;
/// then the chain and the store must agree exactly: every accepted certificate anchored, none twice, no batch on
/// chain that the store does not know.
/// </summary>
public sealed class CrashTests(AnvilFixture anvil, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private const int Certificates = 2_000;
    private const int PerRequest = 20;
    private const int Kills = 5;

    [Fact]
    public async Task Kill_9_at_random_points_five_times_loses_nothing_and_anchors_nothing_twice()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        using var directory = new TempDirectory("crash");
        var options = await NodeTestbed.InitializeAsync(anvil, directory.Path, cts.Token, o =>
        {
            o.Anchoring.MaxBatchSize = 150;
            o.Anchoring.MaxBatchDelay = TimeSpan.FromMilliseconds(100);
        });
        using var node = new NodeProcess(options.DataDirectory, NodeTestbed.Passphrase, options.ListenUrl);
        await node.StartAsync(TimeSpan.FromSeconds(60));

        using var channel = GrpcChannel.ForAddress(options.ListenUrl);
        var client = new V1.AeoCertificates.AeoCertificatesClient(channel);
        var random = new Random(20261123);
        var accepted = new Dictionary<string, string>(); // idempotency key -> certificate id
        var kills = 0;
        var nextKill = NextKillAfter(random);
        var sinceStart = System.Diagnostics.Stopwatch.StartNew();

        for (var next = 0; next < Certificates;)
        {
            if (kills < Kills && sinceStart.Elapsed >= nextKill)
            {
                node.Kill();
                kills++;
                output.WriteLine($"kill -9 #{kills} after {accepted.Count} accepted");
                await node.StartAsync(TimeSpan.FromSeconds(60));
                sinceStart.Restart();
                nextKill = NextKillAfter(random);
            }
            var request = new V1.IssueManyRequest();
            for (var i = next; i < Math.Min(next + PerRequest, Certificates); i++)
                request.Requests.Add(NodeTestbed.IssueRequest(i, $"crash-{i}"));
            try
            {
                var response = await client.IssueManyAsync(request, node.Headers(), cancellationToken: cts.Token);
                for (var i = 0; i < response.Certificates.Count; i++)
                    accepted[request.Requests[i].IdempotencyKey] = response.Certificates[i].Id;
                next += request.Requests.Count;
                // Paced like an office's batch job, so the kills land all through issuance, not after it.
                await Task.Delay(random.Next(0, 40), cts.Token);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Cancelled)
            {
                // The node died under the call: it may or may not have stored it; the same keys again tell.
                await Task.Delay(100, cts.Token);
                if (node.ProcessId is null)
                    await node.StartAsync(TimeSpan.FromSeconds(60));
            }
        }
        while (kills < Kills)
        {
            // Kill during anchoring too, until five kills happened.
            await Task.Delay(NextKillAfter(random) / 3, cts.Token);
            node.Kill();
            kills++;
            await node.StartAsync(TimeSpan.FromSeconds(60));
        }

        await WaitUntilAllAnchoredAsync(client, node, cts.Token);
        node.Stop();

        // The store: every accepted certificate, once, anchored in a confirmed batch.
        var database = new NodeDatabase(options.Resolve(options.DatabaseFile), fullSync: false);
        await using var writer = new StoreWriter(database);
        var store = new CertificateStore(database, writer, TimeProvider.System);
        var stored = store.List(new CertificateQuery(int.MaxValue));
        Assert.Equal(Certificates, accepted.Count);
        Assert.Equal(Certificates, stored.Count);
        Assert.Equal(accepted.Values.Order(), stored.Select(c => c.Id).Order());
        Assert.All(stored, c => Assert.NotNull(c.Anchor));
        Assert.Equal(stored.Count, stored.Select(c => (c.Anchor!.Root, c.Anchor.Index)).Distinct().Count());

        // The chain: exactly the store's batches, each once, with the store's sizes.
        var network = await RegistryNetwork.LoadAsync(options.Resolve(options.NetworkFile), cts.Token);
        var eth = anvil.CreateEthClient();
        var decoder = new RegistryEventDecoder(network.Registries);
        var logs = await eth.GetLogsAsync(decoder.CreateFilter(BlockParameter.Earliest, BlockParameter.Latest), 10_000, cts.Token);
        var anchored = decoder.DecodeAll(logs).OfType<BatchAnchored>().ToList();
        Assert.Equal(anchored.Count, anchored.Select(b => b.Root).Distinct().Count());
        var storeBatches = stored.GroupBy(c => c.Anchor!.Root).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(storeBatches.Keys.Order(), anchored.Select(b => b.Root).Order());
        Assert.All(anchored, b => Assert.Equal((uint)storeBatches[b.Root], b.Size));
        Assert.Equal((uint)Certificates, (uint)anchored.Sum(b => b.Size));

        var registry = new CredentialRegistryClient(network.Registries.Credentials, eth);
        foreach (var c in stored.Where((_, i) => i % 97 == 0))
        {
            Assert.True(await registry.VerifyInclusionAsync(c.Anchor!.Root, c.Anchor.Index, c.DocumentHash, c.Anchor.Proof, cts.Token));
            Assert.True(MerkleProof.Verify(c.Anchor.Root, MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, c.Anchor.Index, c.DocumentHash), c.Anchor.Proof));
        }
        output.WriteLine($"{anchored.Count} batches, {kills} kills");
    }

    private static TimeSpan NextKillAfter(Random random) => TimeSpan.FromMilliseconds(random.Next(150, 900));

    private static async Task WaitUntilAllAnchoredAsync(V1.AeoCertificates.AeoCertificatesClient client, NodeProcess node, CancellationToken ct)
    {
        while (true)
        {
            var pending = await client.ListAsync(new V1.ListRequest { AnchorState = V1.AnchorState.Pending, PageSize = 1 }, node.Headers(), cancellationToken: ct);
            var info = await client.GetNodeInfoAsync(new V1.NodeInfoRequest(), node.Headers(), cancellationToken: ct);
            if (pending.Certificates.Count == 0 && info.OutboxPending == 0)
                return;
            await Task.Delay(200, ct);
        }
    }
}
