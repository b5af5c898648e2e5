using System.CommandLine;
using CredentialLedger.Node;
using Microsoft.Extensions.Hosting;

namespace CredentialLedger.Cli.Commands;

/// <summary><c>credledger node run</c>: runs the member node until Ctrl+C or SIGTERM.</summary>
internal static class NodeRunCommand
{
    public static Command Create(CliContext cli)
    {
        var run = new Command("run", "Run the node: gRPC API, anchoring, chain indexer (passphrase from CREDLEDGER_PASSPHRASE)");
        run.SetAction(async (parse, ct) =>
        {
            var options = NodeOptions.Load(parse.GetRequiredValue(cli.Data));
            var app = await NodeApplication.CreateAsync(options, cli.Passphrase(), ct);
            await using (app)
            {
                await app.StartAsync(ct);
                await cli.Out.WriteLineAsync($"Node {options.Member} listening on {app.ListeningUrl()} (gRPC, HTTP/2)");
                await cli.Out.WriteLineAsync($"Operator token: {options.Resolve(options.OperatorTokenFile)}   Stop with Ctrl+C.");
                try
                {
                    await app.WaitForShutdownAsync(ct);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: fall through to a clean stop.
                }
                await app.StopAsync(CancellationToken.None);
            }
            return 0;
        });
        var node = new Command("node", "Run the node or ask it about itself") { run };
        var info = new Command("info", "The running node's member, chain, registries, keys and progress");
        info.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var i = await connection.Client.GetNodeInfoAsync(new(), connection.Auth, cancellationToken: ct);
            await cli.Out.WriteLineAsync($"member {i.Member}, chain {i.ChainId}, operator {i.OperatorAccount}");
            await cli.Out.WriteLineAsync($"registries: members {i.MemberRegistry}, credentials {i.CredentialRegistry}, MRAs {i.MraRegistry}, origins {i.OriginRegistry}");
            await cli.Out.WriteLineAsync($"indexed block {i.IndexedBlock}, outbox pending {i.OutboxPending}, certificate-of-origin outbox pending {i.OriginOutboxPending}");
            foreach (var key in i.SigningKeys)
                await cli.Out.WriteLineAsync($"signing key {key.KeyId}{(key.Current ? " (current)" : "")}");
            return 0;
        });
        node.Subcommands.Add(info);
        return node;
    }
}
