using CredentialLedger.Contracts;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Exchange;

/// <summary>A node that joined a network registers its own signing key once its member is admitted.</summary>
public sealed class SigningKeyRegistrarTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task A_joined_node_registers_its_signing_key_once_admitted_and_then_issues_certificates_that_verify()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = cts.Token;
        using var testbed = await MultiMemberTestbed.CreateAsync(anvil, "KR", ct);
        var uz = await testbed.JoinAsync("UZ", ct, registerKey: false);
        using var key = testbed.SigningKey("UZ");
        var members = new MemberRegistryClient(testbed.Network.Registries.Members, testbed.Eth);
        Assert.Null(await members.GetKeyAsync(key.KeyId, ct));

        await using var node = await InProcessNode.StartAsync(uz, ct);
        while (await members.GetKeyAsync(key.KeyId, ct) is null)
            await Task.Delay(50, ct);

        var registered = await members.GetKeyAsync(key.KeyId, ct);
        Assert.Equal(MemberCode.Parse("UZ"), registered!.Member);
        Assert.Equal(key.PublicKey, registered.PublicKey.ToArray());
        // Its certificates now anchor and verify for itself.
        var issued = await node.Client.IssueAsync(NodeTestbed.IssueRequest(1), node.Auth, cancellationToken: ct);
        await node.WaitForAsync(issued.Id, c => c.AnchorState == Sdk.Node.V1.AnchorState.Anchored, ct);
        using var channel = global::Grpc.Net.Client.GrpcChannel.ForAddress(node.Endpoint);
        var verification = new Sdk.Node.V1.Verification.VerificationClient(channel);
        Sdk.Node.V1.VerifyResponse answer;
        do
        {
            await Task.Delay(50, ct);
            answer = await verification.VerifyAsync(new Sdk.Node.V1.VerifyRequest { AeoNumber = "KR-AEO-000001" }, node.Auth, cancellationToken: ct);
        }
        while (!answer.Recognized && !answer.Reasons.Any(r => r.Code is not "NotAnchored"));
        Assert.True(answer.Recognized, string.Join("; ", answer.Reasons.Select(r => r.Code + ": " + r.Message)));
    }
}
