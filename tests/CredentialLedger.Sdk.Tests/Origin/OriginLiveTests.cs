using System.Numerics;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Origin;
using CredentialLedger.Sdk.Verification;
using CredentialLedger.TestKit;

namespace CredentialLedger.Sdk.Tests.Origin;

/// <summary>
/// Certificates of origin end to end on anvil: KZ authorizes a chamber, the chamber registers its P-256 key, signs three
/// certificates, anchors them and revokes one; a ledger synced from the chain alone verifies them for UZ, before and
/// after the chamber's withdrawal; UZ uses one certificate, and a second use reverts with the first.
/// </summary>
[Trait("Category", "Live")]
public sealed class OriginLiveTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private static readonly MemberCode Kz = MemberCode.Parse("KZ");
    private static readonly MemberCode Uz = MemberCode.Parse("UZ");
    private static readonly ChamberId Atameken = ChamberId.FromAscii("KZ-ATAMEKEN");
    private const int Deployer = 0, KzOperator = 1, UzOperator = 2, ChamberAccount = 5;

    [Fact]
    public async Task Chamber_certificates_anchored_on_chain_verify_from_a_synced_ledger_survive_withdrawal_and_are_used_once()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var eth = anvil.CreateEthClient(revertDecoder: RegistryErrors.CreateRevertDecoder());
        using var accounts = new Accounts(anvil, eth);
        var startBlock = await eth.BlockNumberAsync(ct) + 1;
        var registries = await RegistryDeployer.DeployAsync(accounts[Deployer],
            [(Kz, anvil.Accounts[KzOperator]), (Uz, anvil.Accounts[UzOperator])], TimeSpan.FromDays(7), ct);
        var kz = new MemberRegistryClient(registries.Members, eth, accounts[KzOperator]);
        var chamberMembers = new MemberRegistryClient(registries.Members, eth, accounts[ChamberAccount]);
        var chamber = new OriginRegistryClient(registries.Origins, eth, accounts[ChamberAccount]);
        var uz = new OriginRegistryClient(registries.Origins, eth, accounts[UzOperator]);
        var kzOrigins = new OriginRegistryClient(registries.Origins, eth, accounts[KzOperator]);

        // The chamber is authorized, registers its key, signs three certificates, anchors them and revokes the second.
        await kz.AuthorizeChamberAsync(Atameken, anvil.Accounts[ChamberAccount], ct);
        using var key = new ChamberKey();
        var registered = await chamberMembers.RegisterChamberKeyAsync(Atameken, key.PublicKey, 0, 0, ct);
        Assert.Equal(key.KeyId, registered.Value);
        var issuedAt = await LatestTimeAsync(eth, ct);
        var documents = Enumerable.Range(0, 3).Select(_ => key.Sign(LedgerScenario.Coo(Atameken, Kz, issuedAt))).ToArray();
        // Anvil may give consecutive blocks the same second; a withdrawal in the very second a certificate is dated
        // would (rightly) leave it unrecognized, so the chain moves on a few seconds first.
        await eth.Rpc.SendAsync("evm_increaseTime", w => w.WriteNumberValue(5), static _ => true, ct);
        var tree = MerkleTree.Build([.. documents.Select((d, i) => MerkleLeaf.Compute(MerkleLeaf.CertificateOfOriginTag, (uint)i, ECooDocument.HashOf(d)))]);
        await chamber.AnchorAsync(tree.Root, 3, ct);
        await chamber.RevokeAsync(tree.Root, 1, 7, 0, ct);
        var presented = documents.Select((d, i) => new PresentedOrigin(d, tree.Root, (uint)i, tree.GetProof(i))).ToArray();
        for (var i = 0; i < 3; i++)
            Assert.True(await chamber.VerifyInclusionAsync(tree.Root, (uint)i, ECooDocument.HashOf(documents[i]), presented[i].Proof, ct));

        var history = new LedgerHistory();
        var sync = new LedgerSync(eth, registries, startBlock, history);
        await sync.SyncAsync(null, ct);
        var verifier = new OriginVerifier(history);
        var at = LedgerScenario.Time(await LatestTimeAsync(eth, ct));

        var before = presented.Select(p => verifier.Verify(p, Uz, at)).ToArray();
        Assert.True(before[0].Recognized, string.Join("; ", before[0].Reasons));
        Assert.True(before[2].Recognized, string.Join("; ", before[2].Reasons));
        Assert.Equal([VerificationFailure.Revoked], before[1].Reasons.Select(r => r.Failure));
        Assert.Equal(key.KeyId, before[0].KeyId);
        Assert.Equal(Atameken, before[0].Anchor!.Chamber);
        Assert.Equal(Kz, history.GetOriginBatch(tree.Root)!.Member);

        // Withdrawn: the chamber can anchor nothing more, and what it issued before stays recognized.
        await kz.WithdrawChamberAsync(Atameken, 10, ct);
        var refused = await Assert.ThrowsAsync<ContractRevertedException>(() => chamber.AnchorAsync(Keccak256.HashUtf8("after withdrawal"), 1, ct));
        Assert.Equal("OriginRegistryChamberNotAuthorized", refused.Reason.Error!.Name);

        // Used once by UZ; a second use (by any member) reverts with the first use.
        var declaration = Keccak256.HashUtf8("UZ customs declaration 10702020/230124/0001234");
        await uz.MarkUsedAsync(tree.Root, 0, declaration, ct);
        var second = await Assert.ThrowsAsync<ContractRevertedException>(() => kzOrigins.MarkUsedAsync(tree.Root, 0, Keccak256.HashUtf8("KZ declaration"), ct));

        await sync.SyncAsync(null, ct);
        var later = LedgerScenario.Time(await LatestTimeAsync(eth, ct));
        var after = presented.Select(p => verifier.Verify(p, Uz, later)).ToArray();
        Assert.True(after[0].Recognized, string.Join("; ", after[0].Reasons));
        Assert.True(after[2].Recognized, string.Join("; ", after[2].Reasons));
        Assert.Equal([VerificationFailure.Revoked], after[1].Reasons.Select(r => r.Failure));
        Assert.Equal(ChamberStatus.Withdrawn, history.GetChamber(Atameken)!.Status);
        Assert.False(history.IsChamberAuthorizedAt(Atameken, (ulong)later.ToUnixTimeSeconds()));
        Assert.True(history.IsChamberAuthorizedAt(Atameken, issuedAt));

        var use = history.OriginUseOf(new OriginRef(tree.Root, 0));
        Assert.NotNull(use);
        Assert.Equal((Uz, declaration), (use.Member, use.DeclarationRef));
        Assert.Equal(use, after[0].Use);
        Assert.Equal(new CertificateUse(Uz, use.UsedAt, declaration), await uz.UseOfAsync(tree.Root, 0, ct));
        Assert.Equal("OriginRegistryAlreadyUsed", second.Reason.Error!.Name);
        Assert.Equal(
            [AbiValue.FixedBytes(tree.Root.ToArray()), AbiValue.Uint(0), AbiValue.FixedBytes(Uz.ToArray()), AbiValue.FixedBytes(declaration.ToArray()), AbiValue.Uint(new BigInteger(use.UsedAt))],
            second.Reason.Arguments);
    }

    private static async Task<ulong> LatestTimeAsync(EthClient eth, CancellationToken ct) =>
        (await eth.GetBlockByNumberAsync(BlockParameter.Latest, ct)).Timestamp;

    /// <summary>One sender per dev account that acts, so nonces stay in step.</summary>
    private sealed class Accounts(AnvilFixture anvil, EthClient eth) : IDisposable
    {
        private readonly Dictionary<int, (PrivateKey Key, TransactionSender Sender)> _senders = [];

        public TransactionSender this[int index]
        {
            get
            {
                if (!_senders.TryGetValue(index, out var entry))
                {
                    var key = anvil.CreateKey(index);
                    entry = (key, new TransactionSender(key, eth, anvil.ChainId, new TransactionSenderOptions
                    {
                        PollInterval = TimeSpan.FromMilliseconds(50),
                        ReceiptTimeout = TimeSpan.FromSeconds(30),
                        MineWhenStalled = true,
                        StallThreshold = TimeSpan.FromMilliseconds(500),
                    }));
                    _senders[index] = entry;
                }
                return entry.Sender;
            }
        }

        public void Dispose()
        {
            foreach (var (key, sender) in _senders.Values)
            {
                sender.Dispose();
                key.Dispose();
            }
        }
    }
}
