using System.CommandLine;
using CredentialLedger.Node.Keys;
using CredentialLedger.Node.Setup;
using Spectre.Console;

namespace CredentialLedger.Cli.Commands;

/// <summary><c>credledger init</c>: keystore, operator token, node.json; on a dev chain also the registries and the key.</summary>
internal static class InitCommand
{
    public static Command Create(CliContext cli)
    {
        var member = new Option<string>("--member") { Description = "This node's member: ISO 3166-1 alpha-2 code, e.g. KR", Required = true };
        var rpc = new Option<Uri>("--rpc") { CustomParser = UriArgument.Parse, Description = "The chain's JSON-RPC endpoint", DefaultValueFactory = _ => new Uri("http://127.0.0.1:8545") };
        var listen = new Option<Uri>("--listen") { CustomParser = UriArgument.Parse, Description = "Where the node's gRPC API will listen", DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080") };
        var dev = new Option<bool>("--dev") { Description = "Dev chain (anvil): fund the operator, deploy the registries with this member as founder, register the signing key" };
        var network = new Option<FileInfo?>("--network") { Description = "Join an existing network: its network.json (registries, chain id)" };
        var command = new Command("init", "Create a node: keystore (passphrase from CREDLEDGER_PASSPHRASE), operator token, node.json")
        {
            member, rpc, listen, dev, network,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(dev) == (parse.GetValue(network) is not null))
                throw new CliException("give exactly one of --dev (a dev chain) or --network <network.json> (join a network).");
            var init = new NodeInitialization
            {
                Member = parse.GetRequiredValue(member).ToUpperInvariant(),
                DataDirectory = parse.GetRequiredValue(cli.Data),
                RpcUrl = parse.GetRequiredValue(rpc),
                ListenUrl = parse.GetRequiredValue(listen),
                Passphrase = PassphraseSource.Read(),
            };
            if (parse.GetValue(network) is { } file)
            {
                var joined = NodeInitializer.InitializeJoining(init, file.FullName);
                await cli.Out.WriteLineAsync($"Node created in {joined.Options.DataDirectory}.");
                await cli.Out.WriteLineAsync($"Ask the members to admit {init.Member} with operator account {joined.OperatorAccount},");
                await cli.Out.WriteLineAsync($"then register the signing key {joined.SigningKeyId} (public key {joined.SigningPublicKey}).");
                return 0;
            }
            var options = await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(cli.Out) }).Status()
                .StartAsync("Initializing", async status =>
                    await NodeInitializer.InitializeDevAsync(init, new Progress<string>(step => status.Status(step)), ct));
            await cli.Out.WriteLineAsync($"Node {options.Member} created in {options.DataDirectory}: registries deployed, signing key registered.");
            await cli.Out.WriteLineAsync($"Start it with: credledger node run --data {options.DataDirectory}");
            return 0;
        });
        return command;
    }
}
