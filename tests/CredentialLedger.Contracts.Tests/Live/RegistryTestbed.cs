using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.TestKit;

namespace CredentialLedger.Contracts.Tests.Live;

/// <summary>
/// A fresh deployment of the four registries on an anvil, founded by KR, KZ and UZ with dev accounts 1, 2 and 3 as
/// their operators (account 0 deploys), and one <see cref="Actor"/> per account that acts. Accounts 4 to 9 are free
/// for roles a test gives them (a new member's operator, chamber accounts).
/// </summary>
internal sealed class RegistryTestbed : IDisposable
{
    public static readonly MemberCode KR = MemberCode.Parse("KR");
    public static readonly MemberCode KZ = MemberCode.Parse("KZ");
    public static readonly MemberCode UZ = MemberCode.Parse("UZ");
    public static readonly TimeSpan VotingPeriod = TimeSpan.FromDays(7);

    private readonly AnvilFixture _anvil;
    private readonly List<Actor> _actors = [];

    private RegistryTestbed(AnvilFixture anvil, EthClient client)
    {
        _anvil = anvil;
        Client = client;
    }

    /// <summary>Reads and sends; decodes every registry error.</summary>
    public EthClient Client { get; }

    public RegistryAddresses Addresses { get; private set; } = null!;

    public Actor Deployer { get; private set; } = null!;

    public Actor Kr { get; private set; } = null!;

    public Actor Kz { get; private set; } = null!;

    public Actor Uz { get; private set; } = null!;

    public static async Task<RegistryTestbed> DeployAsync(AnvilFixture anvil, CancellationToken cancellationToken)
    {
        var testbed = new RegistryTestbed(anvil, anvil.CreateEthClient(revertDecoder: RegistryErrors.CreateRevertDecoder()));
        try
        {
            var deployer = testbed.NewActor(0);
            testbed.Addresses = await RegistryDeployer.DeployAsync(deployer.Sender,
                [(KR, anvil.Accounts[1]), (KZ, anvil.Accounts[2]), (UZ, anvil.Accounts[3])], VotingPeriod, cancellationToken);
            testbed.Deployer = testbed.Actor(0);
            testbed.Kr = testbed.Actor(1);
            testbed.Kz = testbed.Actor(2);
            testbed.Uz = testbed.Actor(3);
            return testbed;
        }
        catch
        {
            testbed.Dispose();
            throw;
        }
    }

    /// <summary>The actor for dev account <paramref name="index"/> (one sender per account, so nonces stay in step).</summary>
    public Actor Actor(int index)
    {
        var actor = _actors.FirstOrDefault(a => a.Address == _anvil.Accounts[index]) ?? NewActor(index);
        actor.Bind(Addresses, Client);
        return actor;
    }

    /// <summary>The latest block's timestamp.</summary>
    public async Task<ulong> NowAsync(CancellationToken cancellationToken) =>
        (await Client.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken)).Timestamp;

    public void Dispose()
    {
        foreach (var actor in _actors)
            actor.Dispose();
        _actors.Clear();
    }

    private Actor NewActor(int index)
    {
        var key = _anvil.CreateKey(index);
        var sender = new TransactionSender(key, Client, _anvil.ChainId, new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50),
            ReceiptTimeout = TimeSpan.FromSeconds(30),
            MineWhenStalled = true,
            StallThreshold = TimeSpan.FromMilliseconds(500),
        });
        var actor = new Actor(key, sender);
        _actors.Add(actor);
        return actor;
    }
}

/// <summary>One account and the four registry clients that send from it.</summary>
internal sealed class Actor(PrivateKey key, TransactionSender sender) : IDisposable
{
    public Address Address => sender.Address;

    public TransactionSender Sender => sender;

    public MemberRegistryClient Members { get; private set; } = null!;

    public CredentialRegistryClient Credentials { get; private set; } = null!;

    public MraRegistryClient Mras { get; private set; } = null!;

    public OriginRegistryClient Origins { get; private set; } = null!;

    public void Bind(RegistryAddresses addresses, EthClient client)
    {
        if (Members is not null)
            return;
        Members = new MemberRegistryClient(addresses.Members, client, sender);
        Credentials = new CredentialRegistryClient(addresses.Credentials, client, sender);
        Mras = new MraRegistryClient(addresses.Mras, client, sender);
        Origins = new OriginRegistryClient(addresses.Origins, client, sender);
    }

    public void Dispose()
    {
        sender.Dispose();
        key.Dispose();
    }
}
