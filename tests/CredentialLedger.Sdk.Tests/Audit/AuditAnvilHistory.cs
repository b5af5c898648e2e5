using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.TestKit;

namespace CredentialLedger.Sdk.Tests.Audit;

/// <summary>
/// A scripted history on a fresh anvil (genesis 2026-01-10T00:00:00Z) with every kind of registry event: founders KR,
/// KZ, UZ; keys registered and revoked; a second operator; MRAs proposed, accepted, concluded, amended, suspended,
/// resumed and terminated; AEO batches anchored, credentials suspended, reinstated, revoked and superseded (single and
/// Many forms); chambers authorized, given accounts, suspended, reinstated and withdrawn; an origin batch anchored, a
/// certificate revoked and another used; 40 days later DE admitted by vote, an MRA proposed by it, DE removed by vote.
/// Accounts: 0 deployer, 1 and 4 KR, 2 KZ, 3 UZ, 5 DE, 6 and 7 chamber KR-KCCI, 8 chamber UZ-CCI, 9 a stranger who executes.
/// </summary>
public sealed class AuditAnvilHistory : IAsyncLifetime
{
    public const ulong GenesisTime = 1_768_003_200;
    public static readonly MemberCode KR = MemberCode.Parse("KR"), KZ = MemberCode.Parse("KZ"), UZ = MemberCode.Parse("UZ"), DE = MemberCode.Parse("DE");
    public static readonly ChamberId KrChamber = ChamberId.FromAscii("KR-KCCI"), UzChamber = ChamberId.FromAscii("UZ-CCI");

    private readonly List<IDisposable> _owned = [];
    private readonly Dictionary<int, (MemberRegistryClient Members, CredentialRegistryClient Credentials, MraRegistryClient Mras, OriginRegistryClient Origins)> _actors = [];

    public AnvilFixture Anvil { get; private set; } = null!;
    public EthClient Client { get; private set; } = null!;
    public RegistryAddresses Registries { get; private set; } = null!;
    public IReadOnlyList<Address> Accounts => Anvil.Accounts;

    public Hash32 BatchA { get; private set; }
    public Hash32 BatchB { get; private set; }
    public Hash32 BatchU { get; private set; }
    public Hash32 BatchC { get; private set; }
    public Hash32 OriginBatch { get; private set; }
    public ulong Mra1, Mra2, Mra3, AdmitDe, RemoveDe;
    public Hash32 KrKeyId, ExtraKeyId, UzKeyId, ChamberKeyId;

    /// <summary>Block time of the transaction that concluded MRA 1 (KR–UZ), 10 s after the block before it.</summary>
    public ulong Mra1ConcludedAt { get; private set; }

    /// <summary>Block time of A#0's suspension (effective then), 10 s after the block before it.</summary>
    public ulong A0SuspendedAt { get; private set; }
    public ulong A0SuspendedBlock { get; private set; }

    /// <summary>The back-dated effective time of U#1's suspension.</summary>
    public ulong U1EffectiveAt { get; private set; }

    /// <summary>Every document anchored, as a node would export it.</summary>
    public List<AuditDocument> Documents { get; } = [];

    public ulong Head { get; private set; }

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = cts.Token;
        Anvil = await AnvilFixture.StartAsync(new AnvilOptions { ExtraArguments = ["--timestamp", GenesisTime.ToString(System.Globalization.CultureInfo.InvariantCulture)] });
        Client = Anvil.CreateEthClient(revertDecoder: RegistryErrors.CreateRevertDecoder());
        var deployer = Sender(0);
        Registries = await RegistryDeployer.DeployAsync(deployer, [(KR, Accounts[1]), (KZ, Accounts[2]), (UZ, Accounts[3])], TimeSpan.FromDays(7), ct);

        var krKey = Key();
        var extraKey = Key();
        var uzKey = Key();
        var chamberKey = Key();
        KrKeyId = (await A(1).Members.RegisterKeyAsync(krKey.PublicKey, 0, 0, ct)).Value;
        ExtraKeyId = (await A(1).Members.RegisterKeyAsync(extraKey.PublicKey, 0, 0, ct)).Value;
        UzKeyId = (await A(3).Members.RegisterKeyAsync(uzKey.PublicKey, 0, 0, ct)).Value;
        await A(1).Members.AddOperatorAsync(Accounts[4], ct);
        await A(4).Members.RevokeKeyAsync(ExtraKeyId, 0, 8, ct);

