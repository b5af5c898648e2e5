using System.Security.Cryptography;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Anchoring;
using CredentialLedger.Node.Store;
using CredentialLedger.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredentialLedger.Node.Tests.Anchoring;

/// <summary>
/// Registries on an anvil founded by KR (dev account 1 is its operator), and a node store with an anchoring worker
/// that sends from that account. Certificates are stored with random document hashes: the worker anchors hashes, it
/// never reads the JWS.
/// </summary>
internal sealed class AnchoringTestbed : IAsyncDisposable
{
    public static readonly MemberCode KR = MemberCode.Parse("KR");

    private readonly TempDirectory _directory;
    private AnchoringWorker? _worker;
    private HttpClient? _http;

    private AnchoringTestbed(AnvilFixture anvil, TempDirectory directory, EthClient client, RegistryAddresses addresses, AnchoringOptions options)
    {
        Anvil = anvil;
        _directory = directory;
        Client = client;
        Addresses = addresses;
        Options = options;
        Database = new NodeDatabase(Path.Combine(directory.Path, "node.db"), fullSync: false);
        Database.Migrate();
        Writer = new StoreWriter(Database);
        Store = new CertificateStore(Database, Writer, TimeProvider.System);
        Registry = new CredentialRegistryClient(addresses.Credentials, client);
    }

    public AnvilFixture Anvil { get; }

    public EthClient Client { get; }

    public RegistryAddresses Addresses { get; }

    public AnchoringOptions Options { get; }

    public NodeDatabase Database { get; }

    public StoreWriter Writer { get; private set; }

    public CertificateStore Store { get; private set; }

    public CredentialRegistryClient Registry { get; }

    public static async Task<AnchoringTestbed> CreateAsync(AnvilFixture anvil, CancellationToken ct, AnchoringOptions? options = null)
    {
        // Our own HttpClient: the fixture's die with it, and the outage test restarts anvil under the testbed.
        var http = new HttpClient { BaseAddress = anvil.RpcUrl, Timeout = Timeout.InfiniteTimeSpan };
        var client = new EthClient(new JsonRpcClient(http, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromSeconds(5), MaxRetries = 0 }),
            revertDecoder: RegistryErrors.CreateRevertDecoder());
        using var deployerKey = anvil.CreateKey(0);
        using var deployer = new TransactionSender(deployerKey, client, anvil.ChainId, new TransactionSenderOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(50),
            MineWhenStalled = true,
            StallThreshold = TimeSpan.FromMilliseconds(500),
        });
        var addresses = await RegistryDeployer.DeployAsync(deployer, [(KR, anvil.Accounts[1])], TimeSpan.FromDays(1), ct);
        options ??= new AnchoringOptions
        {
            MaxBatchSize = 100,
            MaxBatchDelay = TimeSpan.FromMilliseconds(50),
            ReceiptPollInterval = TimeSpan.FromMilliseconds(20),
            MineWhenStalled = true,
            StallThreshold = TimeSpan.FromMilliseconds(500),
            MaxRetryDelay = TimeSpan.FromMilliseconds(500),
            RebroadcastAfter = TimeSpan.FromSeconds(2),
        };
        return new AnchoringTestbed(anvil, new TempDirectory("anchoring"), client, addresses, options) { _http = http };
    }

    /// <summary>Starts a worker sending from dev account 1 (KR's operator) through <paramref name="client"/>.</summary>
    public async Task StartWorkerAsync(EthClient? client = null)
    {
        var key = Anvil.CreateKey(1);
        var submitter = new ChainSubmitter(client ?? Client, key, Anvil.ChainId, Options, NullLogger.Instance, TimeProvider.System);
        _worker = new AnchoringWorker(Database, Writer, submitter, Addresses.Credentials, Options,
            NullLogger<AnchoringWorker>.Instance, TimeProvider.System);
        await _worker.StartAsync(CancellationToken.None);
    }

    public async Task StopWorkerAsync()
    {
        if (_worker is null)
            return;
        await _worker.StopAsync(CancellationToken.None);
        _worker.Dispose();
        _worker = null;
    }

    public AnchoringWorker Worker => _worker ?? throw new InvalidOperationException("No worker running.");

    public static NewCertificate Fake(string? aeoNumber = null)
    {
        var id = "urn:uuid:" + Guid.NewGuid().ToString("D");
        return new NewCertificate(id, aeoNumber ?? "KR-AEO-" + RandomNumberGenerator.GetHexString(6), "fake-jws." + id,
            new Hash32(RandomNumberGenerator.GetBytes(32)), new Hash32(RandomNumberGenerator.GetBytes(32)), 1_767_225_600, 1_861_920_000, null);
    }

    /// <summary>Waits until <paramref name="done"/> holds, polling the store.</summary>
    public static async Task WaitUntilAsync(Func<bool> done, CancellationToken ct, string what)
    {
        while (!done())
        {
            if (ct.IsCancellationRequested)
                throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(50, CancellationToken.None);
        }
    }

    public IReadOnlyList<CertificateRecord> All() => Store.List(new CertificateQuery(int.MaxValue));

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await Writer.DisposeAsync();
        _http?.Dispose();
        _directory.Dispose();
    }
}
