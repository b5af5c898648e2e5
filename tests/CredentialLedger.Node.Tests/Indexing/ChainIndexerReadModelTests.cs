using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using CredentialLedger.Node.Indexing;
using CredentialLedger.TestKit;
using Microsoft.Extensions.DependencyInjection;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Indexing;

/// <summary>The read model shows what the chain says about the node's member after its certificates' lifecycle.</summary>
public sealed class ChainIndexerReadModelTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Read_model_shows_the_member_its_operator_and_key_the_anchored_roots_and_status_changes()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var testbed = await IndexingTestbed.CreateAsync(anvil, cts.Token);
        using var operatorKey = testbed.OperatorKey();
        using var signingKey = VcJwtSigningKey.FromPrivateKey(testbed.Keys.CurrentSigningKey.PrivateKey);

        V1.Certificate suspended, revoked, active;
        await using (var node = await InProcessNode.StartAsync(testbed.Options, cts.Token))
        {
            var issued = await node.Client.IssueManyAsync(new V1.IssueManyRequest { Requests = { NodeTestbed.IssueRequest(1), NodeTestbed.IssueRequest(2), NodeTestbed.IssueRequest(3) } },
                node.Auth, cancellationToken: cts.Token);
            var ids = issued.Certificates.Select(c => c.Id).ToList();
            foreach (var id in ids)
                await node.WaitForAsync(id, c => c.AnchorState == V1.AnchorState.Anchored, cts.Token);
            await node.Client.SuspendAsync(new V1.StatusChangeRequest { Id = ids[0], Reason = 1 }, node.Auth, cancellationToken: cts.Token);
            await node.Client.RevokeAsync(new V1.StatusChangeRequest { Id = ids[1], Reason = 3 }, node.Auth, cancellationToken: cts.Token);
            suspended = await node.WaitForAsync(ids[0], c => c.PendingChanges == 0, cts.Token);
            revoked = await node.WaitForAsync(ids[1], c => c.PendingChanges == 0, cts.Token);
            active = await node.WaitForAsync(ids[2], c => c.PendingChanges == 0, cts.Token);

            // The node's own indexer (the hosted service) reaches the same state.
            var nodeReadModel = node.Services.GetRequiredService<ReadModel>();
            while (nodeReadModel.GetStatus(Hash32.Parse(revoked.Anchor.Root), revoked.Anchor.Index)?.Status != CredentialStatus.Revoked)
                await Task.Delay(50, cts.Token);
            Assert.Equal(CredentialStatus.Suspended, nodeReadModel.GetStatus(Hash32.Parse(suspended.Anchor.Root), suspended.Anchor.Index)?.Status);
        }

        var indexer = testbed.NewIndexer();
        await IndexingTestbed.CatchUpAsync(indexer, cts.Token);
        var readModel = testbed.ReadModel();

        var member = Assert.Single(readModel.Members());
        Assert.Equal("KR", member.Code);
        Assert.True(member.Active);
        Assert.Equal([operatorKey.Address], member.Operators);
        Assert.Equal(member.Operators, readModel.GetMember("KR")?.Operators);
        Assert.Null(readModel.GetMember("JP"));

        var key = readModel.GetKey(signingKey.KeyId);
        Assert.NotNull(key);
        Assert.Equal("KR", key.Member);
        Assert.Null(key.Chamber);
        Assert.Equal(signingKey.PublicKey, key.PublicKey);
        var keyOnChain = await new MemberRegistryClient(testbed.Network.Registries.Members, testbed.Eth).GetKeyAsync(signingKey.KeyId, cts.Token);
        Assert.NotNull(keyOnChain);
        Assert.Equal(keyOnChain.ValidFrom, key.ValidFrom); // the registry clamps validFrom to the block time
        Assert.Equal(keyOnChain.ValidUntil, key.ValidUntil);
        Assert.Equal(0ul, key.RevokedAt);

        var registry = new CredentialRegistryClient(testbed.Network.Registries.Credentials, testbed.Eth);
        var roots = new[] { suspended, revoked, active }.Select(c => Hash32.Parse(c.Anchor.Root)).Distinct().ToList();
        Assert.Equal(roots.Order(), readModel.Batches("KR").Select(b => b.Root).Order());
        foreach (var root in roots)
        {
            var batch = readModel.GetBatch(root);
            var onChain = await registry.GetBatchAsync(root, cts.Token);
            Assert.NotNull(batch);
            Assert.NotNull(onChain);
            Assert.Equal("KR", batch.Issuer);
            Assert.Equal(onChain.Size, batch.Size);
            Assert.Equal(onChain.AnchoredAt, batch.AnchoredAt);
            Assert.True(batch.BlockNumber > testbed.Network.DeploymentBlock);
            var receipt = await testbed.Eth.GetTransactionReceiptAsync(batch.TransactionHash, cts.Token);
            Assert.Equal(batch.BlockNumber, receipt?.BlockNumber);
        }

        var suspendedView = readModel.GetStatus(Hash32.Parse(suspended.Anchor.Root), suspended.Anchor.Index);
        Assert.NotNull(suspendedView);
        Assert.Equal((CredentialStatus.Suspended, (byte)1), (suspendedView.Status, suspendedView.Reason));
        var revokedView = readModel.GetStatus(Hash32.Parse(revoked.Anchor.Root), revoked.Anchor.Index);
        Assert.NotNull(revokedView);
        Assert.Equal((CredentialStatus.Revoked, (byte)3), (revokedView.Status, revokedView.Reason));
        Assert.Null(readModel.GetStatus(Hash32.Parse(active.Anchor.Root), active.Anchor.Index)); // Active since anchoring

        // Exactly one recorded event per registry log on chain, and the cursor at the head.
        var logs = await testbed.RegistryLogsAsync(cts.Token);
        Assert.Equal(logs.Count, readModel.EventCount());
        Assert.Equal(await testbed.Eth.BlockNumberAsync(cts.Token), readModel.IndexedBlock());
    }

    [Fact]
    public async Task Read_model_is_empty_until_the_first_step_and_a_caught_up_step_changes_nothing()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        using var testbed = await IndexingTestbed.CreateAsync(anvil, cts.Token);
        var indexer = testbed.NewIndexer();
        var readModel = testbed.ReadModel();
        Assert.Null(indexer.IndexedBlock);
        Assert.Null(readModel.IndexedBlock());
        Assert.Equal(0, readModel.EventCount());
        Assert.Empty(readModel.Members());

        var applied = await IndexingTestbed.CatchUpAsync(indexer, cts.Token);
        var dump = testbed.Dump();
        var again = await indexer.StepAsync(cts.Token);

        Assert.True(applied > 0);
        Assert.Equal(applied, readModel.EventCount());
        Assert.True(again.CaughtUp);
        Assert.Equal(0, again.Events);
        Assert.Equal(indexer.IndexedBlock, again.ToBlock);
        Assert.Equal(dump, testbed.Dump());
    }
}
