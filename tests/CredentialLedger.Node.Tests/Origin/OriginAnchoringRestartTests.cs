using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Keys;
using CredentialLedger.TestKit;
using Grpc.Core;
using Grpc.Net.Client;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Origin;

/// <summary>
/// The certificate-of-origin pipeline across restarts of a KR node: accepted certificates survive a stop before their
/// batch and are anchored after it; a chamber suspended while its certificates wait for their batch gets them refused
/// (never anchored) rather than an anchoring the registry would revert; idempotency keys return the first certificate;
/// a suspension or reinstatement made elsewhere rules over the node's own record once its ledger history has it.
/// </summary>
public sealed class OriginAnchoringRestartTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan Never = TimeSpan.FromMinutes(30);
    private readonly TempDirectory _directory = new("origin-restart");

    [Fact]
    public async Task Accepted_certificates_are_anchored_after_a_restart_those_of_a_chamber_suspended_before_their_batch_are_refused_and_acts_made_elsewhere_rule()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        var options = await NodeTestbed.InitializeAsync(anvil, _directory.File("kr"), ct, o => o.Anchoring.MaxBatchDelay = Never);

        // Accepted and stored, but the node stops before the batch is due.
        string[] waiting;
        await using (var node = await InProcessNode.StartAsync(options, ct))
        {
            var (chambers, origins, channel) = Clients(node);
            using (channel)
            {
                await chambers.AuthorizeAsync(new V1.AuthorizeChamberRequest { Id = OriginSamples.Chamber, Name = OriginSamples.ChamberName }, node.Auth,
                    cancellationToken: ct);
                var asChamber = ChamberAuth(options);
                var first = await origins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(1), IdempotencyKey = "order-1" }, asChamber,
                    cancellationToken: ct);
                var second = await origins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(2) }, asChamber, cancellationToken: ct);
                var retried = await origins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(1), IdempotencyKey = "order-1" }, asChamber,
                    cancellationToken: ct);
                Assert.Equal(first.Id, retried.Id);
                Assert.Equal(first.Xml, retried.Xml);
                var duplicate = await Assert.ThrowsAsync<RpcException>(() =>
                    origins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(2) }, asChamber, cancellationToken: ct).ResponseAsync);
                Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
                Assert.Equal($"certificate number KCCI-2026/000002 was issued by chamber KR-KCCI already, as {second.Id}; a number is issued once.",
                    duplicate.Status.Detail);
                waiting = [first.Id, second.Id];
                Assert.All(await Get(origins, node.Auth, waiting, ct), c => Assert.Equal(V1.AnchorState.Pending, c.AnchorState));
                var info = await node.Client.GetNodeInfoAsync(new V1.NodeInfoRequest(), node.Auth, cancellationToken: ct);
                Assert.Equal((2u, 0u), (info.OriginOutboxPending, info.OutboxPending));
            }
        }

        // After a restart they are anchored, once each.
        options.Anchoring.MaxBatchDelay = TimeSpan.FromMilliseconds(50);
        options.Save();
        await using (var node = await InProcessNode.StartAsync(options, ct))
        {
            var (_, origins, channel) = Clients(node);
            using (channel)
            {
                var anchored = await WaitAsync(origins, node.Auth, waiting, c => c.AnchorState == V1.AnchorState.Anchored, ct);
                Assert.Single(anchored.Select(c => c.Anchor.Root).Distinct());
                Assert.Equal(2, anchored.Count);
                Assert.Equal(0u, (await node.Client.GetNodeInfoAsync(new V1.NodeInfoRequest(), node.Auth, cancellationToken: ct)).OriginOutboxPending);
            }
        }

        // A certificate waits for its batch; the member suspends the chamber; after a restart the worker finds the
        // chamber unauthorized on chain and refuses it rather than send an anchoring the registry would revert.
        options.Anchoring.MaxBatchDelay = Never;
        options.Save();
        string stranded;
        await using (var node = await InProcessNode.StartAsync(options, ct))
        {
            var (chambers, origins, channel) = Clients(node);
            using (channel)
            {
                stranded = (await origins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(3) }, ChamberAuth(options), cancellationToken: ct)).Id;
                await chambers.SuspendAsync(new V1.ChamberActRequest { Id = OriginSamples.Chamber, Reason = 6 }, node.Auth, cancellationToken: ct);
            }
        }
        options.Anchoring.MaxBatchDelay = TimeSpan.FromMilliseconds(50);
        options.Save();
        await using (var node = await InProcessNode.StartAsync(options, ct))
        {
            var (chambers, origins, channel) = Clients(node);
            using (channel)
            {
                var refused = (await WaitAsync(origins, node.Auth, [stranded], c => c.Status == V1.OriginStatus.Refused, ct))[0];
                Assert.Equal(V1.AnchorState.Pending, refused.AnchorState);
                Assert.Equal("its chamber was suspended on chain before its batch was anchored", refused.Refusal);
                var listed = await origins.ListAsync(new V1.ListOriginRequest { Status = V1.OriginStatus.Refused }, ChamberAuth(options), cancellationToken: ct);
                Assert.Equal(stranded, Assert.Single(listed.Certificates).Id);

                // Reinstated, the chamber issues again, and the same number can be issued anew (the refused one never counted on chain)…
                await chambers.ReinstateAsync(new V1.ChamberActRequest { Id = OriginSamples.Chamber }, node.Auth, cancellationToken: ct);
                var fresh = await origins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(3) }, ChamberAuth(options), cancellationToken: ct);
                await WaitAsync(origins, node.Auth, [fresh.Id], c => c.AnchorState == V1.AnchorState.Anchored, ct);
                // …and a revocation of the refused one is refused: there is nothing on chain to revoke.
                var revoke = await Assert.ThrowsAsync<RpcException>(() =>
                    origins.RevokeAsync(new V1.RevokeOriginRequest { Id = stranded, Reason = 1 }, ChamberAuth(options), cancellationToken: ct).ResponseAsync);
                Assert.Equal(StatusCode.FailedPrecondition, revoke.StatusCode);
                Assert.Contains("was never anchored", revoke.Status.Detail, StringComparison.Ordinal);
            }
        }

        // Acts on the chamber made elsewhere (another of the member's tools, while this node is down) rule once its
        // ledger history has them, over this node's own record: suspended elsewhere, it refuses; reinstated elsewhere, it issues.
        await ActElsewhereAsync(options, (members, chamber) => members.SuspendChamberAsync(chamber, 8, ct), ct);
        await using (var node = await InProcessNode.StartAsync(options, ct))
        {
            var (_, origins, channel) = Clients(node);
            using (channel)
            {
                await WaitRefusedAsync(origins, ChamberAuth(options), "Chamber KR-KCCI is suspended (reason 8)", ct);
            }
        }
        await ActElsewhereAsync(options, (members, chamber) => members.ReinstateChamberAsync(chamber, ct), ct);
        await using (var node = await InProcessNode.StartAsync(options, ct))
        {
            var (chambers, origins, channel) = Clients(node);
            using (channel)
            {
                await WaitIssuedAsync(origins, ChamberAuth(options), 11, ct);
                // And this node's own acts still work from there.
                await chambers.SuspendAsync(new V1.ChamberActRequest { Id = OriginSamples.Chamber, Reason = 2 }, node.Auth, cancellationToken: ct);
                await WaitRefusedAsync(origins, ChamberAuth(options), "Chamber KR-KCCI is suspended (reason 2)", ct);
            }
        }
    }

    private static async Task ActElsewhereAsync(NodeOptions options, Func<MemberRegistryClient, ChamberId, Task> act, CancellationToken ct)
    {
        var network = await RegistryNetwork.LoadAsync(options.Resolve(options.NetworkFile), ct);
        var keys = Keystore.Open(options.Resolve(options.KeystoreFile), NodeTestbed.Passphrase);
        using var http = new HttpClient { BaseAddress = options.RpcUrl };
        var eth = new EthClient(new JsonRpcClient(http), revertDecoder: RegistryErrors.CreateRevertDecoder());
        using var key = PrivateKey.FromBytes(keys.OperatorKey);
        using var sender = new TransactionSender(key, eth, network.ChainId,
            new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(50), MineWhenStalled = true, StallThreshold = TimeSpan.FromMilliseconds(500) });
        await act(new MemberRegistryClient(network.Registries.Members, eth, sender), ChamberId.FromAscii(OriginSamples.Chamber));
    }

    private static async Task WaitRefusedAsync(V1.CertificatesOfOrigin.CertificatesOfOriginClient origins, Metadata auth, string refusal, CancellationToken ct)
    {
        var n = 20;
        while (true)
        {
            try
            {
                await origins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(n++) }, auth, cancellationToken: ct);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                Assert.StartsWith(refusal, e.Status.Detail, StringComparison.Ordinal);
                return;
            }
            await Task.Delay(50, ct);
        }
    }

    private static async Task WaitIssuedAsync(V1.CertificatesOfOrigin.CertificatesOfOriginClient origins, Metadata auth, int number, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await origins.IssueAsync(new V1.IssueOriginRequest { Json = OriginSamples.Json(number) }, auth, cancellationToken: ct);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.FailedPrecondition)
            {
                await Task.Delay(50, ct);
            }
        }
    }

    private static (V1.Chambers.ChambersClient, V1.CertificatesOfOrigin.CertificatesOfOriginClient, GrpcChannel) Clients(InProcessNode node)
    {
        var channel = GrpcChannel.ForAddress(node.Endpoint);
        return (new V1.Chambers.ChambersClient(channel), new V1.CertificatesOfOrigin.CertificatesOfOriginClient(channel), channel);
    }

    private static Metadata ChamberAuth(NodeOptions options) =>
        new() { { "authorization", "Bearer " + File.ReadAllText(options.Resolve("chamber-KR-KCCI.token")).Trim() } };

    private static async Task<List<V1.OriginCertificate>> Get(
        V1.CertificatesOfOrigin.CertificatesOfOriginClient origins, Metadata auth, IEnumerable<string> ids, CancellationToken ct)
    {
        var list = new List<V1.OriginCertificate>();
        foreach (var id in ids)
            list.Add(await origins.GetAsync(new V1.GetOriginRequest { Id = id }, auth, cancellationToken: ct));
        return list;
    }

    private static async Task<List<V1.OriginCertificate>> WaitAsync(V1.CertificatesOfOrigin.CertificatesOfOriginClient origins, Metadata auth,
        IReadOnlyList<string> ids, Func<V1.OriginCertificate, bool> done, CancellationToken ct)
    {
        while (true)
        {
            var list = await Get(origins, auth, ids, ct);
            if (list.All(done))
                return list;
            await Task.Delay(50, ct);
        }
    }

    public void Dispose() => _directory.Dispose();
}
