using System.Diagnostics;
using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Node.Exchange;
using CredentialLedger.Sdk.Exchange;
using CredentialLedger.TestKit;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Exchange;

/// <summary>
/// The MRA data exchange between member nodes on one anvil chain (each node with its own store and keys): UZ pulls
/// KR's certificates under a KR–UZ MRA, verifies each against the chain, answers by AEO number, sees KR's suspension
/// within a bound, keeps verifying while KR's node is down; KZ, outside every MRA, is refused; tokens that are not
/// chain-signed are refused; when the MRA ends, access ends.
/// </summary>
public sealed class CredentialExchangeTests(AnvilFixture anvil, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan PropagationBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Partner_pulls_verifies_and_follows_the_issuer_under_an_mra_and_loses_access_when_it_ends()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        using var testbed = await MultiMemberTestbed.CreateAsync(anvil, "KR", ct);
        var uz = await testbed.JoinAsync("UZ", ct);
        await testbed.JoinAsync("KZ", ct);
        var mraId = await testbed.ConcludeMraAsync(["KR", "UZ"], scope: 0b01, benefits: 0b11, ct);

        var kr = testbed["KR"];
        uz.Exchange.Partners = [new PartnerNode { Member = "KR", Endpoint = kr.ListenUrl }];
        uz.Exchange.PullInterval = TimeSpan.FromMilliseconds(200);
        uz.Exchange.RetryDelay = TimeSpan.FromMilliseconds(200);
        uz.Save();

        var krNode = await InProcessNode.StartAsync(kr, ct);
        try
        {
            await using var uzNode = await InProcessNode.StartAsync(uz, ct);
            using var uzChannel = GrpcChannel.ForAddress(uzNode.Endpoint);
            var uzVerify = new V1.Verification.VerificationClient(uzChannel);

            var issued = await krNode.Client.IssueManyAsync(new V1.IssueManyRequest { Requests = { Enumerable.Range(1, 5).Select(n => NodeTestbed.IssueRequest(n)) } },
                krNode.Auth, cancellationToken: ct);
            foreach (var c in issued.Certificates)
                await krNode.WaitForAsync(c.Id, x => x.AnchorState == V1.AnchorState.Anchored, ct);

            // UZ pulls all five, each verified against the chain before it is stored.
            var partners = uzNode.Services.GetRequiredService<PartnerCredentialStore>();
            await WaitUntilAsync(() => partners.Count("KR") == 5, ct);
            Assert.All(partners.ByIssuer("KR", 10), p => Assert.Contains(p.Id, issued.Certificates.Select(c => c.Id)));

            // A certificate of a programme the MRA does not cover (AEO-C only) is not shared.
            var aeoCOnly = NodeTestbed.IssueRequest(9);
            aeoCOnly.Subject.ProgrammeTypes.Clear();
            aeoCOnly.Subject.ProgrammeTypes.Add(V1.ProgrammeType.AeoC);
            var uncovered = await krNode.Client.IssueAsync(aeoCOnly, krNode.Auth, cancellationToken: ct);
            await krNode.WaitForAsync(uncovered.Id, x => x.AnchorState == V1.AnchorState.Anchored, ct);
            using (var pullChannel = GrpcChannel.ForAddress(krNode.Endpoint))
            using (var uzKeyForPull = testbed.SigningKey("UZ"))
            using (var uzPullTokens = new ExchangeTokenIssuer(MemberCode.Parse("UZ"), uzKeyForPull))
            {
                var exchange = new ExchangeClient(pullChannel, uzPullTokens, MemberCode.Parse("KR"));
                var page = await exchange.PullAsync("", 100, ct);
                Assert.Equal(issued.Certificates.Select(c => c.Id).Order(), page.Certificates.Select(c => c.Id).Order());
                Assert.False(page.More);

                // Nor are its status changes: the stream from the start carries the covered ones only.
                using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var seen = new List<V1.StatusChange>();
                var watcher = Task.Run(async () =>
                {
                    try
                    {
                        await foreach (var change in exchange.WatchAsync(0, watching.Token))
                        {
                            lock (seen)
                                seen.Add(change);
                        }
                    }
                    catch (Exception e) when (e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
                    {
                    }
                }, ct);
                var last = issued.Certificates[4].Id;
                await krNode.Client.SuspendAsync(new V1.StatusChangeRequest { Id = last, Reason = 1 }, krNode.Auth, cancellationToken: ct);
                await WaitUntilAsync(() => { lock (seen) return seen.Any(c => c.Id == last && c.Status == V1.CertificateStatus.Suspended); }, ct);
                await watching.CancelAsync();
                await watcher;
                lock (seen)
                {
                    Assert.DoesNotContain(seen, c => c.Id == uncovered.Id);
                    Assert.All(issued.Certificates, c => Assert.Contains(seen, s => s.Id == c.Id));
                }
            }

            // UZ answers by AEO number from what it holds: recognized under the MRA, AEO-S only.
            var answer = await uzVerify.VerifyAsync(new V1.VerifyRequest { AeoNumber = "KR-AEO-000002" }, uzNode.Auth, cancellationToken: ct);
            Assert.True(answer.Recognized, string.Join("; ", answer.Reasons.Select(r => r.Code + ": " + r.Message)));
            Assert.Equal(mraId, answer.Mra.MraId);
            Assert.Equal([V1.ProgrammeType.AeoS], answer.Mra.Programmes);
            Assert.Equal("KR", answer.Issuer);
            Assert.Equal(V1.CertificateStatus.Active, answer.Status);

            // A suspension at KR reaches UZ's verifier within the bound.
            var watch = Stopwatch.StartNew();
            await krNode.Client.SuspendAsync(new V1.StatusChangeRequest { Id = issued.Certificates[1].Id, Reason = 4 }, krNode.Auth, cancellationToken: ct);
            V1.VerifyResponse suspended;
            while (true)
            {
                suspended = await uzVerify.VerifyAsync(new V1.VerifyRequest { AeoNumber = "KR-AEO-000002" }, uzNode.Auth, cancellationToken: ct);
                if (suspended.Status == V1.CertificateStatus.Suspended || watch.Elapsed > PropagationBound)
                    break;
                await Task.Delay(20, ct);
            }
            output.WriteLine($"suspension at KR → 'suspended' at UZ: {watch.Elapsed.TotalMilliseconds:F0} ms");
            Assert.Equal(V1.CertificateStatus.Suspended, suspended.Status);
            Assert.False(suspended.Recognized);
            Assert.Equal(["Suspended"], suspended.Reasons.Select(r => r.Code));

            // KZ is a member but party to no MRA with KR: refused. A key not registered on chain: unauthenticated.
            using var krChannel = GrpcChannel.ForAddress(krNode.Endpoint);
            using (var kzKey = testbed.SigningKey("KZ"))
            using (var kzTokens = new ExchangeTokenIssuer(MemberCode.Parse("KZ"), kzKey))
            {
                var refused = await Assert.ThrowsAsync<RpcException>(() => new ExchangeClient(krChannel, kzTokens, MemberCode.Parse("KR")).PullAsync("", 10, ct));
                Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
                Assert.Contains("no MRA", refused.Status.Detail, StringComparison.Ordinal);
            }
            using (var stranger = VcJwtSigningKey.Generate())
            using (var forged = new ExchangeTokenIssuer(MemberCode.Parse("UZ"), stranger))
            {
                var refused = await Assert.ThrowsAsync<RpcException>(() => new ExchangeClient(krChannel, forged, MemberCode.Parse("KR")).PullAsync("", 10, ct));
                Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
            }
            // The exchange is not an operator call: the operator token is neither needed nor enough.
            var withOperatorToken = await Assert.ThrowsAsync<RpcException>(() =>
                new V1.CredentialExchange.CredentialExchangeClient(krChannel).PullAsync(new V1.PullRequest(), krNode.Auth, cancellationToken: ct).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, withOperatorToken.StatusCode);

            // KR's node goes down: UZ still verifies (from the chain and what it holds).
            await krNode.DisposeAsync();
            var whileDown = await uzVerify.VerifyAsync(new V1.VerifyRequest { AeoNumber = "KR-AEO-000003" }, uzNode.Auth, cancellationToken: ct);
            Assert.True(whileDown.Recognized, string.Join("; ", whileDown.Reasons.Select(r => r.Code)));

            // The MRA ends (UZ terminates it; UZ's node sends nothing, so its account is free): verification says so,
            // and KR's node, back up, refuses UZ's pulls.
            await testbed.WithOperatorAsync("UZ", sender => new MraRegistryClient(testbed.Network.Registries.Mras, testbed.Eth, sender).TerminateAsync(mraId, 0, ct));
            V1.VerifyResponse ended;
            do
            {
                await Task.Delay(50, ct);
                ended = await uzVerify.VerifyAsync(new V1.VerifyRequest { AeoNumber = "KR-AEO-000003" }, uzNode.Auth, cancellationToken: ct);
            }
            while (ended.Recognized);
            Assert.Equal(["NoMraInForce"], ended.Reasons.Select(r => r.Code));

            krNode = await InProcessNode.StartAsync(kr, ct);
            using var krChannel2 = GrpcChannel.ForAddress(krNode.Endpoint);
            using var uzKey = testbed.SigningKey("UZ");
            using var uzTokens = new ExchangeTokenIssuer(MemberCode.Parse("UZ"), uzKey);
            RpcException? afterEnd = null;
            await WaitUntilAsync(async () =>
            {
                afterEnd = await Record.ExceptionAsync(() => new ExchangeClient(krChannel2, uzTokens, MemberCode.Parse("KR")).PullAsync("", 10, ct)) as RpcException;
                return afterEnd is { StatusCode: StatusCode.PermissionDenied };
            }, ct);
            Assert.Contains("no MRA", afterEnd!.Status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            await krNode.DisposeAsync();
        }
    }

    private static Task WaitUntilAsync(Func<bool> done, CancellationToken ct) => WaitUntilAsync(() => Task.FromResult(done()), ct);

    private static async Task WaitUntilAsync(Func<Task<bool>> done, CancellationToken ct)
    {
        while (!await done())
            await Task.Delay(50, ct);
    }
}
