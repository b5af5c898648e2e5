using System.CommandLine;
using System.Globalization;
using CredentialLedger.Node;
using CredentialLedger.Node.Audit;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// <c>credledger audit compare</c>: replays the chain a node's data directory names up to the block its indexer has
/// applied, and checks the node's read model against the replay (<see cref="ReadModelComparison"/>). Exit 0 when they
/// agree on every entry, <see cref="AuditCommands.ViolationsFound"/> with the differences listed otherwise.
/// </summary>
internal static class AuditCompareCommand
{
    private const int DifferencesListed = 20;

    public static Command Create(CliContext cli)
    {
        var source = new AuditChainSource();
        var command = new Command("compare",
            $"Check this node's chain read model against a replay of the chain up to the block it indexed. Exit 0: they agree; {AuditCommands.ViolationsFound}: they differ")
        {
            source.Rpc, source.Network,
        };
        command.SetAction(async (parse, ct) =>
        {
            var data = parse.GetRequiredValue(cli.Data);
            if (!File.Exists(Path.Combine(data, NodeOptions.FileName)))
                throw new CliException($"{Path.Combine(data, NodeOptions.FileName)} does not exist: --data takes a node's data directory.");
            var options = NodeOptions.Load(data);
            var database = options.Resolve(options.DatabaseFile);
            var indexed = Read(() => ReadModelComparison.IndexedBlock(database))
                ?? throw new CliException("the node's indexer has applied no block yet: run the node until it has synced, then compare.");

            using var progress = AuditProgressLine.ForTerminal(cli);
            var result = await source.ReplayAsync(cli, parse, progress, ct, toBlock: indexed);
            var comparison = Read(() => ReadModelComparison.Compare(database, result.ToReport()));

            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Compared the node's read model with a replay of blocks {result.Range.FromBlock} to {indexed}: {comparison.Compared} entr{(comparison.Compared == 1 ? "y" : "ies")} (AEO batches, changed credentials, origin batches, revoked or used certificates of origin); {(comparison.Agree ? "they agree on every one." : $"{comparison.Differences.Count} differ:")}"));
            foreach (var difference in comparison.Differences.Take(DifferencesListed))
                await cli.Out.WriteLineAsync($"  {difference.Entry}: read model says {difference.ReadModel}; the chain says {difference.Replay}");
            if (comparison.Differences.Count > DifferencesListed)
                await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  … and {comparison.Differences.Count - DifferencesListed} more"));
            return comparison.Agree ? 0 : AuditCommands.ViolationsFound;
        });
        return command;
    }

    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }
    }
}
