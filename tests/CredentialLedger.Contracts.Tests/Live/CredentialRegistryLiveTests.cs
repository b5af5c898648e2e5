using CredentialLedger.Contracts.Internal;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.TestKit;
using static CredentialLedger.Contracts.Tests.Live.RegistryTestbed;

namespace CredentialLedger.Contracts.Tests.Live;

[Trait("Category", "Live")]
public sealed class CredentialRegistryLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task An_anchored_batch_starts_active_and_its_credentials_move_through_suspension_and_revocation()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var credentials = testbed.Kr.Credentials;
        var root = TestData.NewRoot();

        var anchored = await credentials.AnchorAsync(root, 200, cts.Token);
        var anchoredAt = (await testbed.Client.GetBlockByNumberAsync(anchored.BlockNumber, cts.Token)).Timestamp;
        var fresh = await credentials.StatusOfAsync(root, 0, cts.Token);
        await credentials.SuspendAsync(root, 0, 1, 0, cts.Token);
        var suspended = await credentials.StatusOfAsync(root, 0, cts.Token);
        await credentials.ReinstateAsync(root, 0, 1, 0, cts.Token);
        var reinstated = await credentials.StatusOfAsync(root, 0, cts.Token);
        await credentials.RevokeAsync(root, 0, 2, 0, cts.Token);
        await credentials.RevokeManyAsync(root, [1, 2, 3], 2, 0, cts.Token);
        await credentials.SuspendManyAsync(root, [5, 6, 130], 1, 0, cts.Token);
        await credentials.ReinstateManyAsync(root, [6], 1, 0, cts.Token);

        Assert.Equal(new CredentialBatch(root, KR, 200, anchoredAt), await credentials.GetBatchAsync(root, cts.Token));
        Assert.Equal((CredentialStatus.Active, CredentialStatus.Suspended, CredentialStatus.Active), (fresh, suspended, reinstated));
        CredentialStatus[] expected =
        [
            CredentialStatus.Revoked, CredentialStatus.Revoked, CredentialStatus.Revoked, CredentialStatus.Revoked,
            CredentialStatus.Active, CredentialStatus.Suspended, CredentialStatus.Active,
        ];
        for (var i = 0u; i < expected.Length; i++)
            Assert.Equal(expected[i], await credentials.StatusOfAsync(root, i, cts.Token));
        var word0 = await credentials.StatusWordAsync(root, 0, cts.Token);
        var word1 = await credentials.StatusWordAsync(root, 1, cts.Token);
        Assert.Equal(expected, Enumerable.Range(0, expected.Length).Select(i => CredentialRegistryClient.StatusInWord(word0, (uint)i)));
        Assert.Equal(CredentialStatus.Suspended, CredentialRegistryClient.StatusInWord(word1, 130));
        Assert.Equal(CredentialStatus.Suspended, await credentials.StatusOfAsync(root, 130, cts.Token));
        Assert.Null(await credentials.GetBatchAsync(TestData.NewRoot(), cts.Token));
    }

    [Fact]
    public async Task Revoked_credential_cannot_be_reinstated()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var root = TestData.NewRoot();
        await testbed.Kr.Credentials.AnchorAsync(root, 4, cts.Token);
        await testbed.Kr.Credentials.RevokeAsync(root, 2, 2, 0, cts.Token);
        var reinstate = new CallRequest
        {
            From = testbed.Kr.Address,
            To = testbed.Addresses.Credentials,
            Data = CredentialRegistryAbi.Reinstate.EncodeCall(Reverts.Hash(root), AbiValue.Uint(2), AbiValue.Uint(1), AbiValue.Uint(0)),
        };
        AbiValue[] expected = [Reverts.Hash(root), AbiValue.Uint(2), AbiValue.Uint((int)CredentialStatus.Revoked), AbiValue.Uint((int)CredentialStatus.Active)];

        var fromCall = await Reverts.ThrowsAsync("CredentialRegistryIllegalTransition",
            () => testbed.Client.CallAsync(reinstate, BlockParameter.Latest, cts.Token));
        var fromEstimate = await Reverts.ThrowsAsync("CredentialRegistryIllegalTransition",
            () => testbed.Client.EstimateGasAsync(reinstate, cts.Token));
        var fromClient = await Reverts.ThrowsAsync("CredentialRegistryIllegalTransition",
            () => testbed.Kr.Credentials.ReinstateAsync(root, 2, 1, 0, cts.Token));
        // With a gas limit the sender skips estimation, so the transaction is mined and fails; its revert is replayed.
        var fromMined = await Reverts.MinedAsync("CredentialRegistryIllegalTransition", () => testbed.Kr.Sender.SendAndWaitAsync(
            new TransactionRequest { To = reinstate.To, Data = reinstate.Data, GasLimit = 200_000 }, cts.Token));

        Assert.Equal(expected, fromCall);
        Assert.Equal(expected, fromEstimate);
        Assert.Equal(expected, fromClient);
        Assert.Equal(expected, fromMined);
        Assert.Equal(CredentialStatus.Revoked, await testbed.Kr.Credentials.StatusOfAsync(root, 2, cts.Token));
    }

    [Fact]
    public async Task Only_an_operator_of_the_issuer_can_change_its_credentials()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var root = TestData.NewRoot();
        await testbed.Kr.Credentials.AnchorAsync(root, 4, cts.Token);

        var notIssuer = await Reverts.ThrowsAsync("CredentialRegistryNotIssuer",
            () => testbed.Kz.Credentials.SuspendAsync(root, 1, 1, 0, cts.Token));
        var minedNotIssuer = await Reverts.MinedAsync("CredentialRegistryNotIssuer", () => testbed.Kz.Sender.SendAndWaitAsync(
            new TransactionRequest
            {
                To = testbed.Addresses.Credentials,
                Data = CredentialRegistryAbi.Revoke.EncodeCall(Reverts.Hash(root), AbiValue.Uint(1), AbiValue.Uint(2), AbiValue.Uint(0)),
                GasLimit = 200_000,
            }, cts.Token));
        var notOperator = await Reverts.ThrowsAsync("CredentialRegistryNotOperator",
            () => testbed.Actor(9).Credentials.AnchorAsync(TestData.NewRoot(), 1, cts.Token));
        var exists = await Reverts.ThrowsAsync("CredentialRegistryRootExists", () => testbed.Kz.Credentials.AnchorAsync(root, 1, cts.Token));
        var outOfRange = await Reverts.ThrowsAsync("CredentialRegistryIndexOutOfRange", () => testbed.Kr.Credentials.StatusOfAsync(root, 4, cts.Token));
        var future = await Reverts.ThrowsAsync("CredentialRegistryEffectiveTimeInFuture",
            () => testbed.Kr.Credentials.SuspendAsync(root, 1, 1, ulong.MaxValue, cts.Token));

        Assert.Equal([Reverts.Hash(root), Reverts.Code(KR), AbiValue.Address(testbed.Kz.Address)], notIssuer);
        Assert.Equal(notIssuer, minedNotIssuer);
        Assert.Equal([AbiValue.Address(anvil.Accounts[9])], notOperator);
        Assert.Equal([Reverts.Hash(root)], exists);
        Assert.Equal([Reverts.Hash(root), AbiValue.Uint(4), AbiValue.Uint(4)], outOfRange);
        Assert.Equal(AbiValue.Uint(ulong.MaxValue), future[0]);
        Assert.Equal(CredentialStatus.Active, await testbed.Kr.Credentials.StatusOfAsync(root, 1, cts.Token));
    }

    [Fact]
    public async Task A_renewed_credential_is_superseded_by_its_active_replacement()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var credentials = testbed.Kr.Credentials;
        var (old, renewed) = (TestData.NewRoot(), TestData.NewRoot());
        await credentials.AnchorAsync(old, 5, cts.Token);
        await credentials.AnchorAsync(renewed, 5, cts.Token);

        await credentials.SupersedeAsync(old, 4, renewed, 0, 5, 0, cts.Token);
        await credentials.SupersedeManyAsync(old, [0, 1], renewed, [1, 2], 5, 0, cts.Token);
        var again = await Reverts.ThrowsAsync("CredentialRegistryIllegalTransition",
            () => credentials.SupersedeAsync(old, 4, renewed, 3, 5, 0, cts.Token));
        var badReplacement = await Reverts.ThrowsAsync("CredentialRegistryInvalidReplacement",
            () => credentials.SupersedeAsync(old, 2, old, 2, 5, 0, cts.Token));

        Assert.Equal(CredentialStatus.Superseded, await credentials.StatusOfAsync(old, 4, cts.Token));
        Assert.Equal(CredentialStatus.Superseded, await credentials.StatusOfAsync(old, 0, cts.Token));
        Assert.Equal(CredentialStatus.Superseded, await credentials.StatusOfAsync(old, 1, cts.Token));
        Assert.Equal(CredentialStatus.Active, await credentials.StatusOfAsync(renewed, 0, cts.Token));
        Assert.Equal([AbiValue.Uint(3), AbiValue.Uint(3)], again.Skip(2));
        Assert.Equal([Reverts.Hash(old), AbiValue.Uint(2)], badReplacement);
    }

    [Fact]
    public async Task Every_credential_of_a_37_document_batch_is_proven_on_chain_with_a_proof_built_in_csharp()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var credentials = testbed.Kr.Credentials;
        var documents = Enumerable.Range(0, 37).Select(i => Keccak256.HashUtf8($"eyJhbGciOiJFUzI1NiJ9.credential-{i}.sig")).ToArray();
        var tree = MerkleTree.Build([.. documents.Select((d, i) => MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, (uint)i, d))]);
        await credentials.AnchorAsync(tree.Root, (uint)documents.Length, cts.Token);

        Assert.Equal(MerkleLeaf.AeoCredentialTag, await credentials.LeafTagAsync(cts.Token));
        Assert.Equal(tree[36], await credentials.LeafOfAsync(36, documents[36], cts.Token));
        for (var i = 0; i < documents.Length; i++)
            Assert.True(await credentials.VerifyInclusionAsync(tree.Root, (uint)i, documents[i], tree.GetProof(i), cts.Token), $"leaf {i}");
    }

    [Fact]
    public async Task A_tampered_proof_a_wrong_index_or_an_unknown_root_is_rejected()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await DeployAsync(anvil, cts.Token);
        var credentials = testbed.Kr.Credentials;
        var documents = Enumerable.Range(0, 37).Select(i => Keccak256.HashUtf8($"document {i}")).ToArray();
        var tree = MerkleTree.Build([.. documents.Select((d, i) => MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, (uint)i, d))]);
        await credentials.AnchorAsync(tree.Root, (uint)documents.Length, cts.Token);
        var proof = tree.GetProof(5).ToList();
        var tamperedBytes = proof[0].ToArray();
        tamperedBytes[31] ^= 1;
        var tampered = proof.ToList();
        tampered[0] = new Hash32(tamperedBytes);
        var originLeafTree = MerkleTree.Build([.. documents.Select((d, i) => MerkleLeaf.Compute(MerkleLeaf.CertificateOfOriginTag, (uint)i, d))]);

        Assert.True(await credentials.VerifyInclusionAsync(tree.Root, 5, documents[5], proof, cts.Token));
        Assert.False(await credentials.VerifyInclusionAsync(tree.Root, 5, documents[5], tampered, cts.Token));
        Assert.False(await credentials.VerifyInclusionAsync(tree.Root, 5, documents[5], proof[..^1], cts.Token));
        Assert.False(await credentials.VerifyInclusionAsync(tree.Root, 6, documents[5], proof, cts.Token));
        Assert.False(await credentials.VerifyInclusionAsync(tree.Root, 5, documents[6], proof, cts.Token));
        Assert.False(await credentials.VerifyInclusionAsync(tree.Root, 37, documents[5], proof, cts.Token));
        Assert.False(await credentials.VerifyInclusionAsync(TestData.NewRoot(), 5, documents[5], proof, cts.Token));
        // A tree of another registry's leaves (the origin tag) does not prove credentials, even when anchored here.
        await credentials.AnchorAsync(originLeafTree.Root, 37, cts.Token);
        Assert.False(await credentials.VerifyInclusionAsync(originLeafTree.Root, 5, documents[5], originLeafTree.GetProof(5), cts.Token));
    }
}
