using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Cli;

/// <summary>Client commands without a running node: they find the node from node.json and fail in one clear line.</summary>
public sealed class CliClientTests : IDisposable
{
    private const string Id = "urn:uuid:00000000-0000-0000-0000-000000000001";
    private readonly TempDirectory _directory = new("cli-client");
    private readonly Uri _endpoint = new($"http://127.0.0.1:{FreePort.Get()}");

    public CliClientTests()
    {
        new NodeOptions { Member = "KR", RpcUrl = new Uri("http://127.0.0.1:8545"), DataDirectory = _directory.Path, ListenUrl = _endpoint }.Save();
        File.WriteAllText(_directory.File("operator.token"), "not-a-real-token\n");
    }

    public static TheoryData<string[]> ClientCommands => new()
    {
        { new[] { "show", Id } },
        { new[] { "list" } },
        { new[] { "suspend", Id, "--reason", "1" } },
        { new[] { "reinstate", Id, "--reason", "2" } },
        { new[] { "revoke", Id, "--reason", "3", "--effective-at", "2026-05-01T09:00:00+09:00" } },
        { new[] { "renew", Id, "--valid-from", "2029-01-01", "--valid-until", "2032-01-01", "--re-evaluation-due", "2030-06-30" } },
        { new[] { "keys", "rotate" } },
        { new[] { "node", "info" } },
        { new[] { "mra", "list" } },
        { new[] { "mra", "show", "1" } },
        { new[] { "mra", "accept", "1", "--version", "1" } },
        { new[] { "mra", "terminate", "1", "--reason", "11" } },
        { new[] { "mra", "recognition", "UZ" } },
        { new[] { "verify", "--aeo-number", "KR-AEO-000001" } },
        { new[] { "verify", "--aeo-number", "KR-AEO-000001", "--verifier", "UZ", "--at", "2027-01-01" } },
        { new[] { "bundle", "export", "--id", Id, "--out", "bundle.json" } },
        { new[] { "mra", "propose", "--party", "KR", "--party", "UZ", "--scope", "AEO-S", "--valid-from", "2026-01-01" } },
        {
            new[]
            {
                "issue", "--aeo-number", "KR-AEO-000001", "--legal-name", "Hanbit Trading", "--tin", "1208147521", "--country", "KR",
                "--programme", "AEO-S", "--role", "importer", "--valid-from", "2026-01-01", "--valid-until", "2029-01-01",
                "--re-evaluation-due", "2027-06-30",
            }
        },
    };

    [Theory]
    [MemberData(nameof(ClientCommands))]
    public async Task A_client_command_against_a_node_that_is_not_running_says_so_in_one_line_with_exit_code_1(string[] args)
    {
        var result = await Credledger.RunAsync(Credledger.Environment(), CancellationToken.None, [.. args, "--data", _directory.Path]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"error: the node at {_endpoint} is not reachable: is 'credledger node run' running?\n", result.Error);
    }

    [Fact]
    public async Task The_data_directory_comes_from_CREDLEDGER_DATA_when_data_is_not_given()
    {
        var result = await Credledger.RunAsync(Credledger.Environment(("CREDLEDGER_DATA", _directory.Path)), CancellationToken.None, "show", Id);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"error: the node at {_endpoint} is not reachable: is 'credledger node run' running?\n", result.Error);
    }

    [Fact]
    public async Task Node_overrides_the_endpoint_of_node_json_and_the_error_names_it()
    {
        var other = new Uri($"http://127.0.0.1:{FreePort.Get()}");

        var result = await Credledger.RunAsync(Credledger.Environment(), CancellationToken.None, "show", Id, "--data", _directory.Path, "--node", other.ToString());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"error: the node at {other} is not reachable: is 'credledger node run' running?\n", result.Error);
    }

    [Fact]
    public async Task A_data_directory_without_node_json_is_one_line_telling_to_run_init()
    {
        var missing = _directory.File("nothing-here");

        var result = await Credledger.RunAsync(Credledger.Environment(), CancellationToken.None, "list", "--data", missing);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal($"error: {Path.Combine(missing, "node.json")} does not exist: run 'credledger init' first, or pass --data.", line);
    }

    [Fact]
    public async Task A_missing_operator_token_is_one_line_naming_the_file()
    {
        File.Delete(_directory.File("operator.token"));

        var result = await Credledger.RunAsync(Credledger.Environment(), CancellationToken.None, "list", "--data", _directory.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(_directory.File("operator.token"), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_line_in_an_issue_file_is_reported_with_its_number_before_anything_is_sent()
    {
        var file = _directory.File("certificates.jsonl");
        File.WriteAllLines(file,
        [
            """{"aeoNumber":"KR-AEO-000001","legalName":"A","tin":"1","country":"KR","programmes":["AEO-S"],"roles":["importer"],"validFrom":"2026-01-01","validUntil":"2029-01-01","reEvaluationDue":"2027-06-30"}""",
            "",
            """{"aeoNumber":"KR-AEO-000002","legalName":"B","tin":"2","country":"KR","programmes":["AEO-S"],"roles":["pilot"],"validFrom":"2026-01-01","validUntil":"2029-01-01","reEvaluationDue":"2027-06-30"}""",
        ]);

        // The node is not running: had anything been sent, the error would say so instead.
        var result = await Credledger.RunAsync(Credledger.Environment(), CancellationToken.None, "issue", "--file", file, "--data", _directory.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: line 3: unknown role 'pilot'", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "line 1: not JSON")]
    [InlineData("""{"aeoNumber":"KR-AEO-000001"}""", "line 1: 'legalName' is missing or not a string.")]
    [InlineData("""{"aeoNumber":"KR-AEO-000001","legalName":"A","tin":"1","country":"KR","programmes":["AEO-S"],"roles":["importer"],"validFrom":"soon","validUntil":"2029-01-01","reEvaluationDue":"2027-06-30"}""", "line 1: validFrom: 'soon' is not a date")]
    [InlineData("[]", "line 1: not a JSON object.")]
    public async Task A_malformed_issue_file_is_one_line(string content, string expected)
    {
        var file = _directory.File("certificates.jsonl");
        File.WriteAllText(file, content + "\n");

        var result = await Credledger.RunAsync(Credledger.Environment(), CancellationToken.None, "issue", "--file", file, "--data", _directory.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: " + expected, line, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
