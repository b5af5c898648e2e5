using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Cli;

/// <summary>The credledger commands against a node started in the test process on a free port, on a private anvil.</summary>
public sealed class CliEndToEndTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _directory = new("cli-e2e");

    private static IReadOnlyDictionary<string, string?> Env => Credledger.Environment(("CREDLEDGER_PASSPHRASE", NodeTestbed.Passphrase));

    private async Task<(string Data, InProcessNode Node)> StartNodeAsync(CancellationToken ct)
    {
        var data = _directory.File("node");
        var init = await Credledger.RunAsync(Env, ct,
            "init", "--dev", "--member", "KR", "--data", data, "--rpc", anvil.RpcUrl.ToString(), "--listen", $"http://127.0.0.1:{FreePort.Get()}");
        Assert.True(init.ExitCode == 0, init.ToString());
        var options = NodeOptions.Load(data);
        options.DurableCommits = false;
        options.Anchoring.MaxBatchDelay = TimeSpan.FromMilliseconds(50);
        options.Anchoring.ReceiptPollInterval = TimeSpan.FromMilliseconds(20);
        options.Indexer.PollInterval = TimeSpan.FromMilliseconds(100);
        options.Save();
        return (data, await InProcessNode.StartAsync(options, ct));
    }

    private static async Task<CliResult> Ok(Task<CliResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        return result;
    }

    [Fact]
    public async Task Issue_then_show_list_suspend_and_issue_from_a_file_through_a_running_node()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        var (data, node) = await StartNodeAsync(ct);
        await using var _ = node;

        var issued = await Ok(Credledger.RunAsync(Env, ct,
            "issue", "--data", data, "--aeo-number", "KR-AEO-000001", "--legal-name", "Hanbit Trading Co., Ltd.", "--tin", "1208147521",
            "--country", "KR", "--programme", "AEO-S", "--programme", "AEO-C", "--role", "importer", "--role", "exporter",
            "--valid-from", "2026-01-01", "--valid-until", "2029-01-01", "--re-evaluation-due", "2027-06-30", "--idempotency-key", "cli-1"));
        var id = Credledger.CertificateId(issued.Out);
        Assert.StartsWith($"Issued {id}", issued.Out, StringComparison.Ordinal);

        // The certificate as the node holds it: what the command line said, signed, then anchored.
        var stored = await node.WaitForAsync(id, c => c.AnchorState == V1.AnchorState.Anchored, ct);
        Assert.Equal("KR-AEO-000001", stored.AeoNumber);

        var shown = await Ok(Credledger.RunAsync(Env, ct, "show", id, "--data", data));
        Assert.Contains($"{id}  AEO KR-AEO-000001  active", shown.Out, StringComparison.Ordinal);
        Assert.Contains($"anchored: root {stored.Anchor.Root} index {stored.Anchor.Index}, block {stored.Anchor.BlockNumber}, tx {stored.Anchor.TransactionHash}",
            shown.Out, StringComparison.Ordinal);
        Assert.Contains($"signed by key {stored.KeyId}", shown.Out, StringComparison.Ordinal);

        var json = await Ok(Credledger.RunAsync(Env, ct, "show", id, "--json", "--data", data));
        var parsed = V1.Certificate.Parser.ParseJson(json.Out);
        Assert.Equal(stored.Jws, parsed.Jws);

        // Retrying with the same idempotency key returns the first certificate.
        var again = await Ok(Credledger.RunAsync(Env, ct,
            "issue", "--data", data, "--aeo-number", "KR-AEO-000001", "--legal-name", "Hanbit Trading Co., Ltd.", "--tin", "1208147521",
            "--country", "KR", "--programme", "AEO-S", "--programme", "AEO-C", "--role", "importer", "--role", "exporter",
            "--valid-from", "2026-01-01", "--valid-until", "2029-01-01", "--re-evaluation-due", "2027-06-30", "--idempotency-key", "cli-1"));
        Assert.Equal(id, Credledger.CertificateId(again.Out));

        var suspended = await Ok(Credledger.RunAsync(Env, ct, "suspend", id, "--reason", "3", "--data", data));
        Assert.StartsWith($"{id} is now suspended", suspended.Out, StringComparison.Ordinal);
        await node.WaitForAsync(id, c => c.PendingChanges == 0, ct);

        var listed = await Ok(Credledger.RunAsync(Env, ct, "list", "--status", "suspended", "--data", data));
        Assert.Contains(id, listed.Out, StringComparison.Ordinal);
        Assert.EndsWith("1 certificate(s)\n", listed.Out, StringComparison.Ordinal);

        var file = _directory.File("certificates.jsonl");
        File.WriteAllLines(file, Enumerable.Range(2, 3).Select(n =>
            $$"""{"aeoNumber":"KR-AEO-{{n:D6}}","legalName":"Trader {{n}}","tin":"{{100_000_000 + n}}","country":"KR","programmes":["AEO-S"],"roles":["exporter"],"validFrom":"2026-01-01","validUntil":"2029-01-01","reEvaluationDue":"2027-06-30"}"""));
        var many = await Ok(Credledger.RunAsync(Env, ct, "issue", "--file", file, "--data", data));
        Assert.Contains("Issued 3 certificate(s) from certificates.jsonl", many.Out, StringComparison.Ordinal);

        var all = await Ok(Credledger.RunAsync(Env, ct, "list", "--all", "--page-size", "2", "--data", data));
        Assert.EndsWith("4 certificate(s)\n", all.Out, StringComparison.Ordinal);
        foreach (var n in Enumerable.Range(1, 4))
            Assert.Contains($"KR-AEO-{n:D6}", all.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_of_the_node_are_its_message_on_one_line_with_exit_code_1()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        var (data, node) = await StartNodeAsync(ct);
        await using var _ = node;

        var unknown = await Credledger.RunAsync(Env, ct, "show", "urn:uuid:00000000-0000-0000-0000-000000000001", "--data", data);
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        var notFound = Assert.Single(unknown.ErrorLines);
        Assert.StartsWith("error: ", notFound, StringComparison.Ordinal);
        Assert.Contains("urn:uuid:00000000-0000-0000-0000-000000000001", notFound, StringComparison.Ordinal);

        var badDates = await Credledger.RunAsync(Env, ct,
            "issue", "--data", data, "--aeo-number", "KR-AEO-000009", "--legal-name", "Backwards Ltd.", "--tin", "1",
            "--country", "KR", "--programme", "AEO-S", "--role", "importer",
            "--valid-from", "2029-01-01", "--valid-until", "2026-01-01", "--re-evaluation-due", "2027-06-30");
        Assert.True(badDates.ExitCode == 1, badDates.ToString());
        Assert.StartsWith("error: ", Assert.Single(badDates.ErrorLines), StringComparison.Ordinal);

        // Another data directory's token, sent to this node: refused, and the token is not printed.
        var stranger = _directory.File("stranger");
        Directory.CreateDirectory(stranger);
        new NodeOptions { Member = "KR", RpcUrl = anvil.RpcUrl, DataDirectory = stranger, ListenUrl = node.Endpoint }.Save();
        File.WriteAllText(Path.Combine(stranger, "operator.token"), "someone-elses-token\n");
        var refused = await Credledger.RunAsync(Env, ct, "list", "--data", stranger);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        var line = Assert.Single(refused.ErrorLines);
        Assert.Contains("refused the operator token", line, StringComparison.Ordinal);
        Assert.DoesNotContain("someone-elses-token", line, StringComparison.Ordinal);
        Assert.DoesNotContain(node.Token, refused.Out + refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_rotate_registers_a_new_key_that_signs_the_next_certificate()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        var (data, node) = await StartNodeAsync(ct);
        await using var _ = node;

        var rotated = await Ok(Credledger.RunAsync(Env, ct, "keys", "rotate", "--data", data));
        var keyId = System.Text.RegularExpressions.Regex.Match(rotated.Out, "New signing key (0x[0-9a-f]{64})").Groups[1].Value;
        Assert.NotEqual("", keyId);

        var info = await Ok(Credledger.RunAsync(Env, ct, "node", "info", "--data", data));
        Assert.Contains($"signing key {keyId} (current)", info.Out, StringComparison.Ordinal);

        var issued = await Ok(Credledger.RunAsync(Env, ct,
            "issue", "--data", data, "--aeo-number", "KR-AEO-000010", "--legal-name", "Rotated Ltd.", "--tin", "10",
            "--country", "KR", "--programme", "AEO-C", "--role", "carrier",
            "--valid-from", "2026-01-01", "--valid-until", "2029-01-01", "--re-evaluation-due", "2027-06-30"));
        Assert.Contains($"signing key {keyId}", issued.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();
}
