using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Node.Tests.Mras;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;
using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.SdkVerification;

/// <summary>
/// The SDK's two verification backends, one interface: a ledger synced from the chain by the caller, and a member
/// node's Verification service. For the same certificates, verifiers and times they give the same answer.
/// </summary>
public sealed class BackendParityTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task Chain_and_node_backends_answer_alike_for_recognized_suspended_and_uncovered_cases()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = cts.Token;
        await using var bed = await MraTestbed.CreateAsync(anvil, ct);
        var proposed = await bed.ProposeAsync(["KR", "UZ"], MraTestbed.Terms(V1.ProgrammeType.AeoS), ct);
        await bed.AsUz.AcceptAsync(proposed.Mra.Id, 1, ct);
        var first = await bed.Node.Client.IssueAsync(NodeTestbed.IssueRequest(1), bed.Auth, cancellationToken: ct);
        var second = await bed.Node.Client.IssueAsync(NodeTestbed.IssueRequest(2), bed.Auth, cancellationToken: ct);
        await bed.Node.WaitForAsync(first.Id, c => c.AnchorState == V1.AnchorState.Anchored, ct);
        await bed.Node.Client.SuspendAsync(new V1.StatusChangeRequest { Id = second.Id, Reason = 4 }, bed.Auth, cancellationToken: ct);
        var anchored = new[]
        {
            await bed.Node.WaitForAsync(first.Id, c => c.AnchorState == V1.AnchorState.Anchored, ct),
            await bed.Node.WaitForAsync(second.Id, c => c.AnchorState == V1.AnchorState.Anchored && c.PendingChanges == 0, ct),
        };

        var network = await RegistryNetwork.LoadAsync(bed.Options.Resolve(bed.Options.NetworkFile), ct);
        var history = new LedgerHistory();
        await new LedgerSync(bed.Eth, network.Registries, network.DeploymentBlock, history).SyncAsync(null, ct);
        IAeoVerificationBackend chain = new ChainVerificationBackend(history, new LedgerStatusReference(network.ChainId, network.Registries.Credentials));
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(bed.Node.Endpoint);
        IAeoVerificationBackend node = new NodeVerificationBackend(channel, bed.Node.Token);
        var at = DateTimeOffset.FromUnixTimeSeconds((long)history.Freshness!.BlockTime + 1);

        var compared = 0;
        foreach (var certificate in anchored)
        {
            var presented = Sdk.Exchange.ExchangeClient.ToPresented(certificate)!;
            foreach (var verifier in new[] { MraTestbed.Kr, MraTestbed.Uz, MraTestbed.Kz, MemberCode.Parse("DE") })
            {
                var direct = await chain.VerifyAsync(presented, verifier, at, ct);
                // The node's ledger follows the chain on its own: ask until it has the block the direct ledger has.
                var viaNode = await node.VerifyAsync(presented, verifier, at, ct);
                while (viaNode.Freshness is not { } f || f.Block < history.Freshness.Block)
                {
                    await Task.Delay(20, ct);
                    viaNode = await node.VerifyAsync(presented, verifier, at, ct);
                }

                Assert.Equal(direct.Recognized, viaNode.Recognized);
                Assert.Equal(direct.Reasons.Select(r => r.Failure), viaNode.Reasons.Select(r => r.Failure));
                Assert.Equal(direct.Status, viaNode.Status);
                Assert.Equal(direct.Mra?.MraId, viaNode.Mra?.MraId);
                Assert.Equal(direct.Mra?.Programmes, viaNode.Mra?.Programmes);
                Assert.Equal(direct.Anchor, viaNode.Anchor);
                Assert.Equal(direct.KeyId, viaNode.KeyId);
                Assert.Equal(direct.Certificate, viaNode.Certificate);
                compared++;
            }
        }
        Assert.Equal(8, compared);
        // And the cases are the interesting ones: recognized under the MRA, own, suspended, no MRA, not a member.
        Assert.True((await chain.VerifyAsync(Sdk.Exchange.ExchangeClient.ToPresented(anchored[0])!, MraTestbed.Uz, at, ct)).Recognized);
        Assert.Equal([VerificationFailure.Suspended], (await chain.VerifyAsync(Sdk.Exchange.ExchangeClient.ToPresented(anchored[1])!, MraTestbed.Uz, at, ct)).Reasons.Select(r => r.Failure));
        Assert.Equal([VerificationFailure.NoMraInForce], (await chain.VerifyAsync(Sdk.Exchange.ExchangeClient.ToPresented(anchored[0])!, MraTestbed.Kz, at, ct)).Reasons.Select(r => r.Failure));
        Assert.Equal([VerificationFailure.VerifierNotMember], (await chain.VerifyAsync(Sdk.Exchange.ExchangeClient.ToPresented(anchored[0])!, MemberCode.Parse("DE"), at, ct)).Reasons.Select(r => r.Failure));
    }
}
