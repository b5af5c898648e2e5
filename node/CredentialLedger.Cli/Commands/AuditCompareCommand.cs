using System.CommandLine;
using System.Globalization;
using System.Text;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node;
using CredentialLedger.Node.Audit;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// <c>credledger audit compare</c>: replays the chain the node's network file names up to the block the node's read
/// model is indexed to, and compares the two on every AEO credential and certificate of origin
/// (<see cref="ReadModelComparison"/>). Exit 0 when they agree, <see cref="AuditCommands.ViolationsFound"/> with the
/// differences listed otherwise.
/// </summary>
internal static class AuditCompareCommand
{
    public static Command Create(CliContext cli)
    {
        var rpc = new Option<Uri?>("--rpc")
        {
            Description = "The chain's JSON-RPC URL (default: rpcUrl in the node.json of --data)",
            CustomParser = UriArgument.Parse,
        };
        var command = new Command("compare",
            $"Replay the chain and compare it with this node's read model on every credential and certificate of origin. Exit 0: they agree; {AuditCommands.ViolationsFound}: differences (listed); 1: error")
        {
            rpc,
        };
        command.SetAction(async (parse, ct) =>
        {
            var data = parse.GetRequiredValue(cli.Data);
            if (!File.Exists(Path.Combine(data, NodeOptions.FileName)))
                throw new CliException($"{Path.Combine(data, NodeOptions.FileName)} does not exist: --data takes the node's data directory.");
            var options = NodeOptions.Load(data);
            var url = parse.GetValue(rpc) ?? options.RpcUrl ?? throw new CliException($"{Path.Combine(data, NodeOptions.FileName)} names no rpcUrl: pass --rpc URL.");
            var networkFile = options.Resolve(options.NetworkFile);
            if (!File.Exists(networkFile))
                throw new CliException($"{networkFile} does not exist: the node's network file is missing.");
            var network = await RegistryNetwork.LoadAsync(networkFile, ct);
            // The read model first: the replay then covers exactly the blocks it was indexed to.
            var snapshot = ReadModelSnapshot.Read(options.Resolve(options.DatabaseFile));

            using var http = new HttpClient { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
            var client = new EthClient(new JsonRpcClient(http, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(2) }));
            var chainId = await client.ChainIdAsync(ct);
            if (chainId != network.ChainId)
                throw new CliException($"the chain at {url} is chain {chainId}, but the node's network file is for chain {network.ChainId}.");
            var head = await client.BlockNumberAsync(ct);
            if (snapshot.Block > head)
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"the read model is indexed to block {snapshot.Block}, beyond the chain's head, block {head}: is {url} the node's chain?"));
            AuditResult replay;
            using (var progress = AuditProgressLine.ForTerminal(cli))
            {
                try
                {
                    replay = await new AuditReplayer(client, network.Registries,
                        new AuditReplayOptions { FromBlock = network.DeploymentBlock, ToBlock = snapshot.Block }).ReplayAsync(progress, ct);
                }
                catch (ChainReorganizedException e)
                {
                    throw new CliException($"the chain changed under the replay ({e.Message}); run it again.");
                }
            }
            if (replay.Range.ToBlockHash != snapshot.BlockHash)
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"block {snapshot.Block} on the chain is {replay.Range.ToBlockHash}, but the read model was indexed on block {snapshot.BlockHash}: the chain was reorganized under the node, which must re-index."));

            var result = ReadModelComparison.Compare(ComparedState.FromReport(replay.ToReport()), snapshot.State);
            await cli.Out.WriteAsync(Summary(replay, result));
            return result.Agrees ? 0 : AuditCommands.ViolationsFound;
        });
        return command;
    }

    private static string Summary(AuditResult replay, ReadModelComparisonResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"Compared the node's read model with a replay of chain {replay.ChainId}, blocks {replay.Range.FromBlock} to {replay.Range.ToBlock} ")
            .Append(c, $"({replay.EventCount:N0} registry events): {result.Credentials:N0} AEO credential(s) and {result.OriginCertificates:N0} certificate(s) of origin; ")
            .Append(result.Agrees ? "they agree on every one.\n" : string.Create(c, $"{result.Differences.Count} DIFFERENCE(S):\n"));
        foreach (var difference in result.Differences)
            text.Append("  ").Append(difference).Append('\n');
        return text.ToString();
    }
}
