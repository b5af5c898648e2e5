using System.CommandLine;
using System.Globalization;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// Where an audit command's events come from, the options that say so, and the replay itself: the chain
/// (<c>--rpc URL --network FILE</c>, or what node.json in <c>--data</c> names), optionally through an event cache
/// (<c>--cache FILE</c>, written and extended as it goes), or the cache alone (<c>--offline</c>).
/// </summary>
internal sealed class AuditChainSource
{
    public Option<Uri?> Rpc { get; } = new("--rpc")
    {
        Description = "The chain's JSON-RPC URL (default: rpcUrl in the node.json of --data)",
        CustomParser = UriArgument.Parse,
    };

    public Option<FileInfo?> Network { get; } = new("--network")
    {
        Description = "The network file naming the chain id and registries (default: the network file of --data's node)",
    };

    public Option<ulong?> FromBlock { get; } = new("--from-block") { Description = "The first block replayed (default: the registries' deployment block)" };

    public Option<ulong?> ToBlock { get; } = new("--to-block") { Description = "The last block replayed (default: the chain's head)" };

    public Option<FileInfo?> Cache { get; } = new("--cache")
    {
        Description = "An event cache file: read first when it fits the chain, then extended with the blocks after it (created when missing)",
    };

    public Option<bool> Offline { get; } = new("--offline") { Description = "Replay the --cache file alone, without the chain" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Rpc, Network, FromBlock, ToBlock, Cache, Offline })
            command.Options.Add(option);
        command.Validators.Add(r =>
        {
            if (!r.GetValue(Offline))
                return;
            if (r.GetValue(Cache) is null)
                r.AddError("--offline replays a cache: give --cache FILE.");
            else if (r.GetResult(Rpc) is not null || r.GetResult(FromBlock) is not null || r.GetResult(ToBlock) is not null)
                r.AddError("--offline replays the whole cache, without the chain: leave out --rpc, --from-block and --to-block.");
        });
    }

    /// <summary>
    /// Replays as the options say, with <paramref name="progress"/> (may be null), up to <paramref name="toBlock"/>
    /// when given (in place of <c>--to-block</c>, e.g. a node's indexed block).
    /// </summary>
    public async Task<AuditResult> ReplayAsync(CliContext cli, ParseResult parse, IProgress<AuditProgress>? progress, CancellationToken ct, ulong? toBlock = null)
    {
        var cache = parse.GetValue(Cache)?.FullName;
        if (parse.GetValue(Offline))
        {
            if (!File.Exists(cache))
                throw new CliException($"{cache} does not exist: --offline needs an event cache written by an earlier replay.");
            var expected = parse.GetValue(Network) is { } file ? await LoadNetworkAsync(file.FullName, ct) : null;
            return AuditReplayer.ReplayCache(cache, expected?.ChainId, expected?.Registries, progress, ct);
        }

        var (rpc, network) = await ChainAsync(cli, parse, ct);
        using var http = new HttpClient { BaseAddress = rpc, Timeout = Timeout.InfiniteTimeSpan };
        var client = new EthClient(new JsonRpcClient(http, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(2) }));
        var chainId = await client.ChainIdAsync(ct);
        if (chainId != network.ChainId)
            throw new CliException($"the chain at {rpc} is chain {chainId}, but the network file is for chain {network.ChainId}.");
        var head = await client.BlockNumberAsync(ct);
        var from = parse.GetValue(FromBlock) ?? network.DeploymentBlock;
        var to = toBlock ?? parse.GetValue(ToBlock);
        if (to > head)
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{(toBlock is null ? "--to-block" : "the last block asked,")} {to} is beyond the chain's head, block {head}: is this the right chain?"));
        if (from > (to ?? head))
            throw new CliException(string.Create(CultureInfo.InvariantCulture, $"--from-block {from} is after the last block replayed, {to ?? head}."));
        var options = new AuditReplayOptions { FromBlock = from, ToBlock = to, CachePath = cache };
        try
        {
            return await new AuditReplayer(client, network.Registries, options).ReplayAsync(progress, ct);
        }
        catch (ChainReorganizedException e)
        {
            throw new CliException($"the chain changed under the replay ({e.Message}); run it again.");
        }
    }

    private async Task<(Uri Rpc, RegistryNetwork Network)> ChainAsync(CliContext cli, ParseResult parse, CancellationToken ct)
    {
        var rpc = parse.GetValue(Rpc);
        var networkFile = parse.GetValue(Network)?.FullName;
        if (rpc is null || networkFile is null)
        {
            var data = parse.GetRequiredValue(cli.Data);
            if (!File.Exists(Path.Combine(data, NodeOptions.FileName)))
                throw new CliException($"no chain to replay: pass --rpc URL and --network FILE, or --data with a node's data directory ({Path.Combine(data, NodeOptions.FileName)} does not exist).");
            var node = NodeOptions.Load(data);
            rpc ??= node.RpcUrl ?? throw new CliException($"{Path.Combine(data, NodeOptions.FileName)} names no rpcUrl: pass --rpc URL.");
            networkFile ??= node.Resolve(node.NetworkFile);
        }
        return (rpc, await LoadNetworkAsync(networkFile, ct));
    }

    private static async Task<RegistryNetwork> LoadNetworkAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
            throw new CliException($"{path} does not exist: --network takes the network file of the deployment (network.json).");
        return await RegistryNetwork.LoadAsync(path, ct);
    }
}
