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

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var cli = new CliContext(output, error);
        var root = new RootCommand("credledger: a CredentialLedger member node and its AEO certificates") { cli.Data, cli.NodeUrl };
        root.Subcommands.Add(InitCommand.Create(cli));
        root.Subcommands.Add(NodeRunCommand.Create(cli));
        foreach (var command in CertificateCommands.Create(cli))
            root.Subcommands.Add(command);
        root.Subcommands.Add(KeysCommand.Create(cli));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            await error.WriteLineAsync($"error: {parse.Errors[0].Message} (see credledger --help)");
            return Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception e) when (Describe(e, parse) is { } message)
        {
            await error.WriteLineAsync($"error: {message}");
            return Failure;
        }
    }

    private static string? Describe(Exception e, ParseResult parse) => e switch
    {
        RpcException { StatusCode: StatusCode.Unavailable } =>
            $"the node at {Endpoint(parse)} is not reachable: is 'credledger node run' running?",
        RpcException { StatusCode: StatusCode.DeadlineExceeded } => "the node did not answer in time.",
        RpcException r => r.Status.Detail,
        CliException or KeystoreException or AeoCertificateValidationException or ValidationException
            or FileNotFoundException or InvalidDataException or FormatException or InvalidOperationException
            or UriFormatException or IOException or UnauthorizedAccessException => e.Message,
        Evm.Rpc.RpcTransportException => $"the chain is not reachable: {e.Message}",
        OperationCanceledException => "cancelled.",
        _ => null,
    };

    private static string Endpoint(ParseResult parse)
    {
        try
        {
            return parse.GetValue<Uri?>("--node")?.ToString()
                ?? Node.NodeOptions.Load(parse.GetValue<string>("--data") ?? Path.Combine(".data", "node")).ListenUrl.ToString();
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return "(unknown)";
        }
    }
}
