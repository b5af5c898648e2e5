using System.CommandLine;
using CredentialLedger.Node.Keys;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// Where a command writes (the console, or a test's writers), the environment it reads (the process's, or a test's),
/// and the options every command shares.
/// </summary>
internal sealed class CliContext
{
    /// <summary>The variable naming the default data directory.</summary>
    public const string DataVariable = "CREDLEDGER_DATA";

    private readonly IReadOnlyDictionary<string, string?>? _environment;

    public CliContext(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? environment = null)
    {
        Out = output;
        Error = error;
        _environment = environment;
        Data = new("--data")
        {
            Description = $"The node's data directory (default: ${DataVariable} or ./.data/node)",
            DefaultValueFactory = _ => Variable(DataVariable) is { Length: > 0 } d ? d : Path.Combine(".data", "node"),
            Recursive = true,
        };
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>The data directory: --data, else CREDLEDGER_DATA, else ./.data/node.</summary>
    public Option<string> Data { get; }

    /// <summary>Overrides the node's gRPC endpoint from node.json.</summary>
    public Option<Uri?> NodeUrl { get; } = new("--node")
    {
        CustomParser = UriArgument.Parse,
        Description = "The node's gRPC endpoint (default: listenUrl in node.json)",
        Recursive = true,
    };

    /// <summary>An environment variable (of the process, or of the test that built this context).</summary>
    public string? Variable(string name) =>
        _environment is null ? Environment.GetEnvironmentVariable(name) : _environment.GetValueOrDefault(name);

    /// <summary>The keystore passphrase (CREDLEDGER_PASSPHRASE or CREDLEDGER_PASSPHRASE_FILE).</summary>
    /// <exception cref="KeystoreException">Neither is set, or the file is unusable.</exception>
    public string Passphrase() => PassphraseSource.Read(_environment);

    /// <summary>A Spectre console on <see cref="Out"/> (animated only when that is a terminal).</summary>
    public Spectre.Console.IAnsiConsole Console() =>
        Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(Out) });
}
