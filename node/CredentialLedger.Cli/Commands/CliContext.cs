using System.CommandLine;

namespace CredentialLedger.Cli.Commands;

/// <summary>Where a command writes (the console, or a test's writers) and the options every command shares.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>The data directory: --data, else CREDLEDGER_DATA, else ./.data/node.</summary>
    public Option<string> Data { get; } = new("--data")
    {
        Description = "The node's data directory (default: $CREDLEDGER_DATA or ./.data/node)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CREDLEDGER_DATA") is { Length: > 0 } d ? d : Path.Combine(".data", "node"),
        Recursive = true,
    };

    /// <summary>Overrides the node's gRPC endpoint from node.json.</summary>
    public Option<Uri?> NodeUrl { get; } = new("--node")
    {
        CustomParser = UriArgument.Parse,
        Description = "The node's gRPC endpoint (default: listenUrl in node.json)",
        Recursive = true,
    };
}
