using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Abi;
using CredentialLedger.Evm.Accounts;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Evm.Hex;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Evm.Transactions;
using CredentialLedger.TestKit;

namespace CredentialLedger.Benchmarks.Audit;

/// <summary>
/// The audit benchmark's chain: the four registries founded by KR, KZ and UZ, each member with two operator accounts,
/// credentials anchored in batches of 1,000, then exactly <c>events</c> single-credential status transactions (each
/// one <c>CredentialStatusChanged</c> log): every credential suspended, then reinstated, then revoked, phase by
/// phase, so no transaction depends on another one of the same block.
/// </summary>
/// <remarks>
/// Built fast: automine off, transactions signed here with locally counted nonces (both cores), sent in JSON-RPC
/// batches, a block mined with <c>evm_mine</c> every <see cref="TransactionsPerBlock"/> transactions, 6 hours of chain
/// time apart so the history spans months. The anvil state (blocks, receipts and logs included) is dumped to
/// <c>.data/bench/audit-&lt;events&gt;.state.json</c> with the network file beside it; later runs load it.
/// </remarks>
internal sealed class AuditBenchChain : IDisposable
{
    public const int TransactionsPerBlock = 800;
    private const int BatchSize = 1_000;
    private const int RpcBatch = 400;
    private const ulong StatusGas = 120_000;
    private const ulong AnchorGas = 200_000;
    private const ulong SecondsPerBlock = 6 * 3600;
    private static readonly MemberCode[] Members = [MemberCode.Parse("KR"), MemberCode.Parse("KZ"), MemberCode.Parse("UZ")];
    private static readonly FunctionSignature Suspend = FunctionSignature.Parse("suspend(bytes32,uint32,uint8,uint64)");
    private static readonly FunctionSignature Reinstate = FunctionSignature.Parse("reinstate(bytes32,uint32,uint8,uint64)");
    private static readonly FunctionSignature Revoke = FunctionSignature.Parse("revoke(bytes32,uint32,uint8,uint64)");

    private AuditBenchChain(AnvilFixture anvil, RegistryNetwork network, string networkPath, AuditChainFacts facts)
    {
        Anvil = anvil;
        Network = network;
        NetworkPath = networkPath;
        Facts = facts;
    }

    public AnvilFixture Anvil { get; }

    public RegistryNetwork Network { get; }

    /// <summary>The network file beside the state, for the replayer and the CLI.</summary>
    public string NetworkPath { get; }

    public AuditChainFacts Facts { get; }

    /// <summary>Starts anvil on the cached chain of <paramref name="events"/> status events, building it first if there is none.</summary>
    public static async Task<AuditBenchChain> OpenAsync(int events, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(RepoPaths.Root, ".data", "bench");
        Directory.CreateDirectory(directory);
        var statePath = Path.Combine(directory, $"audit-{events}.state.json");
        var networkPath = Path.Combine(directory, $"audit-{events}.network.json");
        var factsPath = Path.Combine(directory, $"audit-{events}.facts.json");
        if (!File.Exists(statePath) || !File.Exists(networkPath) || !File.Exists(factsPath))
        {
            var clock = Stopwatch.StartNew();
            Console.WriteLine($"Building the benchmark chain ({events:N0} status events); cached in {directory} for later runs.");
            await BuildAsync(events, statePath, networkPath, factsPath, cancellationToken);
            Console.WriteLine($"Built in {clock.Elapsed.TotalSeconds:F0} s.");
        }

        var load = Stopwatch.StartNew();
        // --load-state only: the cache stays as built (the fixture never dumps over it).
        var anvil = await AnvilFixture.StartAsync(new AnvilOptions
        {
            ExtraArguments = ["--load-state", statePath, "--gas-limit", "1000000000"],
            StartupTimeout = TimeSpan.FromMinutes(5),
        });
        var network = await RegistryNetwork.LoadAsync(networkPath, cancellationToken);
        var facts = JsonSerializer.Deserialize<AuditChainFacts>(await File.ReadAllTextAsync(factsPath, cancellationToken))
            ?? throw new InvalidDataException($"{factsPath} is empty.");
        Console.WriteLine($"anvil loaded {new FileInfo(statePath).Length / 1e6:N0} MB of state in {load.Elapsed.TotalSeconds:F1} s.");
        return new AuditBenchChain(anvil, network, networkPath, facts);
    }

    public void Dispose() => Anvil.Dispose();

