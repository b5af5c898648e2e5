using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Node.Store;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Anchoring;

public sealed class AnchoringWorkerTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Accepted_certificates_are_anchored_once_with_proofs_the_registry_accepts()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        await using var bed = await AnchoringTestbed.CreateAsync(anvil, cts.Token);
        await bed.StartWorkerAsync();

        var added = await bed.Store.AddManyAsync([.. Enumerable.Range(0, 250).Select(_ => AnchoringTestbed.Fake())], cts.Token);
        await AnchoringTestbed.WaitUntilAsync(() => bed.All().All(c => c.Anchor is not null), cts.Token, "every certificate is anchored");

        var all = bed.All();
        Assert.Equal(250, all.Count);
        // 250 certificates in batches of at most 100: at least three batches, each leaf index used once per root.
        var batches = all.GroupBy(c => c.Anchor!.Root).ToList();
        Assert.True(batches.Count >= 3, $"{batches.Count} batches");
        Assert.All(batches, b => Assert.Equal(b.Count(), b.Select(c => c.Anchor!.Index).Distinct().Count()));
        foreach (var batch in batches)
        {
            var onChain = await bed.Registry.GetBatchAsync(batch.Key, cts.Token);
            Assert.NotNull(onChain);
            Assert.Equal((uint)batch.Count(), onChain!.Size);
            Assert.Equal(AnchoringTestbed.KR, onChain.Issuer);
        }
        foreach (var certificate in all.Where((_, i) => i % 25 == 0))
        {
            var a = certificate.Anchor!;
            Assert.True(await bed.Registry.VerifyInclusionAsync(a.Root, a.Index, certificate.DocumentHash, a.Proof, cts.Token));
            Assert.True(MerkleProof.Verify(a.Root, MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, a.Index, certificate.DocumentHash), a.Proof));
            Assert.Equal(0, certificate.PendingChanges);
        }
        Assert.Equal(added.Select(c => c.Id).Order(), all.Select(c => c.Id).Order());
        Assert.Equal(0, bed.Worker.PendingCount);
    }

    [Fact]
    public async Task Status_changes_reach_the_chain_in_the_order_they_were_accepted()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        await using var bed = await AnchoringTestbed.CreateAsync(anvil, cts.Token);
        var certificates = await bed.Store.AddManyAsync([.. Enumerable.Range(0, 6).Select(_ => AnchoringTestbed.Fake())], cts.Token);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 5;

        // Accepted before anything is anchored: they wait for their certificate's batch, then go in order.
        await bed.Store.ChangeAsync(certificates[0].Id, ChangeKind.Suspend, 1, now, cts.Token);
        await bed.Store.ChangeAsync(certificates[0].Id, ChangeKind.Reinstate, 2, now, cts.Token);
        await bed.Store.ChangeAsync(certificates[0].Id, ChangeKind.Revoke, 3, now, cts.Token);
        await bed.Store.ChangeAsync(certificates[1].Id, ChangeKind.Suspend, 1, now, cts.Token);
        await bed.Store.ChangeAsync(certificates[2].Id, ChangeKind.Suspend, 1, now, cts.Token);
        await bed.Store.ChangeAsync(certificates[3].Id, ChangeKind.Revoke, 4, now, cts.Token);
        await bed.StartWorkerAsync();

        await AnchoringTestbed.WaitUntilAsync(() => bed.All().All(c => c.PendingChanges == 0), cts.Token, "every change is on chain");
        var expected = new[]
        {
            CredentialStatus.Revoked, CredentialStatus.Suspended, CredentialStatus.Suspended, CredentialStatus.Revoked,
            CredentialStatus.Active, CredentialStatus.Active,
        };
        for (var i = 0; i < certificates.Count; i++)
        {
            var a = bed.Store.Get(certificates[i].Id)!.Anchor!;
            Assert.Equal(expected[i], await bed.Registry.StatusOfAsync(a.Root, a.Index, cts.Token));
        }
        Assert.All(bed.Store.History(certificates[0].Id), change => Assert.True(change.Anchored));
        Assert.Equal([ChangeKind.Issue, ChangeKind.Suspend, ChangeKind.Reinstate, ChangeKind.Revoke],
            bed.Store.History(certificates[0].Id).Select(c => c.Kind));
    }

    [Fact]
    public async Task Illegal_transitions_are_refused_and_change_nothing()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        await using var bed = await AnchoringTestbed.CreateAsync(anvil, cts.Token);
        var c = await bed.Store.AddAsync(AnchoringTestbed.Fake(), cts.Token);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        await Assert.ThrowsAsync<IllegalTransitionException>(() => bed.Store.ChangeAsync(c.Id, ChangeKind.Reinstate, 0, now, cts.Token));
        await bed.Store.ChangeAsync(c.Id, ChangeKind.Revoke, 3, now, cts.Token);
        var before = bed.Store.History(c.Id);
        foreach (var change in new[] { ChangeKind.Suspend, ChangeKind.Reinstate, ChangeKind.Revoke })
        {
            var error = await Assert.ThrowsAsync<IllegalTransitionException>(() => bed.Store.ChangeAsync(c.Id, change, 0, now, cts.Token));
            Assert.Contains("revoked", error.Message, StringComparison.Ordinal);
        }
        await Assert.ThrowsAsync<CertificateNotFoundException>(() => bed.Store.ChangeAsync("urn:uuid:nope", ChangeKind.Suspend, 0, now, cts.Token));
        Assert.Equal(before, bed.Store.History(c.Id));
        Assert.Equal(CertificateState.Revoked, bed.Store.Get(c.Id)!.State);
    }

    [Fact]
    public async Task Certificates_accepted_while_the_chain_is_down_are_anchored_when_it_returns()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        using var stateDirectory = new TempDirectory("outage");
        var port = FreePort.Get();
        var options = new AnvilOptions { Port = port, StatePath = Path.Combine(stateDirectory.Path, "state.json") };
        var chain = await AnvilFixture.StartAsync(options);
        AnchoringTestbed? bed = null;
        try
        {
            bed = await AnchoringTestbed.CreateAsync(chain, cts.Token);
            await bed.StartWorkerAsync();
            await bed.Store.AddManyAsync([.. Enumerable.Range(0, 30).Select(_ => AnchoringTestbed.Fake())], cts.Token);
            await AnchoringTestbed.WaitUntilAsync(() => bed.All().All(c => c.Anchor is not null), cts.Token, "the first certificates are anchored");

            chain.Dispose(); // SIGTERM: anvil writes its state file and exits
            for (var i = 0; i < 5; i++)
            {
                await bed.Store.AddManyAsync([.. Enumerable.Range(0, 20).Select(_ => AnchoringTestbed.Fake())], cts.Token);
                await Task.Delay(200, cts.Token);
            }
            Assert.Equal(100, bed.All().Count(c => c.Anchor is null));

            chain = await AnvilFixture.StartAsync(options);
            await AnchoringTestbed.WaitUntilAsync(() => bed.All().All(c => c.Anchor is not null), cts.Token, "everything is anchored after the outage");
            var all = bed.All();
            Assert.Equal(130, all.Count);
            foreach (var batch in all.GroupBy(c => c.Anchor!.Root))
                Assert.Equal((uint)batch.Count(), (await bed.Registry.GetBatchAsync(batch.Key, cts.Token))!.Size);
        }
        finally
        {
            if (bed is not null)
                await bed.DisposeAsync();
            chain.Dispose();
        }
    }
}