        BatchA = await AnchorCertificatesAsync(1, KR, krKey, 6, "A", ct);

        Mra1 = (await A(1).Mras.ProposeAsync([KR, UZ], 0b11, 0b101, 0, 0, ct)).Value;
        await IncreaseTimeAsync(10, ct);
        Mra1ConcludedAt = await TimeOfAsync(await A(3).Mras.AcceptAsync(Mra1, 1, ct), ct);

        Mra2 = (await A(3).Mras.ProposeAsync([KR, KZ, UZ], 0b01, 0b1, 0, 0, ct)).Value;
        await A(4).Mras.AcceptAsync(Mra2, 1, ct);
        await A(2).Mras.AcceptAsync(Mra2, 1, ct);
        await A(2).Mras.AmendAsync(Mra2, 0b11, 0b111, 0, 0, ct);
        await A(1).Mras.AcceptAsync(Mra2, 2, ct);
        await A(3).Mras.AcceptAsync(Mra2, 2, ct);
        await A(1).Mras.SuspendAsync(Mra2, 4, ct);
        await A(3).Mras.ResumeAsync(Mra2, ct);
        await A(2).Mras.TerminateAsync(Mra2, 11, ct);

        await IncreaseTimeAsync(10, ct);
        var suspension = await A(1).Credentials.SuspendAsync(BatchA, 0, 1, 0, ct);
        A0SuspendedAt = await TimeOfAsync(suspension, ct);
        A0SuspendedBlock = suspension.BlockNumber;
        // The next changes of A#0 come seconds later, so the suspension alone is in force at its second.
        await IncreaseTimeAsync(10, ct);
        await A(1).Credentials.ReinstateAsync(BatchA, 0, 6, 0, ct);
        await A(1).Credentials.SuspendManyAsync(BatchA, [1, 2], 2, 0, ct);
        await A(1).Credentials.ReinstateManyAsync(BatchA, [1], 6, 0, ct);
        await A(1).Credentials.RevokeManyAsync(BatchA, [2, 4], 3, 0, ct);
        await A(1).Credentials.RevokeAsync(BatchA, 3, 7, 0, ct);
        BatchB = await AnchorCertificatesAsync(4, KR, krKey, 3, "B", ct);
        await A(4).Credentials.SupersedeAsync(BatchA, 0, BatchB, 0, 9, 0, ct);
        await A(4).Credentials.SupersedeManyAsync(BatchA, [1, 5], BatchB, [1, 2], 9, 0, ct);
        BatchU = await AnchorCertificatesAsync(3, UZ, uzKey, 2, "U", ct);
        var now = (await Client.GetBlockByNumberAsync(BlockParameter.Latest, ct)).Timestamp;
        U1EffectiveAt = now - 3600;
        await A(3).Credentials.SuspendAsync(BatchU, 1, 5, U1EffectiveAt, ct);

        await A(1).Members.AuthorizeChamberAsync(KrChamber, Accounts[6], ct);
        await A(1).Members.AddChamberAccountAsync(KrChamber, Accounts[7], ct);
        ChamberKeyId = (await A(6).Members.RegisterChamberKeyAsync(KrChamber, chamberKey.PublicKey, 0, 0, ct)).Value;
        OriginBatch = await AnchorOriginsAsync(6, 3, ct);
        await A(7).Origins.RevokeAsync(OriginBatch, 2, 7, 0, ct);
        await A(3).Origins.MarkUsedAsync(OriginBatch, 1, Keccak256.HashUtf8("UZ declaration 1"), ct);
        await A(1).Members.SuspendChamberAsync(KrChamber, 4, ct);
        await A(1).Members.ReinstateChamberAsync(KrChamber, ct);
        await A(1).Members.RemoveChamberAccountAsync(KrChamber, Accounts[7], ct);
        await A(3).Members.AuthorizeChamberAsync(UzChamber, Accounts[8], ct);
        await A(3).Members.WithdrawChamberAsync(UzChamber, 10, ct);

