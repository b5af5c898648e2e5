using System.CommandLine;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node;
using CredentialLedger.Node.Setup;
using Spectre.Console;

namespace CredentialLedger.Cli.Commands;

/// <summary><c>credledger init</c>: keystore, operator token, node.json; on a dev chain also the registries and the key.</summary>
internal static class InitCommand
{
    public static Command Create(CliContext cli)
    {
        var member = new Option<string>("--member") { Description = "This node's member: ISO 3166-1 alpha-2 code, e.g. KR", Required = true };
        member.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not { Length: 2 } code || !code.All(char.IsAsciiLetter))
                result.AddError("--member must be a two-letter ISO 3166-1 alpha-2 code, e.g. KR.");
        });
        var rpc = new Option<Uri>("--rpc") { CustomParser = UriArgument.Parse, Description = "The chain's JSON-RPC endpoint", DefaultValueFactory = _ => new Uri("http://127.0.0.1:8545") };
        var listen = new Option<Uri>("--listen") { CustomParser = UriArgument.Parse, Description = "Where the node's gRPC API will listen", DefaultValueFactory = _ => new Uri("http://127.0.0.1:5080") };
        var dev = new Option<bool>("--dev") { Description = "Dev chain (anvil): fund the operator, deploy the registries with this member as founder, register the signing key" };
        var network = new Option<FileInfo?>("--network") { Description = "Join an existing network: its network.json (registries, chain id)" };
        var command = new Command("init", "Create a node: keystore (passphrase from CREDLEDGER_PASSPHRASE), operator token, node.json")
        {
            member, rpc, listen, dev, network,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(dev) == (result.GetValue(network) is not null))
                result.AddError("give exactly one of --dev (a dev chain) or --network <network.json> (join a network).");
        });
        command.SetAction(async (parse, ct) =>
        {
            var init = new NodeInitialization
            {
                Member = parse.GetRequiredValue(member).ToUpperInvariant(),
                DataDirectory = parse.GetRequiredValue(cli.Data),
                RpcUrl = parse.GetRequiredValue(rpc),
                ListenUrl = parse.GetRequiredValue(listen),
                Passphrase = cli.Passphrase(),
            };
            if (parse.GetValue(network) is { } file)
            {
                if (!file.Exists)
                    throw new CliException($"{file.FullName} does not exist (--network names the network.json of the network to join).");
                var joined = WithCleanup(init.DataDirectory, () => NodeInitializer.InitializeJoining(init, file.FullName));
                await cli.Out.WriteLineAsync($"Node {init.Member} created in {joined.Options.DataDirectory} (nothing registered on chain).");
                await cli.Out.WriteLineAsync($"Ask the members to admit {init.Member} with operator account {joined.OperatorAccount}, and fund it;");
                await cli.Out.WriteLineAsync($"once admitted, 'credledger node run' registers the signing key {joined.SigningKeyId} itself (public key {joined.SigningPublicKey}).");
                return 0;
            }

            // Fail before writing anything when the chain is not there, so a retry is not refused as "already a node".
            await EnsureChainAnswersAsync(init.RpcUrl, ct);
            var options = await WithCleanup(init.DataDirectory, () => cli.Console().Status()
                .StartAsync("Initializing", async status =>
                    await NodeInitializer.InitializeDevAsync(init, new Progress<string>(step => status.Status(step)), ct)));
            await cli.Out.WriteLineAsync($"Node {options.Member} created in {options.DataDirectory}: registries deployed with {options.Member} as founding member, signing key registered.");
            await cli.Out.WriteLineAsync($"Start it with: credledger node run --data {options.DataDirectory}");
            return 0;
        });
        return command;
    }

    private static async Task EnsureChainAnswersAsync(Uri rpcUrl, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = rpcUrl, Timeout = Timeout.InfiniteTimeSpan };
        var client = new EthClient(new JsonRpcClient(http, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromSeconds(5), MaxRetries = 0 }));
        try
        {
            await client.ChainIdAsync(ct);
        }
        catch (Exception e) when (e is RpcTransportException or HttpRequestException)
        {
            throw new CliException($"the chain at {rpcUrl} is not reachable ({e.Message}); start it (./network/dev/anvil.sh) or pass --rpc.");
        }
    }

    private static T WithCleanup<T>(string dataDirectory, Func<T> initialize)
    {
        var created = Created.Before(dataDirectory);
        try
        {
            return initialize();
        }
        catch
        {
            created.Undo();
            throw;
        }
    }

    private static async Task<T> WithCleanup<T>(string dataDirectory, Func<Task<T>> initialize)
    {
        var created = Created.Before(dataDirectory);
        try
        {
            return await initialize();
        }
        catch
        {
            created.Undo();
            throw;
        }
    }

    /// <summary>
    /// What init may create, and what existed before: a failed init (chain step refused, Ctrl+C) removes only what it
    /// created, so the next attempt is not refused as "already holds a node".
    /// </summary>
    private sealed class Created
    {
        private readonly string _directory;
        private readonly bool _directoryExisted;
        private readonly string[] _newFiles;

        private Created(string directory)
        {
            _directory = Path.GetFullPath(directory);
            _directoryExisted = Directory.Exists(_directory);
            var defaults = new NodeOptions { DataDirectory = _directory };
            _newFiles = [.. new[] { NodeOptions.FileName, defaults.KeystoreFile, defaults.OperatorTokenFile, defaults.NetworkFile }
                .Select(defaults.Resolve)
                .Where(path => !File.Exists(path))];
        }

        public static Created Before(string directory) => new(directory);

        public void Undo()
        {
            try
            {
                foreach (var path in _newFiles)
                    File.Delete(path);
                if (!_directoryExisted && Directory.Exists(_directory) && !Directory.EnumerateFileSystemEntries(_directory).Any())
                    Directory.Delete(_directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the original failure is what the user needs to see.
            }
        }
    }
}