    private static async Task BuildAsync(int events, string statePath, string networkPath, string factsPath, CancellationToken cancellationToken)
    {
        using var anvil = await AnvilFixture.StartAsync(new AnvilOptions { ExtraArguments = ["--gas-limit", "1000000000"] });
        var client = anvil.CreateEthClient();
        using var http = new HttpClient { BaseAddress = anvil.RpcUrl, Timeout = TimeSpan.FromMinutes(5) };

        // Deployment and operators through the ordinary sender, with automine on.
        using var deployerKey = anvil.CreateKey(0);
        using var deployer = new TransactionSender(deployerKey, client, anvil.ChainId);
        var founders = Members.Select((m, i) => (m, anvil.Accounts[i + 1])).ToList();
        var addresses = await RegistryDeployer.DeployAsync(deployer, founders, TimeSpan.FromDays(7), cancellationToken);
        var operators = new List<(MemberCode Member, PrivateKey Key)>();
        for (var i = 0; i < Members.Length; i++)
        {
            using var firstKey = anvil.CreateKey(i + 1);
            using var first = new TransactionSender(firstKey, client, anvil.ChainId);
            await new MemberRegistryClient(addresses.Members, client, first).AddOperatorAsync(anvil.Accounts[i + 4], cancellationToken);
            operators.Add((Members[i], anvil.CreateKey(i + 1)));
            operators.Add((Members[i], anvil.CreateKey(i + 4)));
        }

        try
        {
            await RpcAsync(http, "evm_setAutomine", "[false]", cancellationToken);
            var nonces = new ulong[operators.Count];
            for (var i = 0; i < operators.Count; i++)
                nonces[i] = await client.GetTransactionCountAsync(operators[i].Key.Address, BlockParameter.Pending, cancellationToken);
            var time = (await client.GetBlockByNumberAsync(BlockParameter.Latest, cancellationToken)).Timestamp;

            // Credentials: ceil(events / 3) spread over the members, anchored by each member's first operator.
            var credentialCount = (events + 2) / 3;
            var credentials = new List<(int Member, Hash32 Root, uint Index)>(credentialCount);
            var anchors = new List<Pending>();
            for (var m = 0; m < Members.Length; m++)
            {
                var own = credentialCount / Members.Length + (m < credentialCount % Members.Length ? 1 : 0);
                for (var b = 0; b * BatchSize < own; b++)
                {
                    var size = (uint)Math.Min(BatchSize, own - b * BatchSize);
                    var root = Keccak256.HashUtf8($"audit-bench/{Members[m]}/{b}");
                    anchors.Add(new Pending(2 * m, addresses.Credentials, CredentialRegistryCalls.Anchor(root, size), AnchorGas));
                    for (uint i = 0; i < size; i++)
                        credentials.Add((m, root, i));
                }
            }
            time = await SendAndMineAsync(http, client, anvil.ChainId, operators, nonces, anchors, time, cancellationToken);

            // The phases, interleaved by member so each block carries all six operators' transactions.
            var order = credentials.OrderBy(c => c.Index).ThenBy(c => c.Root.ToString(), StringComparer.Ordinal).ToList();
            var sent = 0;
            var mined = 0;
            var blocks = 0;
            foreach (var (function, reason) in new[] { (Suspend, (byte)1), (Reinstate, (byte)2), (Revoke, (byte)3) })
            {
                var phase = new List<Pending>();
                for (var i = 0; i < order.Count && sent < events; i++, sent++)
                {
                    var (member, root, index) = order[i];
                    var data = function.EncodeCall(AbiValue.FixedBytes(root.ToArray()), AbiValue.Uint(index), AbiValue.Uint(reason), AbiValue.Uint(0));
                    phase.Add(new Pending(2 * member + i % 2, addresses.Credentials, data, StatusGas));
                }
                for (var start = 0; start < phase.Count; start += TransactionsPerBlock)
                {
                    var block = phase.GetRange(start, Math.Min(TransactionsPerBlock, phase.Count - start));
                    time = await SendAndMineAsync(http, client, anvil.ChainId, operators, nonces, block, time, cancellationToken);
                    mined += block.Count;
                    if (++blocks % 20 == 0)
                        Console.WriteLine($"  {mined:N0} status transactions mined in {blocks} blocks");
                }
            }

            var last = await client.BlockNumberAsync(cancellationToken);
            var logs = await client.GetLogsAsync(new LogFilter
            {
                FromBlock = BlockParameter.Earliest,
                ToBlock = BlockParameter.FromNumber(last),
                Addresses = [addresses.Credentials],
                Topics = [[Keccak256.HashUtf8("CredentialStatusChanged(bytes32,uint32,uint8,uint8,uint64)")]],
            }, cancellationToken);
            if (logs.Count != events)
                throw new InvalidOperationException($"{logs.Count:N0} status logs on chain, {events:N0} expected: some transactions reverted.");

            var facts = new AuditChainFacts(events, credentials.Count, anchors.Count, blocks, last, operators.Count);
            var network = new RegistryNetwork(anvil.ChainId, addresses) { DeploymentBlock = 0 };
            await DumpStateAsync(http, statePath, cancellationToken);
            await network.SaveAsync(networkPath, cancellationToken);
            await File.WriteAllTextAsync(factsPath, JsonSerializer.Serialize(facts), cancellationToken);
        }
        finally
        {
            foreach (var (_, key) in operators)
                key.Dispose();
        }
    }

