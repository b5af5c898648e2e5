using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.SdkVerification;

/// <summary>A node restarted with the chain unreachable answers verifications from its ledger event file, and says how fresh that is.</summary>
public sealed class NodeOfflineRestartTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IDisposable
{
    private readonly TempDirectory _directory = new("offline-restart");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_node_restarted_without_its_chain_verifies_from_its_ledger_event_file()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = cts.Token;
        var options = await NodeTestbed.InitializeAsync(anvil, _directory.Path, ct);
        ulong syncedBlock;
        await using (var node = await InProcessNode.StartAsync(options, ct))
        {
            var issued = await node.Client.IssueAsync(NodeTestbed.IssueRequest(1), node.Auth, cancellationToken: ct);
            await node.WaitForAsync(issued.Id, c => c.AnchorState == V1.AnchorState.Anchored, ct);
            using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(node.Endpoint);
            var verification = new V1.Verification.VerificationClient(channel);
            V1.VerifyResponse online;
            do
            {
                await Task.Delay(50, ct);
                online = await verification.VerifyAsync(new V1.VerifyRequest { AeoNumber = "KR-AEO-000001" }, node.Auth, cancellationToken: ct);
            }
            while (!online.Recognized);
            syncedBlock = online.SyncedBlock;
        }
        Assert.True(File.Exists(options.Resolve(options.LedgerEventsFile)));

        // The chain is gone (the node points at a port nothing listens on).
        options.RpcUrl = new Uri($"http://127.0.0.1:{FreePort.Get()}");
        options.Save();
        await using (var node = await InProcessNode.StartAsync(options, ct))
        {
            using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(node.Endpoint);
            var offline = await new V1.Verification.VerificationClient(channel)
                .VerifyAsync(new V1.VerifyRequest { AeoNumber = "KR-AEO-000001" }, node.Auth, cancellationToken: ct);

            Assert.True(offline.Recognized, string.Join("; ", offline.Reasons.Select(r => r.Code + ": " + r.Message)));
            Assert.True(offline.SyncedBlock >= syncedBlock);
            Assert.NotNull(offline.SyncedAt);
        }
    }
}
