using System.Numerics;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Keys;
using CredentialLedger.Node.Setup;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Exchange;

/// <summary>
/// Several member nodes on one anvil chain, each with its own data directory, keystore and store: the first is the
/// founder (registries deployed), the others join (admitted by majority vote of the members before them, operator
/// funded, signing key registered). MRAs are proposed and accepted from the members' operator accounts. Chain writes
/// from a member's account happen only while its node is not running, or while it sends nothing (verifying nodes).
/// </summary>
internal sealed class MultiMemberTestbed : IDisposable
{
    private readonly TempDirectory _directory;
    private readonly List<(MemberCode Member, NodeOptions Options)> _members = [];

    private MultiMemberTestbed(AnvilFixture anvil, TempDirectory directory, NodeOptions founder, RegistryNetwork network)
    {
        Anvil = anvil;
        _directory = directory;
        Network = network;
        Eth = anvil.CreateEthClient(new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) }, revertDecoder: RegistryErrors.CreateRevertDecoder());
        _members.Add((MemberCode.Parse(founder.Member), founder));
    }

    public AnvilFixture Anvil { get; }

    public RegistryNetwork Network { get; }

    public EthClient Eth { get; }

    public NodeOptions this[string member] => _members.Single(m => m.Member.ToString() == member).Options;

    public static async Task<MultiMemberTestbed> CreateAsync(AnvilFixture anvil, string founder, CancellationToken ct)
    {
        var directory = new TempDirectory("members");
        try
        {
            var options = await NodeTestbed.InitializeAsync(anvil, Path.Combine(directory.Path, founder), ct, member: founder);
            var network = await RegistryNetwork.LoadAsync(options.Resolve(options.NetworkFile), ct);
            return new MultiMemberTestbed(anvil, directory, options, network);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates <paramref name="member"/>'s node files, admits it (every current member votes), funds it and, unless
    /// <paramref name="registerKey"/> is false (its node then registers the key itself), registers its signing key.
    /// </summary>
    public async Task<NodeOptions> JoinAsync(string member, CancellationToken ct, bool registerKey = true)
    {
        var code = MemberCode.Parse(member);
        var founder = _members[0].Options;
        var joined = NodeInitializer.InitializeJoining(new NodeInitialization
        {
            Member = member,
            DataDirectory = Path.Combine(_directory.Path, member),
            RpcUrl = Anvil.RpcUrl,
            ListenUrl = new Uri($"http://127.0.0.1:{FreePort.Get()}"),
            Passphrase = NodeTestbed.Passphrase,
            Kdf = KdfParameters.FastForTests,
        }, founder.Resolve(founder.NetworkFile));
        var options = joined.Options;
        options.DurableCommits = false;
        options.Anchoring.MaxBatchDelay = TimeSpan.FromMilliseconds(50);
        options.Anchoring.ReceiptPollInterval = TimeSpan.FromMilliseconds(20);
        options.Anchoring.StallThreshold = TimeSpan.FromMilliseconds(500);
        options.Anchoring.MaxRetryDelay = TimeSpan.FromMilliseconds(500);
        options.Indexer.PollInterval = TimeSpan.FromMilliseconds(100);
        options.Save();
        var keys = Keystore.Open(options.Resolve(options.KeystoreFile), NodeTestbed.Passphrase);
        using var operatorKey = PrivateKey.FromBytes(keys.OperatorKey);

        using (var funderKey = PrivateKey.Parse(Anvil.PrivateKeys[0]))
        using (var funder = Sender(funderKey))
            await funder.SendAndWaitAsync(new TransactionRequest { To = operatorKey.Address, Value = BigInteger.Pow(10, 21) }, ct);

        ulong proposal = 0;
        foreach (var (existing, _) in _members)
        {
            await WithOperatorAsync(existing.ToString(), async sender =>
            {
                var registry = new MemberRegistryClient(Network.Registries.Members, Eth, sender);
                if (proposal == 0)
                    proposal = (await registry.ProposeAsync(ProposalKind.Admit, code, operatorKey.Address, ct)).Value;
                else
                    await registry.VoteAsync(proposal, ct);
            });
        }
        await WithOperatorAsync(_members[0].Member.ToString(), sender => new MemberRegistryClient(Network.Registries.Members, Eth, sender).ExecuteAsync(proposal, ct));

        if (registerKey)
        {
            using var sender = Sender(operatorKey);
            using var signingKey = VcJwtSigningKey.FromPrivateKey(keys.CurrentSigningKey.PrivateKey);
            await new MemberRegistryClient(Network.Registries.Members, Eth, sender).RegisterKeyAsync(signingKey.PublicKey, 0, 0, ct);
        }
        _members.Add((code, options));
        return options;
    }

    /// <summary>An MRA among <paramref name="parties"/> covering <paramref name="scope"/>, proposed by the first and accepted by the rest.</summary>
    public async Task<ulong> ConcludeMraAsync(string[] parties, uint scope, uint benefits, CancellationToken ct)
    {
        var codes = parties.Select(MemberCode.Parse).OrderBy(c => c).ToList();
        ulong id = 0;
        await WithOperatorAsync(parties[0], async sender =>
            id = (await new MraRegistryClient(Network.Registries.Mras, Eth, sender).ProposeAsync(codes, scope, benefits, 0, 0, ct)).Value);
        foreach (var party in parties.Skip(1))
            await WithOperatorAsync(party, sender => new MraRegistryClient(Network.Registries.Mras, Eth, sender).AcceptAsync(id, 1, ct));
        return id;
    }

    /// <summary>Sends from <paramref name="member"/>'s operator account.</summary>
    public async Task WithOperatorAsync(string member, Func<TransactionSender, Task> send)
    {
        var options = this[member];
        var keys = Keystore.Open(options.Resolve(options.KeystoreFile), NodeTestbed.Passphrase);
        using var key = PrivateKey.FromBytes(keys.OperatorKey);
        using var sender = Sender(key);
        await send(sender);
    }

    /// <summary><paramref name="member"/>'s current signing key (for making exchange tokens in tests).</summary>
    public VcJwtSigningKey SigningKey(string member)
    {
        var options = this[member];
        return VcJwtSigningKey.FromPrivateKey(Keystore.Open(options.Resolve(options.KeystoreFile), NodeTestbed.Passphrase).CurrentSigningKey.PrivateKey);
    }

    private TransactionSender Sender(PrivateKey key) => new(key, Eth, Network.ChainId, new TransactionSenderOptions
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
        MineWhenStalled = true,
        StallThreshold = TimeSpan.FromMilliseconds(500),
    });

    public void Dispose() => _directory.Dispose();
}
