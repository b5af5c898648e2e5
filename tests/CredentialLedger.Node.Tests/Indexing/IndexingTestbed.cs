using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Contracts.Events;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node.Indexing;
using CredentialLedger.Node.Keys;
using CredentialLedger.Node.Store;
using CredentialLedger.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredentialLedger.Node.Tests.Indexing;

/// <summary>
/// A KR node initialized on an anvil (<see cref="NodeTestbed.InitializeAsync"/>: registries deployed, KR admitted,
/// signing key registered), and a separate index database that test-made <see cref="ChainIndexer"/>s fill step by
/// step. Registry writes go from KR's operator account (only while no node runs, which sends from it too).
/// </summary>
internal sealed class IndexingTestbed : IDisposable
{
    public static readonly string[] ReadModelTables = ["chain_events", "rm_members", "rm_operators", "rm_keys", "rm_batches", "rm_statuses"];

    private readonly TempDirectory _directory;

    private IndexingTestbed(AnvilFixture anvil, TempDirectory directory, NodeOptions options, RegistryNetwork network, KeystoreContents keys)
    {
        Anvil = anvil;
        _directory = directory;
        Options = options;
        Network = network;
        Keys = keys;
        Eth = anvil.CreateEthClient(new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) }, revertDecoder: RegistryErrors.CreateRevertDecoder());
        IndexPath = directory.File("index.db");
    }

    public AnvilFixture Anvil { get; }

    public NodeOptions Options { get; }

    public RegistryNetwork Network { get; }

    public KeystoreContents Keys { get; }

    public EthClient Eth { get; }

    public string IndexPath { get; }

    public static async Task<IndexingTestbed> CreateAsync(AnvilFixture anvil, CancellationToken ct)
    {
        var directory = new TempDirectory("indexing");
        try
        {
            var options = await NodeTestbed.InitializeAsync(anvil, Path.Combine(directory.Path, "node"), ct);
            var network = await RegistryNetwork.LoadAsync(options.Resolve(options.NetworkFile), ct);
            var keys = Keystore.Open(options.Resolve(options.KeystoreFile), NodeTestbed.Passphrase);
            return new IndexingTestbed(anvil, directory, options, network, keys);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>A new indexer (as after a restart: its own database object) over the index database.</summary>
    public ChainIndexer NewIndexer(IndexerOptions? options = null)
    {
        var database = NewDatabase();
        database.Migrate();
        return new ChainIndexer(database, Eth, Network.Registries, Network.DeploymentBlock,
            options ?? new IndexerOptions { PollInterval = TimeSpan.FromMilliseconds(50) }, NullLogger<ChainIndexer>.Instance, TimeProvider.System);
    }

    public NodeDatabase NewDatabase() => new(IndexPath, fullSync: false);

    public ReadModel ReadModel() => new(NewDatabase());

    /// <summary>Steps until caught up; returns the events applied.</summary>
    public static async Task<int> CatchUpAsync(ChainIndexer indexer, CancellationToken ct)
    {
        var applied = 0;
        while (true)
        {
            var step = await indexer.StepAsync(ct);
            applied += step.Events;
            if (step.CaughtUp)
                return applied;
        }
    }

    /// <summary>Sends from KR's operator account (a fresh sender: nonces are read from the chain).</summary>
    public TransactionSender OperatorSender(PrivateKey operatorKey) => new(operatorKey, Eth, Network.ChainId, new TransactionSenderOptions
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
        MineWhenStalled = true,
        StallThreshold = TimeSpan.FromMilliseconds(500),
    });

    public PrivateKey OperatorKey() => PrivateKey.FromBytes(Keys.OperatorKey);

    /// <summary>Anchors a random root of <paramref name="size"/> credentials for KR; returns it.</summary>
    public async Task<Hash32> AnchorAsync(uint size, CancellationToken ct)
    {
        using var key = OperatorKey();
        using var sender = OperatorSender(key);
        var root = new Hash32(RandomNumberGenerator.GetBytes(32));
        await new CredentialRegistryClient(Network.Registries.Credentials, Eth, sender).AnchorAsync(root, size, ct);
        return root;
    }

    public async Task SuspendAsync(Hash32 root, uint index, byte reason, CancellationToken ct)
    {
        using var key = OperatorKey();
        using var sender = OperatorSender(key);
        await new CredentialRegistryClient(Network.Registries.Credentials, Eth, sender).SuspendAsync(root, index, reason, 0, ct);
    }

    /// <summary>The registry logs on chain from the deployment block to the head.</summary>
    public async Task<IReadOnlyList<Log>> RegistryLogsAsync(CancellationToken ct)
    {
        var head = await Eth.BlockNumberAsync(ct);
        var filter = new RegistryEventDecoder(Network.Registries).CreateFilter(Network.DeploymentBlock, head);
        var logs = await Eth.GetLogsAsync(filter, ct);
        return [.. logs.Where(l => Network.Registries.All.Contains(l.Address))];
    }

    public long Count(string table)
    {
        using var connection = NewDatabase().Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public Dictionary<string, long> Counts() => ReadModelTables.ToDictionary(t => t, Count);

    /// <summary>Every row of every read-model table and the cursor, rendered as text: equal dumps, equal state.</summary>
    public string Dump()
    {
        using var connection = NewDatabase().Open();
        var text = new StringBuilder();
        foreach (var table in ReadModelTables.Append("indexer_cursor"))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2";
            using var reader = command.ExecuteReader();
            text.Append(table).Append('\n');
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    text.Append(value is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture)).Append('|');
                }
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>anvil <c>evm_snapshot</c>: an id to revert to.</summary>
    public Task<string> SnapshotAsync(CancellationToken ct) =>
        Eth.Rpc.SendAsync("evm_snapshot", null, static r => r.GetString()!, ct);

    /// <summary>anvil <c>evm_revert</c>: the chain goes back to the snapshot.</summary>
    public async Task RevertAsync(string snapshot, CancellationToken ct)
    {
        var reverted = await Eth.Rpc.SendAsync("evm_revert", w => w.WriteStringValue(snapshot), static r => r.ValueKind == JsonValueKind.True, ct);
        Assert.True(reverted, $"evm_revert {snapshot} failed.");
    }

    public Task MineAsync(CancellationToken ct) => Eth.Rpc.SendAsync("evm_mine", null, static _ => true, ct);

    public void Dispose() => _directory.Dispose();
}
