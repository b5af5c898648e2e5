using System.CommandLine;
using System.Globalization;
using System.Text;
using CredentialLedger.Node;
using CredentialLedger.Node.Audit;
using CredentialLedger.Sdk.Audit;

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
        var source = new AuditChainSource();
        var command = new Command("compare",
            $"Replay the chain and compare it with this node's read model on every credential and certificate of origin. Exit 0: they agree; {AuditCommands.ViolationsFound}: differences (listed); 1: error")
        {
            source.Rpc,
        };
        command.SetAction(async (parse, ct) =>
        {
            var data = parse.GetRequiredValue(cli.Data);
            if (!File.Exists(Path.Combine(data, NodeOptions.FileName)))
                throw new CliException($"{Path.Combine(data, NodeOptions.FileName)} does not exist: --data takes the node's data directory.");
            var options = NodeOptions.Load(data);
            // The read model first: the replay then covers exactly the blocks it was indexed to.
            var snapshot = ReadModelSnapshot.Read(options.Resolve(options.DatabaseFile));
            AuditResult replay;
            using (var progress = AuditProgressLine.ForTerminal(cli))
                replay = await source.ReplayAsync(cli, parse, progress, ct, toBlock: snapshot.Block);
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
