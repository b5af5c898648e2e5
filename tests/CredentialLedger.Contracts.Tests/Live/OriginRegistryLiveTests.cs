using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.TestKit;
using static CredentialLedger.Contracts.Tests.Live.RegistryTestbed;

namespace CredentialLedger.Contracts.Tests.Live;

[Trait("Category", "Live")]
public sealed class OriginRegistryLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly ChamberId Atameken = ChamberId.FromAscii("KZ-ATAMEKEN");
    private const int ChamberAccount = 5;

    [Fact]
    public async Task A_chamber_anchors_a_batch_of_certificates_proven_on_chain_and_revokes_one()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await WithChamberAsync(cts.Token);
        var chamber = testbed.Actor(ChamberAccount).Origins;
        var documents = Enumerable.Range(0, 5).Select(i => Keccak256.HashUtf8($"<eCoO n=\"{i}\"/>")).ToArray();
        var tree = MerkleTree.Build([.. documents.Select((d, i) => MerkleLeaf.Compute(MerkleLeaf.CertificateOfOriginTag, (uint)i, d))]);

        var anchored = await chamber.AnchorAsync(tree.Root, 5, cts.Token);
        var anchoredAt = (await testbed.Client.GetBlockByNumberAsync(anchored.BlockNumber, cts.Token)).Timestamp;
        await chamber.RevokeAsync(tree.Root, 1, 3, 0, cts.Token);
        await chamber.RevokeManyAsync(tree.Root, [3, 4], 3, 0, cts.Token);
        var twice = await Reverts.ThrowsAsync("OriginRegistryAlreadyRevoked", () => chamber.RevokeAsync(tree.Root, 1, 3, 0, cts.Token));
        var notChamber = await Reverts.ThrowsAsync("OriginRegistryNotChamber", () => testbed.Kz.Origins.RevokeAsync(tree.Root, 0, 3, 0, cts.Token));

        Assert.Equal(new OriginBatch(tree.Root, Atameken, KZ, 5, anchoredAt), await chamber.GetBatchAsync(tree.Root, cts.Token));
        Assert.Equal(new[] { false, true, false, true, true },
            await Task.WhenAll(Enumerable.Range(0, 5).Select(i => chamber.IsRevokedAsync(tree.Root, (uint)i, cts.Token))));
        Assert.Equal(MerkleLeaf.CertificateOfOriginTag, await chamber.LeafTagAsync(cts.Token));
        Assert.Equal(tree[2], await chamber.LeafOfAsync(2, documents[2], cts.Token));
        for (var i = 0; i < documents.Length; i++)
            Assert.True(await chamber.VerifyInclusionAsync(tree.Root, (uint)i, documents[i], tree.GetProof(i), cts.Token));
        Assert.False(await chamber.VerifyInclusionAsync(tree.Root, 0, documents[1], tree.GetProof(0), cts.Token));
        Assert.Equal([Reverts.Hash(tree.Root), AbiValue.Uint(1)], twice);
        Assert.Equal([AbiValue.Address(testbed.Kz.Address)], notChamber);
        Assert.Null(await chamber.GetBatchAsync(TestData.NewRoot(), cts.Token));
    }

    [Fact]
    public async Task A_certificate_is_used_once_and_a_second_use_reverts_with_the_first_uses_reference()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await WithChamberAsync(cts.Token);
        var root = TestData.NewRoot();
        await testbed.Actor(ChamberAccount).Origins.AnchorAsync(root, 3, cts.Token);
        var declaration = Keccak256.HashUtf8("UZ customs declaration 10702020/230124/0001234");

        var used = await testbed.Uz.Origins.MarkUsedAsync(root, 0, declaration, cts.Token);
        var usedAt = (await testbed.Client.GetBlockByNumberAsync(used.BlockNumber, cts.Token)).Timestamp;
        var second = await Reverts.ThrowsAsync("OriginRegistryAlreadyUsed",
            () => testbed.Kr.Origins.MarkUsedAsync(root, 0, Keccak256.HashUtf8("KR declaration"), cts.Token));

        Assert.Equal(new CertificateUse(UZ, usedAt, declaration), await testbed.Kr.Origins.UseOfAsync(root, 0, cts.Token));
        Assert.Equal([Reverts.Hash(root), AbiValue.Uint(0), Reverts.Code(UZ), Reverts.Hash(declaration), AbiValue.Uint(usedAt)], second);
        Assert.Null(await testbed.Kr.Origins.UseOfAsync(root, 1, cts.Token));
    }

    [Fact]
    public async Task A_revoked_certificate_cannot_be_used_and_a_chamber_cannot_issue_while_suspended()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var testbed = await WithChamberAsync(cts.Token);
        var chamber = testbed.Actor(ChamberAccount).Origins;
        var root = TestData.NewRoot();
        await chamber.AnchorAsync(root, 3, cts.Token);
        await chamber.RevokeAsync(root, 2, 1, 0, cts.Token);

        var revoked = await Reverts.ThrowsAsync("OriginRegistryRevoked",
            () => testbed.Uz.Origins.MarkUsedAsync(root, 2, Keccak256.HashUtf8("d"), cts.Token));
        var noReference = await Reverts.ThrowsAsync("OriginRegistryInvalidReference",
            () => testbed.Uz.Origins.MarkUsedAsync(root, 1, Hash32.Zero, cts.Token));
        await testbed.Kz.Members.SuspendChamberAsync(Atameken, 1, cts.Token);
        var suspended = await Reverts.ThrowsAsync("OriginRegistryChamberNotAuthorized",
            () => chamber.AnchorAsync(TestData.NewRoot(), 1, cts.Token));
        await testbed.Kz.Members.ReinstateChamberAsync(Atameken, cts.Token);
        await chamber.AnchorAsync(TestData.NewRoot(), 1, cts.Token);

        Assert.Equal([Reverts.Hash(root), AbiValue.Uint(2)], revoked);
        Assert.Empty(noReference);
        Assert.Equal([AbiValue.FixedBytes(Atameken.ToArray())], suspended);
    }

    private async Task<RegistryTestbed> WithChamberAsync(CancellationToken cancellationToken)
    {
        var testbed = await DeployAsync(anvil, cancellationToken);
        try
        {
            await testbed.Kz.Members.AuthorizeChamberAsync(Atameken, anvil.Accounts[ChamberAccount], cancellationToken);
            return testbed;
        }
        catch
        {
            testbed.Dispose();
            throw;
        }
    }
}
