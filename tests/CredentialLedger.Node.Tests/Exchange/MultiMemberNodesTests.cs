using System.Diagnostics;
using System.Globalization;
using CredentialLedger.Contracts;
using CredentialLedger.Node.Exchange;
using CredentialLedger.Sdk.Exchange;
using CredentialLedger.TestKit;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Exchange;

/// <summary>
/// Three member nodes, each its own process with its own store and keys, on one anvil chain: KZ (founder), UZ, KR;
/// DE is a member with no MRA and no node. MRA A is bilateral KZ–UZ (AEO-S and AEO-C); MRA B is sub-regional
/// KR–KZ–UZ (AEO-S). UZ pulls from KZ and KR. A KR certificate is recognized at UZ only while MRA B is in force;
/// KZ's suspensions reach UZ's verifier within a stated bound (p50 and p99 printed); UZ keeps verifying while KZ's
/// node is down; DE is refused the exchange.
/// </summary>
public sealed class MultiMemberNodesTests(AnvilFixture anvil, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan NodeStart = TimeSpan.FromSeconds(60);

    /// <summary>The stated bound: a suspension accepted at KZ is answered as such by UZ's verifier within it.</summary>
    private static readonly TimeSpan PropagationBound = TimeSpan.FromSeconds(5);

    private static int Samples => int.TryParse(Environment.GetEnvironmentVariable("CREDLEDGER_PROPAGATION_SAMPLES"), NumberStyles.None,
        CultureInfo.InvariantCulture, out var n) && n > 0 ? Math.Min(n, 500) : 20;

    [Fact]
    public async Task Three_member_nodes_recognize_under_bilateral_and_subregional_mras()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        using var testbed = await MultiMemberTestbed.CreateAsync(anvil, "KZ", ct);
        var uz = await testbed.JoinAsync("UZ", ct);
        var kr = await testbed.JoinAsync("KR", ct);
        await testbed.JoinAsync("DE", ct);
        var mraA = await testbed.ConcludeMraAsync(["KZ", "UZ"], scope: 0b11, benefits: 0b1, ct);
        var mraB = await testbed.ConcludeMraAsync(["KR", "KZ", "UZ"], scope: 0b01, benefits: 0b10, ct);
        var kz = testbed["KZ"];
        uz.Exchange.Partners = [new PartnerNode { Member = "KZ", Endpoint = kz.ListenUrl }, new PartnerNode { Member = "KR", Endpoint = kr.ListenUrl }];
        uz.Exchange.PullInterval = TimeSpan.FromMilliseconds(500);
        uz.Exchange.RetryDelay = TimeSpan.FromMilliseconds(200);
        uz.Save();

        using var kzNode = new NodeProcess(kz.DataDirectory, NodeTestbed.Passphrase, kz.ListenUrl);
        using var krNode = new NodeProcess(kr.DataDirectory, NodeTestbed.Passphrase, kr.ListenUrl);
        using var uzNode = new NodeProcess(uz.DataDirectory, NodeTestbed.Passphrase, uz.ListenUrl);
        await Task.WhenAll(kzNode.StartAsync(NodeStart), krNode.StartAsync(NodeStart), uzNode.StartAsync(NodeStart));
        try
        {
            using var kzChannel = GrpcChannel.ForAddress(kz.ListenUrl);
            using var krChannel = GrpcChannel.ForAddress(kr.ListenUrl);
            using var uzChannel = GrpcChannel.ForAddress(uz.ListenUrl);
            var kzCertificates = new V1.AeoCertificates.AeoCertificatesClient(kzChannel);
            var krCertificates = new V1.AeoCertificates.AeoCertificatesClient(krChannel);
            var uzVerify = new V1.Verification.VerificationClient(uzChannel);
            Task<V1.VerifyResponse> VerifyAtUz(string aeoNumber) => uzVerify.VerifyAsync(new V1.VerifyRequest { AeoNumber = aeoNumber }, uzNode.Headers(), cancellationToken: ct).ResponseAsync;

            var kzIssued = await kzCertificates.IssueAsync(Request("KZ", 1), kzNode.Headers(), cancellationToken: ct);
            var krIssued = await krCertificates.IssueAsync(Request("KR", 1), krNode.Headers(), cancellationToken: ct);

            // UZ pulls both issuers' certificates and recognizes each under its MRA.
            var kzAnswer = await UntilAsync(() => VerifyAtUz("KZ-AEO-000001"), r => r.Recognized, ct);
            Assert.Equal(mraA, kzAnswer.Mra.MraId);
            Assert.Equal([V1.ProgrammeType.AeoS, V1.ProgrammeType.AeoC], kzAnswer.Mra.Programmes);
            var krAnswer = await UntilAsync(() => VerifyAtUz("KR-AEO-000001"), r => r.Recognized, ct);
            Assert.Equal(mraB, krAnswer.Mra.MraId);
            Assert.Equal([V1.ProgrammeType.AeoS], krAnswer.Mra.Programmes);

            // KR's certificate is recognized at UZ only while the sub-regional MRA is in force; KZ's stays under MRA A.
            await testbed.WithOperatorAsync("UZ", s => new MraRegistryClient(testbed.Network.Registries.Mras, testbed.Eth, s).SuspendAsync(mraB, 0, ct));
            var krWhileSuspended = await UntilAsync(() => VerifyAtUz("KR-AEO-000001"), r => !r.Recognized, ct);
            Assert.Equal(["NoMraInForce"], krWhileSuspended.Reasons.Select(r => r.Code));
            Assert.True((await VerifyAtUz("KZ-AEO-000001")).Recognized);
            await testbed.WithOperatorAsync("UZ", s => new MraRegistryClient(testbed.Network.Registries.Mras, testbed.Eth, s).ResumeAsync(mraB, ct));
            await UntilAsync(() => VerifyAtUz("KR-AEO-000001"), r => r.Recognized, ct);

            // Propagation: a suspension accepted at KZ until UZ's verifier answers "suspended" (then reinstated, again).
            var latencies = new List<double>();
            for (var i = 0; i < Samples; i++)
            {
                var watch = Stopwatch.StartNew();
                await kzCertificates.SuspendAsync(new V1.StatusChangeRequest { Id = kzIssued.Id, Reason = 4 }, kzNode.Headers(), cancellationToken: ct);
                var suspended = await UntilAsync(() => VerifyAtUz("KZ-AEO-000001"), r => r.Status == V1.CertificateStatus.Suspended, ct, PropagationBound);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Equal(["Suspended"], suspended.Reasons.Select(r => r.Code));
                await kzCertificates.ReinstateAsync(new V1.StatusChangeRequest { Id = kzIssued.Id, Reason = 2 }, kzNode.Headers(), cancellationToken: ct);
                await UntilAsync(() => VerifyAtUz("KZ-AEO-000001"), r => r.Recognized, ct, PropagationBound);
            }
            latencies.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"suspension at KZ → 'suspended' at UZ, {latencies.Count} samples: p50 {Percentile(latencies, 0.50):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms"));

            // DE is a member with a registered key, but party to no MRA with KZ: refused.
            using (var deKey = testbed.SigningKey("DE"))
            using (var deTokens = new ExchangeTokenIssuer(MemberCode.Parse("DE"), deKey))
            {
                var refused = await Assert.ThrowsAsync<RpcException>(() => new ExchangeClient(kzChannel, deTokens, MemberCode.Parse("KZ")).PullAsync("", 10, ct));
                Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
            }

            // KZ's node goes down: UZ keeps verifying KZ's certificate from the chain and what it pulled.
            kzNode.Kill();
            var whileDown = await VerifyAtUz("KZ-AEO-000001");
            Assert.True(whileDown.Recognized, string.Join("; ", whileDown.Reasons.Select(r => r.Code)));
            Assert.Equal(V1.CertificateStatus.Active, whileDown.Status);
        }
        catch
        {
            output.WriteLine("UZ node output:\n" + uzNode.Output);
            throw;
        }
    }

    private static V1.IssueRequest Request(string member, int n)
    {
        var request = NodeTestbed.IssueRequest(n);
        request.Subject.AeoNumber = $"{member}-AEO-{n:D6}";
        request.Subject.Country = member;
        return request;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, CancellationToken ct, TimeSpan? bound = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            T value;
            try
            {
                value = await read();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound && bound is null)
            {
                // Not pulled yet.
                await Task.Delay(20, ct);
                continue;
            }
            if (done(value))
                return value;
            if (bound is { } b && watch.Elapsed > b)
                Assert.Fail($"Not within {b.TotalSeconds} s; last answer: {value}");
            await Task.Delay(20, ct);
        }
    }
}