        await IncreaseTimeAsync(40 * 86_400, ct);
        AdmitDe = (await A(1).Members.ProposeAsync(ProposalKind.Admit, DE, Accounts[5], ct)).Value;
        await A(3).Members.VoteAsync(AdmitDe, ct);
        await A(9).Members.ExecuteAsync(AdmitDe, ct);
        Mra3 = (await A(5).Mras.ProposeAsync([DE, KR], 0b01, 0b1, 0, 0, ct)).Value;
        BatchC = await AnchorCertificatesAsync(1, KR, krKey, 1, "C", ct);
        await A(1).Credentials.RevokeManyAsync(BatchC, [0], 10, 0, ct);
        RemoveDe = (await A(2).Members.ProposeAsync(ProposalKind.Remove, DE, null, ct)).Value;
        await A(3).Members.VoteAsync(RemoveDe, ct);
        await A(1).Members.VoteAsync(RemoveDe, ct);
        await A(9).Members.ExecuteAsync(RemoveDe, ct);
        await A(1).Members.WithdrawChamberAsync(KrChamber, 10, ct);
        Head = await Client.BlockNumberAsync(ct);
    }

    public (MemberRegistryClient Members, CredentialRegistryClient Credentials, MraRegistryClient Mras, OriginRegistryClient Origins) A(int account)
    {
        if (!_actors.TryGetValue(account, out var actor))
        {
            var sender = Sender(account);
            actor = (new MemberRegistryClient(Registries.Members, Client, sender), new CredentialRegistryClient(Registries.Credentials, Client, sender),
                new MraRegistryClient(Registries.Mras, Client, sender), new OriginRegistryClient(Registries.Origins, Client, sender));
            _actors[account] = actor;
        }
        return actor;
    }

    private TransactionSender Sender(int account)
    {
        var key = Anvil.CreateKey(account);
        var sender = new TransactionSender(key, Client, Anvil.ChainId, new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(20),
            ReceiptTimeout = TimeSpan.FromSeconds(30),
            MineWhenStalled = true,
            StallThreshold = TimeSpan.FromMilliseconds(500),
        });
        _owned.Add(sender);
        _owned.Add(key);
        return sender;
    }

    private VcJwtSigningKey Key()
    {
        var key = VcJwtSigningKey.Generate();
        _owned.Add(key);
        return key;
    }

    public Task IncreaseTimeAsync(long seconds, CancellationToken ct) =>
        Client.Rpc.SendAsync("evm_increaseTime", w => w.WriteNumberValue(seconds), static _ => true, ct);

    private async Task<ulong> TimeOfAsync(TransactionReceipt receipt, CancellationToken ct) =>
        (await Client.GetBlockByNumberAsync(receipt.BlockNumber, ct)).Timestamp;

    private async Task<Hash32> AnchorCertificatesAsync(int account, MemberCode issuer, VcJwtSigningKey key, int count, string name, CancellationToken ct)
    {
        var jwss = Enumerable.Range(0, count).Select(_ => LedgerScenario.Sign(key, LedgerScenario.Certificate(issuer.ToString()))).ToArray();
        var tree = MerkleTree.Build([.. jwss.Select((j, i) => MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, (uint)i, VcJwt.DocumentHash(j)))]);
        await A(account).Credentials.AnchorAsync(tree.Root, (uint)count, ct);
        for (var i = 0; i < count; i++)
            Documents.Add(AuditDocument.Aeo($"{name}-{i}", jwss[i], tree.Root, (uint)i, tree.GetProof(i)));
        return tree.Root;
    }

    private async Task<Hash32> AnchorOriginsAsync(int account, int count, CancellationToken ct)
    {
        var xml = Enumerable.Range(0, count).Select(i => Encoding.UTF8.GetBytes($"<CertificateOfOrigin number=\"KR-2026-{i:D4}\"><Exporter>Operator {i}</Exporter></CertificateOfOrigin>")).ToArray();
        var tree = MerkleTree.Build([.. xml.Select((x, i) => MerkleLeaf.Compute(MerkleLeaf.CertificateOfOriginTag, (uint)i, Keccak256.Hash(x)))]);
        await A(account).Origins.AnchorAsync(tree.Root, (uint)count, ct);
        for (var i = 0; i < count; i++)
            Documents.Add(new AuditDocument(AuditDocumentKind.Coo, $"O-{i}", xml[i], tree.Root, (uint)i, tree.GetProof(i)));
        return tree.Root;
    }

    public Task DisposeAsync()
    {
        foreach (var owned in _owned)
            owned.Dispose();
        Anvil?.Dispose();
        return Task.CompletedTask;
    }
}
