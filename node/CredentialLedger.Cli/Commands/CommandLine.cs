using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Node.Keys;
using Grpc.Core;

namespace CredentialLedger.Cli.Commands;

/// <summary>The credledger command tree, and the one place that turns failures into one line and an exit code.</summary>
internal static class CommandLine
{
    /// <summary>Exit code for a failure.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for a usage error.</summary>
    public const int Usage = 2;

    /// <summary>
    /// Parses and runs <paramref name="args"/>. Output goes to <paramref name="output"/>; a failure is one line
    /// ("error: …") on <paramref name="error"/>. <paramref name="environment"/> replaces the process environment
    /// (tests); null reads the process's.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var cli = new CliContext(output, error, environment);
        var root = new RootCommand("credledger: a CredentialLedger member node and its AEO certificates") { cli.Data, cli.NodeUrl };
        root.Subcommands.Add(InitCommand.Create(cli));
        var node = NodeRunCommand.Create(cli);
        root.Subcommands.Add(node);
        foreach (var command in CertificateCommands.Create(cli))
            root.Subcommands.Add(command);
        root.Subcommands.Add(KeysCommand.Create(cli));
        root.Subcommands.Add(MraCommands.Create(cli));
        root.Subcommands.Add(VerifyCommand.Create(cli));
        root.Subcommands.Add(VerifyCommand.CreateBundle(cli));
        root.Subcommands.Add(ChamberCommands.Create(cli));
        root.Subcommands.Add(OriginCommands.Create(cli));
        root.Subcommands.Add(AuditCommands.Create(cli));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // "Unrecognized command or argument 'x'" says more than the "Required command was not provided" that comes with it.
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            var message = first.Message;
            if (parse.CommandResult.Command.Subcommands.Count > 0 && parse.CommandResult.Command.Action is null
                && message.StartsWith("Required command", StringComparison.Ordinal))
                message = $"a command is required: {string.Join(", ", parse.CommandResult.Command.Subcommands.Select(c => c.Name))}.";
            await error.WriteLineAsync($"error: {OneLine(message)} (see credledger {CommandPath(parse)}--help)");
            return Usage;
        }
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            // The node's host handles Ctrl+C and SIGTERM itself and stops cleanly however long that takes; other
            // commands get a cancelled token and two seconds to finish.
            ProcessTerminationTimeout = node.Subcommands.Any(c => c == parse.CommandResult.Command) ? null : TimeSpan.FromSeconds(2),
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e) when (Describe(e, parse, cli) is { } message)
        {
            await error.WriteLineAsync($"error: {OneLine(message)}");
            return Failure;
        }
    }

    /// <summary>Messages that span lines (System.CommandLine's "Must be one of:" list) become one line.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
            names.Insert(0, result.Command.Name);
        return names.Count == 0 ? "" : string.Join(' ', names) + " ";
    }

    private static string? Describe(Exception e, ParseResult parse, CliContext cli) => e switch
    {
        RpcException { StatusCode: StatusCode.Unavailable } =>
            $"the node at {Endpoint(parse, cli)} is not reachable: is 'credledger node run' running?",
        RpcException { StatusCode: StatusCode.DeadlineExceeded } => "the node did not answer in time.",
        RpcException { StatusCode: StatusCode.Unauthenticated } r =>
            $"{r.Status.Detail} (the node refused the operator token: is --data the node's own data directory?)",
        RpcException r when r.Status.Detail.Length > 0 => r.Status.Detail,
        RpcException r => $"the node answered {r.StatusCode}.",
        CliException or KeystoreException or AeoCertificateValidationException or ValidationException
            or Credentials.Origin.CertificateOfOriginValidationException or Credentials.Origin.ECooFormatException
            or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or FormatException
            or InvalidOperationException or UriFormatException or IOException or UnauthorizedAccessException => e.Message,
        Evm.Rpc.RpcTransportException => $"the chain is not reachable: {e.Message}",
        Evm.Rpc.JsonRpcException => $"the chain refused a request: {e.Message}",
        Evm.Abi.ContractRevertedException or Evm.Accounts.TransactionFailedException => $"a chain transaction failed: {e.Message}",
        HttpRequestException => $"the chain is not reachable: {e.Message}",
        OperationCanceledException => "cancelled.",
        _ => null,
    };

    private static string Endpoint(ParseResult parse, CliContext cli)
    {
        try
        {
            return (parse.GetValue(cli.NodeUrl) ?? Node.NodeOptions.Load(parse.GetValue(cli.Data) ?? Path.Combine(".data", "node")).ListenUrl)
                .ToString();
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return "(unknown)";
        }
    }
}
