using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using CredentialLedger.TestKit;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Lifecycle;

/// <summary>The whole AEO certificate lifecycle through the gRPC API of a node on anvil.</summary>
public sealed class NodeLifecycleTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Issue_suspend_reinstate_renew_and_revoke_reach_the_chain_and_the_jws_verifies_under_the_key_on_chain()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var directory = new TempDirectory("lifecycle");
        var options = await NodeTestbed.InitializeAsync(anvil, directory.Path, cts.Token);
        await using var node = await InProcessNode.StartAsync(options, cts.Token);
        var network = await RegistryNetwork.LoadAsync(options.Resolve(options.NetworkFile), cts.Token);
        var eth = anvil.CreateEthClient();
        var registry = new CredentialRegistryClient(network.Registries.Credentials, eth);
        var members = new MemberRegistryClient(network.Registries.Members, eth);
        var c = node.Client;

        var issued = await c.IssueAsync(NodeTestbed.IssueRequest(1), node.Auth, cancellationToken: cts.Token);
        Assert.Equal(V1.CertificateStatus.Active, issued.Status);
        Assert.StartsWith("urn:uuid:", issued.Id, StringComparison.Ordinal);

        var anchored = await node.WaitForAsync(issued.Id, x => x.AnchorState == V1.AnchorState.Anchored, cts.Token);
        var root = Hash32.Parse(anchored.Anchor.Root);
        Assert.True(await registry.VerifyInclusionAsync(root, anchored.Anchor.Index, Hash32.Parse(anchored.DocumentHash),
            [.. anchored.Anchor.Proof.Select(Hash32.Parse)], cts.Token));
        Assert.Equal(VcJwt.DocumentHash(anchored.Jws), Hash32.Parse(anchored.DocumentHash));

        // The JWS verifies under the public key registered on chain for its kid.
        var onChainKey = await members.GetKeyAsync(Hash32.Parse(anchored.KeyId), cts.Token);
        Assert.NotNull(onChainKey);
        var verification = new VcJwtVerifier(kid => kid == onChainKey!.KeyId ? onChainKey.PublicKey.ToArray() : null).Verify(anchored.Jws);
        Assert.True(verification.IsValid, string.Join("; ", verification.Errors));
        Assert.Equal("KR-AEO-000001", verification.Certificate!.Subject.AeoNumber);

        var suspended = await c.SuspendAsync(new V1.StatusChangeRequest { Id = issued.Id, Reason = 1 }, node.Auth, cancellationToken: cts.Token);
        Assert.Equal(V1.CertificateStatus.Suspended, suspended.Status);
        Assert.Equal(1u, suspended.PendingChanges);
        await node.WaitForAsync(issued.Id, x => x.PendingChanges == 0, cts.Token);
        Assert.Equal(CredentialStatus.Suspended, await registry.StatusOfAsync(root, anchored.Anchor.Index, cts.Token));

        await c.ReinstateAsync(new V1.StatusChangeRequest { Id = issued.Id, Reason = 2 }, node.Auth, cancellationToken: cts.Token);
        await node.WaitForAsync(issued.Id, x => x.PendingChanges == 0, cts.Token);
        Assert.Equal(CredentialStatus.Active, await registry.StatusOfAsync(root, anchored.Anchor.Index, cts.Token));

        var renewal = await c.RenewAsync(new V1.RenewRequest
        {
            Id = issued.Id,
            ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ValidUntil = Timestamp.FromDateTimeOffset(new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            ReEvaluationDue = Timestamp.FromDateTimeOffset(new DateTimeOffset(2030, 6, 30, 0, 0, 0, TimeSpan.Zero)),
            Reason = 9,
        }, node.Auth, cancellationToken: cts.Token);
        Assert.Equal(V1.CertificateStatus.Superseded, renewal.Superseded.Status);
        Assert.Equal(renewal.Renewed.Id, renewal.Superseded.SupersededBy);
        await node.WaitForAsync(issued.Id, x => x.PendingChanges == 0, cts.Token);
        var renewed = await node.WaitForAsync(renewal.Renewed.Id, x => x.AnchorState == V1.AnchorState.Anchored, cts.Token);
        Assert.Equal(CredentialStatus.Superseded, await registry.StatusOfAsync(root, anchored.Anchor.Index, cts.Token));

        await c.RevokeAsync(new V1.StatusChangeRequest { Id = renewed.Id, Reason = 3 }, node.Auth, cancellationToken: cts.Token);
        await node.WaitForAsync(renewed.Id, x => x.PendingChanges == 0, cts.Token);
        Assert.Equal(CredentialStatus.Revoked, await registry.StatusOfAsync(Hash32.Parse(renewed.Anchor.Root), renewed.Anchor.Index, cts.Token));

        var history = await c.HistoryAsync(new V1.GetRequest { Id = issued.Id }, node.Auth, cancellationToken: cts.Token);
        Assert.Equal([V1.CertificateStatus.Active, V1.CertificateStatus.Suspended, V1.CertificateStatus.Active, V1.CertificateStatus.Superseded],
            history.Changes.Select(h => h.Status));
        Assert.All(history.Changes, h => Assert.True(h.Anchored));
    }

    [Fact]
    public async Task Illegal_transitions_and_bad_input_are_refused_with_clear_errors_and_change_nothing()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var directory = new TempDirectory("lifecycle");
        var options = await NodeTestbed.InitializeAsync(anvil, directory.Path, cts.Token);
        await using var node = await InProcessNode.StartAsync(options, cts.Token);
        var c = node.Client;
        var issued = await c.IssueAsync(NodeTestbed.IssueRequest(7), node.Auth, cancellationToken: cts.Token);
        await c.RevokeAsync(new V1.StatusChangeRequest { Id = issued.Id, Reason = 3 }, node.Auth, cancellationToken: cts.Token);
        var before = await ListAllAsync(node, cts.Token);
        var historyBefore = await c.HistoryAsync(new V1.GetRequest { Id = issued.Id }, node.Auth, cancellationToken: cts.Token);

        async Task Refused(StatusCode code, string fragment, Func<Task> call)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(code, error.StatusCode);
            Assert.Contains(fragment, error.Status.Detail, StringComparison.OrdinalIgnoreCase);
        }

        await Refused(StatusCode.FailedPrecondition, "revoked", () => c.ReinstateAsync(new V1.StatusChangeRequest { Id = issued.Id }, node.Auth).ResponseAsync);
        await Refused(StatusCode.FailedPrecondition, "revoked", () => c.SuspendAsync(new V1.StatusChangeRequest { Id = issued.Id }, node.Auth).ResponseAsync);
        await Refused(StatusCode.FailedPrecondition, "revoked", () => c.RevokeAsync(new V1.StatusChangeRequest { Id = issued.Id }, node.Auth).ResponseAsync);
        await Refused(StatusCode.NotFound, "urn:uuid:00000000", () => c.SuspendAsync(new V1.StatusChangeRequest { Id = "urn:uuid:00000000-0000-0000-0000-000000000000" }, node.Auth).ResponseAsync);
        await Refused(StatusCode.InvalidArgument, "reason", () => c.SuspendAsync(new V1.StatusChangeRequest { Id = issued.Id, Reason = 256 }, node.Auth).ResponseAsync);
        await Refused(StatusCode.InvalidArgument, "future", () => c.SuspendAsync(new V1.StatusChangeRequest
        {
            Id = issued.Id,
            EffectiveAt = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow().AddDays(1)),
        }, node.Auth).ResponseAsync);

        var badInputs = new (string Fragment, Action<V1.IssueRequest> Spoil)[]
        {
            ("country", r => r.Subject.Country = "XX"),
            ("country", r => r.Subject.Country = "kr"),
            ("aeoNumber", r => r.Subject.AeoNumber = ""),
            ("legalName", r => r.Subject.LegalName = ""),
            ("programme", r => r.Subject.ProgrammeTypes.Clear()),
            ("programme", r => r.Subject.ProgrammeTypes.Add(V1.ProgrammeType.Unspecified)),
            ("role", r => r.Subject.Roles.Clear()),
            ("validUntil", r => r.ValidUntil = r.ValidFrom),
            ("validFrom", r => r.ValidFrom = null),
            ("reEvaluationDue", r => r.ReEvaluationDue = Timestamp.FromDateTimeOffset(new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero))),
            ("subject", r => r.Subject = null),
        };
        foreach (var (fragment, spoil) in badInputs)
        {
            var request = NodeTestbed.IssueRequest(8);
            spoil(request);
            await Refused(StatusCode.InvalidArgument, fragment, () => c.IssueAsync(request, node.Auth).ResponseAsync);
            var many = new V1.IssueManyRequest { Requests = { NodeTestbed.IssueRequest(9), request } };
            await Refused(StatusCode.InvalidArgument, "requests[1]", () => c.IssueManyAsync(many, node.Auth).ResponseAsync);
        }
        await Refused(StatusCode.InvalidArgument, "pageToken", () => c.ListAsync(new V1.ListRequest { PageToken = "x" }, node.Auth).ResponseAsync);

        await Refused(StatusCode.Unauthenticated, "Bearer", () => c.IssueAsync(NodeTestbed.IssueRequest(10)).ResponseAsync);
        await Refused(StatusCode.Unauthenticated, "token", () => c.IssueAsync(NodeTestbed.IssueRequest(10),
            new Metadata { { "authorization", "Bearer wrong-token-of-enough-length" } }).ResponseAsync);

        Assert.Equal(before, await ListAllAsync(node, cts.Token));
        Assert.Equal(historyBefore.Changes.Count, (await c.HistoryAsync(new V1.GetRequest { Id = issued.Id }, node.Auth, cancellationToken: cts.Token)).Changes.Count);
    }

    [Fact]
    public async Task Idempotency_keys_paging_filters_and_the_status_stream_work()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var directory = new TempDirectory("lifecycle");
        var options = await NodeTestbed.InitializeAsync(anvil, directory.Path, cts.Token);
        await using var node = await InProcessNode.StartAsync(options, cts.Token);
        var c = node.Client;

        var first = await c.IssueAsync(NodeTestbed.IssueRequest(1, "same-key"), node.Auth, cancellationToken: cts.Token);
        var again = await c.IssueAsync(NodeTestbed.IssueRequest(1, "same-key"), node.Auth, cancellationToken: cts.Token);
        Assert.Equal(first.Id, again.Id);

        var many = new V1.IssueManyRequest();
        for (var i = 2; i <= 25; i++)
            many.Requests.Add(NodeTestbed.IssueRequest(i));
        var issued = await c.IssueManyAsync(many, node.Auth, cancellationToken: cts.Token);
        Assert.Equal(24, issued.Certificates.Count);

        using var watch = c.WatchStatusChanges(new V1.WatchRequest(), node.Auth, cancellationToken: cts.Token);
        await c.SuspendAsync(new V1.StatusChangeRequest { Id = issued.Certificates[3].Id, Reason = 1 }, node.Auth, cancellationToken: cts.Token);

        var ids = new List<string>();
        string token = "";
        do
        {
            var page = await c.ListAsync(new V1.ListRequest { PageSize = 7, PageToken = token }, node.Auth, cancellationToken: cts.Token);
            Assert.True(page.Certificates.Count <= 7);
            ids.AddRange(page.Certificates.Select(x => x.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(25, ids.Count);
        Assert.Equal(25, ids.Distinct().Count());

        var suspended = await c.ListAsync(new V1.ListRequest { Status = V1.CertificateStatus.Suspended }, node.Auth, cancellationToken: cts.Token);
        Assert.Equal([issued.Certificates[3].Id], suspended.Certificates.Select(x => x.Id));
        var byNumber = await c.ListAsync(new V1.ListRequest { AeoNumber = "KR-AEO-000005" }, node.Auth, cancellationToken: cts.Token);
        Assert.Single(byNumber.Certificates);

        // The stream replays from the start: 25 issuances, then the suspension.
        var seen = new List<V1.StatusChange>();
        while (!seen.Any(s => s.Status == V1.CertificateStatus.Suspended) && await watch.ResponseStream.MoveNext(cts.Token))
            seen.Add(watch.ResponseStream.Current);
        Assert.Equal(26, seen.Select(s => s.Sequence).Distinct().Count());
        Assert.Equal(issued.Certificates[3].Id, seen.Last().Id);
    }

    [Fact]
    public async Task Rotated_key_signs_new_certificates_and_what_the_old_key_signed_still_verifies()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var directory = new TempDirectory("lifecycle");
        var options = await NodeTestbed.InitializeAsync(anvil, directory.Path, cts.Token);
        await using var node = await InProcessNode.StartAsync(options, cts.Token);
        var network = await RegistryNetwork.LoadAsync(options.Resolve(options.NetworkFile), cts.Token);
        var members = new MemberRegistryClient(network.Registries.Members, anvil.CreateEthClient());
        var c = node.Client;

        var before = await c.IssueAsync(NodeTestbed.IssueRequest(1), node.Auth, cancellationToken: cts.Token);
        var rotated = await c.RotateSigningKeyAsync(new V1.RotateSigningKeyRequest(), node.Auth, cancellationToken: cts.Token);
        var after = await c.IssueAsync(NodeTestbed.IssueRequest(2), node.Auth, cancellationToken: cts.Token);

        Assert.NotEqual(before.KeyId, after.KeyId);
        Assert.Equal(rotated.KeyId, after.KeyId);
        foreach (var certificate in new[] { before, after })
        {
            var key = await members.GetKeyAsync(Hash32.Parse(certificate.KeyId), cts.Token);
            Assert.NotNull(key);
            Assert.True(key!.IsValidAt((ulong)TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()));
            var result = new VcJwtVerifier(kid => kid == key.KeyId ? key.PublicKey.ToArray() : null).Verify(certificate.Jws);
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
        }
        var info = await c.GetNodeInfoAsync(new V1.NodeInfoRequest(), node.Auth, cancellationToken: cts.Token);
        Assert.Equal(2, info.SigningKeys.Count);
        Assert.Equal(rotated.KeyId, info.SigningKeys.Single(k => k.Current).KeyId);

        // A restarted node signs with the rotated key: the keystore was saved.
        await node.DisposeAsync();
        await using var restarted = await InProcessNode.StartAsync(options, cts.Token);
        var third = await restarted.Client.IssueAsync(NodeTestbed.IssueRequest(3), restarted.Auth, cancellationToken: cts.Token);
        Assert.Equal(rotated.KeyId, third.KeyId);
    }

    private static async Task<List<string>> ListAllAsync(InProcessNode node, CancellationToken ct)
    {
        var page = await node.Client.ListAsync(new V1.ListRequest { PageSize = 1000 }, node.Auth, cancellationToken: ct);
        return [.. page.Certificates.Select(x => $"{x.Id}:{x.Status}")];
    }
}
