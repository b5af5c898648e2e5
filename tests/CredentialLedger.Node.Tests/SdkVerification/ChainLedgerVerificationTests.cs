using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Node.Tests.Indexing;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;
using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.SdkVerification;

/// <summary>
/// The SDK's direct-chain backend end to end: a KR node issues and suspends real certificates, KR, UZ and KZ are
/// members of one anvil chain with a KR–UZ MRA, and a partner's <see cref="LedgerHistory"/> synced over JSON-RPC alone
/// (no node) answers as the chain's own views do, now and at earlier times.
/// </summary>
public sealed class ChainLedgerVerificationTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private static readonly MemberCode Kr = MemberCode.Parse("KR");
    private static readonly MemberCode Uz = MemberCode.Parse("UZ");
    private static readonly MemberCode Kz = MemberCode.Parse("KZ");
    private const uint AeoSOnly = 1u << 0;
    private const uint Benefits = 0b101;

    [Fact]
    public async Task Partner_ledger_synced_from_the_chain_recognizes_under_the_mra_and_follows_suspensions_and_mra_changes()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        using var testbed = await IndexingTestbed.CreateAsync(anvil, ct);
        var registries = testbed.Network.Registries;
        using var krKey = testbed.OperatorKey();
        using var uzKey = PrivateKey.Parse(anvil.PrivateKeys[7]);
        using var kzKey = PrivateKey.Parse(anvil.PrivateKeys[8]);

        // Membership and the MRA, written while the KR node is not running (it sends from KR's operator account).
        using (var kr = testbed.OperatorSender(krKey))
        using (var uz = testbed.OperatorSender(uzKey))
        {
            var krMembers = new MemberRegistryClient(registries.Members, testbed.Eth, kr);
            var admitUz = await krMembers.ProposeAsync(ProposalKind.Admit, Uz, uzKey.Address, ct);
            await krMembers.ExecuteAsync(admitUz.Value, ct);
            var admitKz = await krMembers.ProposeAsync(ProposalKind.Admit, Kz, kzKey.Address, ct);
            await new MemberRegistryClient(registries.Members, testbed.Eth, uz).VoteAsync(admitKz.Value, ct);
            await krMembers.ExecuteAsync(admitKz.Value, ct);
        }
        ulong mraId;
        using (var kr = testbed.OperatorSender(krKey))
        using (var uz = testbed.OperatorSender(uzKey))
        {
            mraId = (await new MraRegistryClient(registries.Mras, testbed.Eth, kr).ProposeAsync([Kr, Uz], AeoSOnly, Benefits, 0, 0, ct)).Value;
            await new MraRegistryClient(registries.Mras, testbed.Eth, uz).AcceptAsync(mraId, 1, ct);
        }

        // The KR node issues two certificates (AEO-S and AEO-C) and suspends the second.
        V1.Certificate first, second;
        await using (var node = await InProcessNode.StartAsync(testbed.Options, ct))
        {
            var issued1 = await node.Client.IssueAsync(NodeTestbed.IssueRequest(1), node.Auth, cancellationToken: ct);
            var issued2 = await node.Client.IssueAsync(NodeTestbed.IssueRequest(2), node.Auth, cancellationToken: ct);
            first = await node.WaitForAsync(issued1.Id, x => x.AnchorState == V1.AnchorState.Anchored, ct);
            await node.WaitForAsync(issued2.Id, x => x.AnchorState == V1.AnchorState.Anchored, ct);
            await node.Client.SuspendAsync(new V1.StatusChangeRequest { Id = issued2.Id, Reason = 4 }, node.Auth, cancellationToken: ct);
            second = await node.WaitForAsync(issued2.Id, x => x.PendingChanges == 0, ct);
        }

        // A partner syncs a ledger from the chain alone.
        var history = new LedgerHistory();
        var sync = new LedgerSync(testbed.Eth, registries, testbed.Network.DeploymentBlock, history);
        var progress = new List<LedgerSyncProgress>();
        var applied = await sync.SyncAsync(new SynchronousProgress<LedgerSyncProgress>(progress.Add), ct);
        var head = await testbed.Eth.BlockNumberAsync(ct);
        Assert.Equal(head, history.Freshness!.Block);
        Assert.Equal((await testbed.RegistryLogsAsync(ct)).Count, applied);
        Assert.Equal(head, progress[^1].Block);
        Assert.Equal(0, await sync.SyncAsync(null, ct)); // nothing new: nothing applied twice

        var verifier = new AeoVerifier(history, new LedgerStatusReference(testbed.Network.ChainId, registries.Credentials));
        var now = DateTimeOffset.FromUnixTimeSeconds((long)history.Freshness.BlockTime + 1);
        var members = new MemberRegistryClient(registries.Members, testbed.Eth);
        var mras = new MraRegistryClient(registries.Mras, testbed.Eth);
        var credentials = new CredentialRegistryClient(registries.Credentials, testbed.Eth);

        var recognized = verifier.Verify(Presented(first), Uz, now);
        Assert.True(recognized.Recognized, string.Join("; ", recognized.Reasons));
        Assert.Equal(mraId, recognized.Mra!.MraId);
        Assert.Equal(1u, recognized.Mra.Version);
        Assert.Equal(Benefits, recognized.Mra.Benefits);
        Assert.Equal([AeoProgramme.AeoS], recognized.Mra.Programmes);
        Assert.Equal(first.Anchor.BlockNumber, recognized.Anchor!.BlockNumber);
        Assert.Equal(Hash32.Parse(first.Anchor.TransactionHash), recognized.Anchor.TransactionHash);
        Assert.Equal(CredentialStatus.Active, recognized.Status);
        Assert.Equal(Hash32.Parse(first.KeyId), recognized.KeyId);
        // The chain's own view agrees.
        var onChain = await mras.RecognizesAsync(Uz, Kr, 0, (ulong)now.ToUnixTimeSeconds(), ct);
        Assert.True(onChain.Recognized);
        Assert.Equal(mraId, onChain.MraId);
        Assert.False((await mras.RecognizesAsync(Uz, Kr, 1, (ulong)now.ToUnixTimeSeconds(), ct)).Recognized);

        var suspended = verifier.Verify(Presented(second), Uz, now);
        Assert.Equal([VerificationFailure.Suspended], suspended.Reasons.Select(r => r.Failure));
        Assert.Equal(CredentialStatus.Suspended, suspended.Status);
        Assert.Equal(4, suspended.StatusChange!.Reason);
        Assert.Equal(CredentialStatus.Suspended, await credentials.StatusOfAsync(Hash32.Parse(second.Anchor.Root), second.Anchor.Index, ct));
        // The second before the suspension took effect, the same credential was active (whether the MRA was already
        // in force that second depends on how fast this test ran, so only the status is asserted).
        var beforeSuspension = verifier.Verify(Presented(second), Uz, DateTimeOffset.FromUnixTimeSeconds((long)suspended.StatusChange.EffectiveAt - 1));
        Assert.Equal(CredentialStatus.Active, beforeSuspension.Status);
        Assert.DoesNotContain(beforeSuspension.Reasons, r => r.Failure == VerificationFailure.Suspended);

        Assert.Equal([VerificationFailure.NoMraInForce], verifier.Verify(Presented(first), Kz, now).Reasons.Select(r => r.Failure));
        Assert.False((await mras.RecognizesAsync(Kz, Kr, 0, (ulong)now.ToUnixTimeSeconds(), ct)).Recognized);
        var own = verifier.Verify(Presented(first), Kr, now);
        Assert.True(own.Recognized);
        Assert.Null(own.Mra);
        Assert.True(await members.IsActiveMemberAsync(Uz, ct));

        // UZ suspends the MRA (a few seconds on, so the concluded and suspended states have distinct block times):
        // from that block on, KR certificates are not recognized at UZ; a second before, they were.
        await testbed.Eth.Rpc.SendAsync("evm_increaseTime", w => w.WriteNumberValue(5), static _ => true, ct);
        using (var uz = testbed.OperatorSender(uzKey))
            await new MraRegistryClient(registries.Mras, testbed.Eth, uz).SuspendAsync(mraId, 1, ct);
        Assert.True(await sync.SyncAsync(null, ct) > 0);
        var states = history.GetMra(mraId)!.States;
        Assert.Equal(MraStatus.Suspended, states[^1].Status);
        var suspendedAt = states[^1].From;
        Assert.True(suspendedAt > states[^2].From);
        Assert.Equal([VerificationFailure.NoMraInForce],
            verifier.Verify(Presented(first), Uz, DateTimeOffset.FromUnixTimeSeconds((long)suspendedAt)).Reasons.Select(r => r.Failure));
        Assert.False((await mras.RecognizesAsync(Uz, Kr, 0, suspendedAt, ct)).Recognized);
        Assert.True(verifier.Verify(Presented(first), Uz, DateTimeOffset.FromUnixTimeSeconds((long)suspendedAt - 1)).Recognized);
    }

    [Fact]
    public async Task Sync_refuses_to_go_on_when_the_block_it_stands_on_left_the_chain()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        using var testbed = await IndexingTestbed.CreateAsync(anvil, ct);
        var snapshot = await testbed.SnapshotAsync(ct);
        var root = await testbed.AnchorAsync(3, ct);
        var history = new LedgerHistory();
        var sync = new LedgerSync(testbed.Eth, testbed.Network.Registries, testbed.Network.DeploymentBlock, history);
        await sync.SyncAsync(null, ct);
        Assert.NotNull(history.GetBatch(root));
        var synced = history.Freshness!.Block;
        var events = history.EventCount;

        await testbed.RevertAsync(snapshot, ct);
        var error = await Assert.ThrowsAsync<ChainReorganizedException>(() => sync.SyncAsync(null, ct));
        Assert.Equal(synced, error.Block);
        // Regrown past the old block, with another history: still refused, and nothing applied.
        await testbed.AnchorAsync(2, ct);
        while (await testbed.Eth.BlockNumberAsync(ct) <= synced)
            await testbed.MineAsync(ct);
        await Assert.ThrowsAsync<ChainReorganizedException>(() => sync.SyncAsync(null, ct));
        Assert.Equal(events, history.EventCount);
        Assert.Equal(synced, history.Freshness.Block);
    }

    private static PresentedCredential Presented(V1.Certificate certificate) =>
        new(certificate.Jws, Hash32.Parse(certificate.Anchor.Root), certificate.Anchor.Index, [.. certificate.Anchor.Proof.Select(Hash32.Parse)]);

    /// <summary>An IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