    private sealed record Pending(int Operator, Address To, byte[] Data, ulong Gas);

    private static async Task<ulong> SendAndMineAsync(
        HttpClient http, EthClient client, ulong chainId, List<(MemberCode Member, PrivateKey Key)> operators, ulong[] nonces,
        List<Pending> block, ulong time, CancellationToken cancellationToken)
    {
        // Nonces are handed out in list order before signing, so parallel signing cannot reorder one sender's transactions.
        var unsigned = block.Select(p => (p.Operator, Transaction: new DynamicFeeTransaction
        {
            ChainId = chainId,
            Nonce = nonces[p.Operator]++,
            GasLimit = p.Gas,
            To = p.To,
            Data = p.Data,
            MaxFeePerGas = 10_000_000_000,
            MaxPriorityFeePerGas = 0,
        })).ToList();
        var raw = new string[unsigned.Count];
        Parallel.For(0, unsigned.Count, i =>
            raw[i] = HexConverter.ToHex(TransactionSigner.Sign(unsigned[i].Transaction, operators[unsigned[i].Operator].Key).RawBytes.Span));
        for (var start = 0; start < raw.Length; start += RpcBatch)
        {
            var body = new StringBuilder("[");
            for (var i = start; i < Math.Min(raw.Length, start + RpcBatch); i++)
                body.Append(CultureInfo.InvariantCulture, $"{(i > start ? "," : "")}{{\"jsonrpc\":\"2.0\",\"id\":{i},\"method\":\"eth_sendRawTransaction\",\"params\":[\"{raw[i]}\"]}}");
            body.Append(']');
            using var response = await PostAsync(http, body.ToString(), cancellationToken);
            foreach (var item in response.RootElement.EnumerateArray())
            {
                if (item.TryGetProperty("error", out var error))
                    throw new InvalidOperationException($"eth_sendRawTransaction refused: {error.GetRawText()}");
            }
        }
        time += SecondsPerBlock;
        await RpcAsync(http, "evm_mine", $"[{time}]", cancellationToken);
        using var status = await RpcAsync(http, "txpool_status", "[]", cancellationToken);
        var pending = HexConverter.ToUInt64(status.RootElement.GetProperty("result").GetProperty("pending").GetString());
        if (pending != 0)
            throw new InvalidOperationException($"{pending} transactions still pending after evm_mine.");
        return time;
    }

    // anvil_dumpState answers with the gzipped state JSON as hex; --load-state reads the plain JSON.
    private static async Task DumpStateAsync(HttpClient http, string statePath, CancellationToken cancellationToken)
    {
        using var dump = await RpcAsync(http, "anvil_dumpState", "[]", cancellationToken);
        var gzipped = HexConverter.ToBytes(dump.RootElement.GetProperty("result").GetString()!);
        var temporary = statePath + ".tmp";
        await using (var output = File.Create(temporary))
        await using (var gunzip = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress))
            await gunzip.CopyToAsync(output, cancellationToken);
        File.Move(temporary, statePath, overwrite: true);
    }

    private static async Task<JsonDocument> RpcAsync(HttpClient http, string method, string parameters, CancellationToken cancellationToken)
    {
        var document = await PostAsync(http, $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"{method}\",\"params\":{parameters}}}", cancellationToken);
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            document.Dispose();
            throw new InvalidOperationException($"{method}: {error.GetRawText()}");
        }
        return document;
    }

    private static async Task<JsonDocument> PostAsync(HttpClient http, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync((Uri?)null, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }
}

/// <summary>What the benchmark chain holds (saved beside its state).</summary>
internal sealed record AuditChainFacts(int StatusEvents, int Credentials, int Batches, int StatusBlocks, ulong LastBlock, int Operators);
