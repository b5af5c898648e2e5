using System.Text.RegularExpressions;
using CliCommandLine = CredentialLedger.Cli.Commands.CommandLine;

namespace CredentialLedger.Node.Tests.Cli;

/// <summary>What one <c>credledger</c> invocation printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>stderr's lines (without the trailing empty one).</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// Runs the <c>credledger</c> root command in the test process, with StringWriters for stdout and stderr and an
/// environment of the test's own (the process environment is never read or changed, so tests run in parallel).
/// </summary>
internal static partial class Credledger
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, CancellationToken ct, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliCommandLine.RunAsync(args, output, error, environment, ct);
        return new CliResult(code, output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    /// <summary>An environment with only the given variables.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(params (string Name, string? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    /// <summary>The first certificate id (urn:uuid:…) in <paramref name="text"/>.</summary>
    public static string CertificateId(string text) =>
        CertificateIdPattern().Match(text) is { Success: true } m ? m.Value : throw new Xunit.Sdk.XunitException($"no certificate id in:\n{text}");

    [GeneratedRegex("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex CertificateIdPattern();
}
