using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Cli;

/// <summary>Command-line mistakes: one line on stderr, exit code 2, nothing read or written.</summary>
public sealed class CliUsageTests : IDisposable
{
    private readonly TempDirectory _directory = new("cli-usage");

    // A data directory that does not exist: a usage error must be found before anything looks at it.
    private IReadOnlyDictionary<string, string?> Env => Credledger.Environment(("CREDLEDGER_DATA", _directory.File("absent")));

    public static TheoryData<string[], string> Mistakes => new()
    {
        { [], "a command is required: init, node, issue, suspend, reinstate, revoke, renew, show, list, keys, mra, verify, bundle, chamber, coo, audit." },
        { ["frob"], "Unrecognized command or argument 'frob'" },
        { ["node"], "a command is required: run, info." },
        { ["keys"], "a command is required: rotate." },
        { ["init", "--dev"], "Option '--member' is required." },
        { ["init", "--member", "KR"], "give exactly one of --dev (a dev chain) or --network <network.json>" },
        { ["init", "--member", "KR", "--dev", "--network", "network.json"], "give exactly one of --dev" },
        { ["init", "--member", "Korea", "--dev"], "--member must be a two-letter ISO 3166-1 alpha-2 code" },
        { ["init", "--member", "KR", "--dev", "--rpc", "localhost:8545"], "'localhost:8545' is not an http(s) URL" },
        { ["init", "--member", "KR", "--dev", "--listen", "ftp://127.0.0.1:5080"], "'ftp://127.0.0.1:5080' is not an http(s) URL" },
        { ["suspend", "urn:uuid:00000000-0000-0000-0000-000000000001"], "Option '--reason' is required." },
        { ["reinstate", "--reason", "1"], "Required argument missing for command: 'reinstate'." },
        { ["revoke", "urn:uuid:00000000-0000-0000-0000-000000000001", "--reason", "256"], "--reason must be a code from 0 to 255." },
        { ["revoke", "urn:uuid:00000000-0000-0000-0000-000000000001", "--reason", "lots"], "Cannot parse argument 'lots' for option '--reason'" },
        { ["suspend", "urn:uuid:00000000-0000-0000-0000-000000000001", "--reason", "1", "--effective-at", "yesterday"], "'yesterday' is not a date" },
        { ["issue", "--aeo-number", "KR-AEO-000001"], "missing --legal-name, --tin, --country, --programme, --role, --valid-from, --valid-until, --re-evaluation-due (or give --file)." },
        { ["issue", "--file", "certificates.jsonl", "--tin", "1208147521"], "--tin and --file exclude each other" },
        { Issue("--programme", "AEO-X"), "unknown programme type 'AEO-X' (AEO-S, AEO-C)." },
        { Issue("--role", "pilot"), "unknown role 'pilot'" },
        { Issue("--valid-until", "2029-13-01"), "'2029-13-01' is not a date" },
        { ["renew", "urn:uuid:00000000-0000-0000-0000-000000000001", "--valid-from", "2026-01-01"], "Option '--valid-until' is required." },
        { ["list", "--status", "pending"], "Argument 'pending' not recognized. Must be one of: 'active' 'suspended' 'revoked' 'superseded'" },
        { ["list", "--page-size", "0"], "--page-size must be between 1 and 1000." },
        { ["show", "urn:uuid:00000000-0000-0000-0000-000000000001", "--node", "127.0.0.1:5080"], "'127.0.0.1:5080' is not an http(s) URL" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_usage_mistake_is_one_line_on_stderr_and_exit_code_2(string[] args, string expected)
    {
        var result = await Credledger.RunAsync(Env, CancellationToken.None, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.EndsWith("--help)", line, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
        Assert.False(Directory.Exists(_directory.File("absent")));
    }

    [Fact]
    public async Task Help_lists_the_commands_on_stdout_and_exits_0()
    {
        var result = await Credledger.RunAsync(Env, CancellationToken.None, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        foreach (var command in new[] { "init", "node", "issue", "suspend", "reinstate", "revoke", "renew", "show", "list", "keys", "mra" })
            Assert.Contains(command, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_of_issue_names_every_field()
    {
        var result = await Credledger.RunAsync(Env, CancellationToken.None, "issue", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var option in new[] { "--aeo-number", "--legal-name", "--tin", "--country", "--programme", "--role", "--valid-from", "--valid-until", "--re-evaluation-due", "--idempotency-key", "--file", "--data", "--node" })
            Assert.Contains(option, result.Out, StringComparison.Ordinal);
    }

    private static string[] Issue(string option, string value)
    {
        var args = new List<string>
        {
            "issue", "--aeo-number", "KR-AEO-000001", "--legal-name", "Hanbit Trading", "--tin", "1208147521", "--country", "KR",
            "--programme", "AEO-S", "--role", "importer", "--valid-from", "2026-01-01", "--valid-until", "2029-01-01",
            "--re-evaluation-due", "2027-06-30",
        };
        var at = args.IndexOf(option);
        args[at + 1] = value;
        return [.. args];
    }

    public void Dispose() => _directory.Dispose();
}
