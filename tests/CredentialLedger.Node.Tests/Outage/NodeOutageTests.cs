using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Outage;

/// <summary>Stop the chain mid-run: the node keeps accepting, queues, and anchors everything when the chain returns.</summary>
public sealed class NodeOutageTests
{
    [Fact]
    public async Task Certificates_issued_while_anvil_is_down_are_all_anchored_after_it_restarts_from_its_state_file()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var state = new TempDirectory("outage");
        var anvilOptions = new AnvilOptions { Port = FreePort.Get(), StatePath = Path.Combine(state.Path, "chain.json") };
        var chain = await AnvilFixture.StartAsync(anvilOptions);
        try
        {
            var options = await NodeTestbed.InitializeAsync(chain, Path.Combine(state.Path, "node"), cts.Token);
            await using var node = await InProcessNode.StartAsync(options, cts.Token);
            var c = node.Client;

            var early = new V1.IssueManyRequest();
            for (var i = 0; i < 50; i++)
                early.Requests.Add(NodeTestbed.IssueRequest(i));
            await c.IssueManyAsync(early, node.Auth, cancellationToken: cts.Token);
            await WaitForNoPendingAsync(node, cts.Token);

            chain.Dispose(); // SIGTERM: anvil saves its state and exits
            var whileDown = new List<string>();
            for (var round = 0; round < 10; round++)
            {
                var request = new V1.IssueManyRequest();
                for (var i = 0; i < 20; i++)
                    request.Requests.Add(NodeTestbed.IssueRequest(1000 + round * 20 + i));
                var response = await c.IssueManyAsync(request, node.Auth, cancellationToken: cts.Token);
                whileDown.AddRange(response.Certificates.Select(x => x.Id));
                await Task.Delay(100, cts.Token);
            }
            var suspended = await c.SuspendAsync(new V1.StatusChangeRequest { Id = whileDown[0], Reason = 1 }, node.Auth, cancellationToken: cts.Token);
            Assert.Equal(V1.CertificateStatus.Suspended, suspended.Status);
            var pending = await c.ListAsync(new V1.ListRequest { AnchorState = V1.AnchorState.Pending, PageSize = 1000 }, node.Auth, cancellationToken: cts.Token);
            Assert.Equal(200, pending.Certificates.Count);

            chain = await AnvilFixture.StartAsync(anvilOptions);
            await WaitForNoPendingAsync(node, cts.Token);

            var network = await RegistryNetwork.LoadAsync(options.Resolve(options.NetworkFile), cts.Token);
            var decoder = new RegistryEventDecoder(network.Registries);
            var events = decoder.DecodeAll(await chain.CreateEthClient().GetLogsAsync(
                decoder.CreateFilter(BlockParameter.Earliest, BlockParameter.Latest), 10_000, cts.Token));
            var batches = events.OfType<BatchAnchored>().ToList();
            Assert.Equal(250u, (uint)batches.Sum(b => b.Size));
            Assert.Equal(batches.Count, batches.Select(b => b.Root).Distinct().Count());
            Assert.Single(events.OfType<CredentialStatusesChanged>());
            var first = await c.GetAsync(new V1.GetRequest { Id = whileDown[0] }, node.Auth, cancellationToken: cts.Token);
            Assert.Equal(V1.AnchorState.Anchored, first.AnchorState);
            Assert.Equal(0u, first.PendingChanges);
        }
        finally
        {
            chain.Dispose();
        }
    }

    private static async Task WaitForNoPendingAsync(InProcessNode node, CancellationToken ct)
    {
        while (true)
        {
            var info = await node.Client.GetNodeInfoAsync(new V1.NodeInfoRequest(), node.Auth, cancellationToken: ct);
            var pending = await node.Client.ListAsync(new V1.ListRequest { AnchorState = V1.AnchorState.Pending, PageSize = 1 }, node.Auth, cancellationToken: ct);
            var changes = await node.Client.ListAsync(new V1.ListRequest { PageSize = 1000 }, node.Auth, cancellationToken: ct);
            if (info.OutboxPending == 0 && pending.Certificates.Count == 0 && changes.Certificates.All(x => x.PendingChanges == 0))
                return;
            await Task.Delay(100, ct);
        }
    }
}
