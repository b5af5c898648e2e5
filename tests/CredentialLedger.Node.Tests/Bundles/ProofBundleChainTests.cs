using System.Security.Cryptography;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Node.Tests.Indexing;
using CredentialLedger.Sdk.Bundles;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;
using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Bundles;

/// <summary>
/// Proof bundles end to end on anvil: a KR node issues a real certificate, UZ (under a KR–UZ MRA) verifies it, a bundle
/// is exported to a file and re-checked offline to the same answer a ledger synced from the chain gives; after a
/// suspension a new bundle says Suspended while the older file still re-checks to its own answer at its own t; and the
/// on-chain confirmation passes for both, and fails for a changed block hash or a dropped log.
/// </summary>
public sealed class ProofBundleChainTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private static readonly MemberCode Kr = MemberCode.Parse("KR");
    private static readonly MemberCode Uz = MemberCode.Parse("UZ");
    private const uint AeoSOnly = 1u << 0;
    private const uint Benefits = 0b101;
    private const byte SuspensionReason = 4;

    [Fact]
    public async Task Bundles_re_check_offline_to_their_answer_before_and_after_a_suspension_and_confirm_on_chain()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        using var testbed = await IndexingTestbed.CreateAsync(anvil, ct);
        using var files = new TempDirectory("bundles");
        var network = testbed.Network;
        var eth = testbed.Eth;
        using var krKey = testbed.OperatorKey();
        using var uzKey = PrivateKey.Parse(anvil.PrivateKeys[7]);

        // UZ joins and concludes an AEO-S MRA with KR, while no node runs (it sends from KR's operator account).
        ulong mraId;
        using (var kr = testbed.OperatorSender(krKey))
        using (var uz = testbed.OperatorSender(uzKey))
        {
            var krMembers = new MemberRegistryClient(network.Registries.Members, eth, kr);
            var admitUz = await krMembers.ProposeAsync(ProposalKind.Admit, Uz, uzKey.Address, ct);
            await krMembers.ExecuteAsync(admitUz.Value, ct);
            mraId = (await new MraRegistryClient(network.Registries.Mras, eth, kr).ProposeAsync([Kr, Uz], AeoSOnly, Benefits, 0, 0, ct)).Value;
            await new MraRegistryClient(network.Registries.Mras, eth, uz).AcceptAsync(mraId, 1, ct);
        }

        // The KR node issues a certificate and anchors it.
        V1.Certificate certificate;
        await using (var node = await InProcessNode.StartAsync(testbed.Options, ct))
        {
            var issued = await node.Client.IssueAsync(NodeTestbed.IssueRequest(1), node.Auth, cancellationToken: ct);
            certificate = await node.WaitForAsync(issued.Id, x => x.AnchorState == V1.AnchorState.Anchored, ct);
        }
        var presented = Presented(certificate);

        // UZ verifies now and exports the bundle of that verification.
        var t1 = DateTimeOffset.FromUnixTimeSeconds((long)(await eth.GetBlockByNumberAsync(Evm.Rpc.BlockParameter.Latest, ct)).Timestamp + 1);
        var first = await ProofBundleExporter.ExportAsync(eth, network, presented, Uz, t1, ct);
        Assert.True(first.Recorded.Recognized, string.Join("; ", first.Recorded.Reasons));
        Assert.Equal(mraId, first.Recorded.MraId);
        Assert.Equal(CredentialStatus.Active, first.Recorded.Status);
        Assert.Equal(await eth.BlockNumberAsync(ct), first.TakenAt.Number);
        Assert.Equal(Hash32.Parse(certificate.Anchor.TransactionHash), first.Anchor!.TransactionHash);
        Assert.True(first.Anchor.Succeeded);
        Assert.Equal(
            ["BatchAnchored", "KeyRegistered", "MemberAdmitted", "MraAccepted", "MraConcluded", "MraProposed"],
            EventNames(first).Distinct().Order());
        Assert.Equal(2, EventNames(first).Count(n => n == "MemberAdmitted")); // KR and UZ, nothing of other members

        // The same answer as a ledger synced from the whole chain.
        var synced = await SyncedVerifierAsync(testbed, ct);
        AssertSameDecision(synced.Verify(presented, Uz, t1), first.Recorded);

        // Written to a file and re-checked offline from the file alone.
        var firstPath = files.File("first.json");
        await first.SaveAsync(firstPath, ct);
        var firstCheck = ProofBundleVerifier.Check(await File.ReadAllTextAsync(firstPath, ct));
        Assert.True(firstCheck.Holds, firstCheck.ToSummary());
        Assert.True(firstCheck.Recomputed!.Recognized);
        Assert.Equal(mraId, firstCheck.Recomputed.Mra!.MraId);
        Assert.Equal(first.ToJson(), (await ProofBundle.LoadAsync(firstPath, ct)).ToJson());

        var confirmed = await ProofBundleVerifier.ConfirmOnChainAsync(eth, first, ct);
        Assert.True(confirmed.IsConfirmed, confirmed.ToSummary());
        Assert.Equal(first.Logs.Count, confirmed.ChainLogs);

        // KR suspends the certificate a few seconds on; a new bundle says Suspended.
        await eth.Rpc.SendAsync("evm_increaseTime", w => w.WriteNumberValue(5), static _ => true, ct);
        await testbed.SuspendAsync(presented.Root, presented.Index, SuspensionReason, ct);
        var t2 = DateTimeOffset.FromUnixTimeSeconds((long)(await eth.GetBlockByNumberAsync(Evm.Rpc.BlockParameter.Latest, ct)).Timestamp + 1);
        var second = await ProofBundleExporter.ExportAsync(eth, network, presented, Uz, t2, ct);
        Assert.Equal([VerificationFailure.Suspended], second.Recorded.Reasons.Select(r => r.Failure));
        Assert.Equal(CredentialStatus.Suspended, second.Recorded.Status);
        Assert.Contains("CredentialStatusChanged", EventNames(second));
        AssertSameDecision((await SyncedVerifierAsync(testbed, ct)).Verify(presented, Uz, t2), second.Recorded);
        var secondPath = files.File("second.json");
        await second.SaveAsync(secondPath, ct);
        var secondCheck = ProofBundleVerifier.Check(await File.ReadAllTextAsync(secondPath, ct));
        Assert.True(secondCheck.Holds, secondCheck.ToSummary());
        Assert.Equal(SuspensionReason, secondCheck.Recomputed!.StatusChange!.Reason);
        Assert.True((await ProofBundleVerifier.ConfirmOnChainAsync(eth, second, ct)).IsConfirmed);

        // The older file still re-checks to its own answer at its own t, and still stands on the chain.
        var again = ProofBundleVerifier.Check(await File.ReadAllTextAsync(firstPath, ct));
        Assert.True(again.Holds, again.ToSummary());
        Assert.True(again.Recomputed!.Recognized);
        Assert.True((await ProofBundleVerifier.ConfirmOnChainAsync(eth, first, ct)).IsConfirmed);
        // A bundle taken now for the earlier t agrees: the suspension took effect after t1.
        Assert.True((await ProofBundleExporter.ExportAsync(eth, network, presented, Uz, t1, ct)).Recorded.Recognized);

        // A changed block hash passes offline (nothing else in the file names that block) but not on chain.
        var keyLog = first.Logs.Single(l => l.Topics[0] == Topic0("KeyRegistered"));
        var rehashed = first with { Logs = [.. first.Logs.Select(l => l == keyLog ? l with { BlockHash = Keccak256.HashUtf8("another block") } : l)] };
        Assert.True(ProofBundleVerifier.Check(rehashed).Holds);
        var refused = await ProofBundleVerifier.ConfirmOnChainAsync(eth, rehashed, ct);
        Assert.False(refused.IsConfirmed);
        Assert.Contains(refused.Problems, p => p.Kind == ProofBundleProblemKind.NotOnChain && p.Message.Contains($"block {keyLog.BlockNumber} has hash", StringComparison.Ordinal));
        var retaken = first with { TakenAt = first.TakenAt with { Hash = Keccak256.HashUtf8("another head") } };
        Assert.Contains((await ProofBundleVerifier.ConfirmOnChainAsync(eth, retaken, ct)).Problems,
            p => p.Kind == ProofBundleProblemKind.NotOnChain && p.Message.StartsWith("the taken-at block", StringComparison.Ordinal));

        // A dropped suspension: offline the file agrees with itself but not with its recorded answer; the chain shows the gap.
        var dropped = second with { Logs = [.. second.Logs.Where(l => l.Topics[0] != Topic0("CredentialStatusChanged"))] };
        var droppedCheck = ProofBundleVerifier.Check(dropped);
        Assert.True(droppedCheck.IsConsistent);
        Assert.False(droppedCheck.MatchesRecorded);
        var incomplete = await ProofBundleVerifier.ConfirmOnChainAsync(eth, dropped, ct);
        Assert.Contains(incomplete.Problems, p => p.Kind == ProofBundleProblemKind.Incomplete
            && p.Message.StartsWith("the chain has CredentialStatusChanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_credential_whose_root_was_never_anchored_gets_a_bundle_without_receipt_that_says_not_anchored()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        using var testbed = await IndexingTestbed.CreateAsync(anvil, ct);
        V1.Certificate certificate;
        await using (var node = await InProcessNode.StartAsync(testbed.Options, ct))
        {
            var issued = await node.Client.IssueAsync(NodeTestbed.IssueRequest(2), node.Auth, cancellationToken: ct);
            certificate = await node.WaitForAsync(issued.Id, x => x.AnchorState == V1.AnchorState.Anchored, ct);
        }
        var presented = Presented(certificate) with { Root = new Hash32(RandomNumberGenerator.GetBytes(32)) };
        var at = DateTimeOffset.FromUnixTimeSeconds((long)(await testbed.Eth.GetBlockByNumberAsync(Evm.Rpc.BlockParameter.Latest, ct)).Timestamp);

        var bundle = await ProofBundleExporter.ExportAsync(testbed.Eth, testbed.Network, presented, Kr, at, ct);

        Assert.Null(bundle.Anchor);
        Assert.Equal([VerificationFailure.NotAnchored], bundle.Recorded.Reasons.Select(r => r.Failure));
        Assert.DoesNotContain("BatchAnchored", EventNames(bundle));
        var check = ProofBundleVerifier.Check(bundle.ToJson());
        Assert.True(check.Holds, check.ToSummary());
        Assert.True((await ProofBundleVerifier.ConfirmOnChainAsync(testbed.Eth, bundle, ct)).IsConfirmed);
    }

    private static async Task<AeoVerifier> SyncedVerifierAsync(IndexingTestbed testbed, CancellationToken ct)
    {
        var history = new LedgerHistory();
        await new LedgerSync(testbed.Eth, testbed.Network.Registries, testbed.Network.DeploymentBlock, history).SyncAsync(null, ct);
        return new AeoVerifier(history, new LedgerStatusReference(testbed.Network.ChainId, testbed.Network.Registries.Credentials));
    }

    private static void AssertSameDecision(AeoVerification synced, RecordedVerification recorded)
    {
        Assert.Empty(recorded.DifferencesFrom(synced));
        Assert.Equal(synced.Reasons.Select(r => r.Message), recorded.Reasons.Select(r => r.Message));
    }

    private static IEnumerable<string> EventNames(ProofBundle bundle)
    {
        var decoder = new RegistryEventDecoder(bundle.Registries);
        return bundle.Logs.Select(l => decoder.TryDecode(l.ToLog(), out var e) ? e.GetType().Name : "?");
    }

    private static Hash32 Topic0(string name) => RegistryEventDecoder.Signatures.Single(s => s.Name == name).Topic0;

    private static PresentedCredential Presented(V1.Certificate certificate) =>
        new(certificate.Jws, Hash32.Parse(certificate.Anchor.Root), certificate.Anchor.Index, [.. certificate.Anchor.Proof.Select(Hash32.Parse)]);
}
