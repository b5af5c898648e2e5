using System.Text.Json;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Cli;

/// <summary>
/// <c>credledger audit</c> against a node that issued, suspended and revoked certificates on a private anvil (one
/// history for the class: <see cref="AuditedNode"/>).
/// </summary>
public sealed class CliAuditTests(CliAuditTests.AuditedNode history) : IClassFixture<CliAuditTests.AuditedNode>, IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _directory = new("cli-audit");

    private static IReadOnlyDictionary<string, string?> Env => Credledger.Environment();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Replay_of_the_node_s_history_exits_0_writes_every_report_and_the_json_is_the_engine_s()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var json = _directory.File("report.json");
        var csv = _directory.File("csv");
        var html = _directory.File("report.html");

        var result = await Credledger.RunAsync(Env, cts.Token, "audit", "replay", "--data", history.Data, "--json", json, "--csv", csv, "--html", html);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Error);
        Assert.Contains("no rule broken.", result.Out, StringComparison.Ordinal);
        Assert.Contains("3 of which changed status (2 suspension(s), 1 reinstatement(s), 1 revocation(s), 0 renewal(s))", result.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(html));
        Assert.Equal(5, Directory.GetFiles(csv, "*.csv").Length);
        var written = await File.ReadAllBytesAsync(json, cts.Token);
        var toBlock = JsonDocument.Parse(written).RootElement.GetProperty("range").GetProperty("toBlock").GetUInt64();
        var engine = await history.ReplayAsync(toBlock, cts.Token);
        Assert.Equal(AuditJsonWriter.ToBytes(engine.ToReport()), written);
        var page = await File.ReadAllTextAsync(html, cts.Token);
        Assert.Contains("Credential timelines", page, StringComparison.Ordinal);
        Assert.Contains(AuditJsonWriter.FormatTime(engine.Range.ToBlockTime), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_is_suspended_at_the_second_of_the_suspension_s_block_and_active_the_second_before_it_took_effect()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var engine = await history.ReplayAsync(null, cts.Token);
        var suspension = engine.State.TimelineOf(history.Suspended)[0];
        Assert.True(suspension.EffectiveAt <= suspension.Recorded.Time);
        var credential = $"{history.Suspended.Root}#{history.Suspended.Index}";

        var at = await Credledger.RunAsync(Env, cts.Token, "audit", "status", "--data", history.Data, "--credential", credential,
            "--at", Utc(suspension.Recorded.Time), "--json");
        var before = await Credledger.RunAsync(Env, cts.Token, "audit", "status", "--data", history.Data, "--credential", credential,
            "--at", Utc(suspension.EffectiveAt - 1));

        Assert.True(at.ExitCode == 0, at.ToString());
        var answer = JsonDocument.Parse(at.Out).RootElement;
        Assert.Equal("Suspended", answer.GetProperty("status").GetString());
        Assert.Equal(suspension.Recorded.Block, answer.GetProperty("change").GetProperty("recorded").GetProperty("block").GetUInt64());
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains(": ACTIVE since its anchoring in block", before.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_lists_the_member_s_changes_of_a_period_in_chain_order()
    {
        using var cts = new CancellationTokenSource(TestTimeout);

        var result = await Credledger.RunAsync(Env, cts.Token, "audit", "changes", "--data", history.Data, "--member", "KR", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var kinds = JsonDocument.Parse(result.Out).RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["suspended", "reinstated", "suspended", "revoked"], kinds);
        var none = await Credledger.RunAsync(Env, cts.Token, "audit", "changes", "--data", history.Data, "--member", "UZ");
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.StartsWith("0 change(s) to UZ's credentials", none.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recognized_by_the_issuer_itself_with_its_document_exits_0_and_by_a_non_member_exits_3()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var documents = _directory.File("documents.jsonl");
        var export = await Credledger.RunAsync(Env, cts.Token, "audit", "export-documents", "--data", history.Data, "--out", documents);
        Assert.True(export.ExitCode == 0, export.ToString());
        var credential = $"{history.Active.Root}#{history.Active.Index}";

        var own = await Credledger.RunAsync(Env, cts.Token, "audit", "recognized", "--data", history.Data, "--credential", credential, "--verifier", "KR",
            "--document", documents);
        var stranger = await Credledger.RunAsync(Env, cts.Token, "audit", "recognized", "--data", history.Data, "--credential", credential, "--verifier", "UZ",
            "--json");

        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.StartsWith("RECOGNIZED: ", own.Out, StringComparison.Ordinal);
        Assert.Contains("programmes certified: AEO-S", own.Out, StringComparison.Ordinal);
        Assert.True(stranger.ExitCode == 3, stranger.ToString());
        Assert.False(JsonDocument.Parse(stranger.Out).RootElement.GetProperty("recognized").GetBoolean());
    }

    [Fact]
    public async Task Export_documents_writes_every_anchored_certificate_and_a_replay_with_them_finds_all_matching()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var documents = _directory.File("documents.jsonl");

        var export = await Credledger.RunAsync(Env, cts.Token, "audit", "export-documents", "--data", history.Data, "--out", documents);
        var replay = await Credledger.RunAsync(Env, cts.Token, "audit", "replay", "--data", history.Data, "--documents", documents);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.StartsWith($"Wrote 4 document(s) to {documents}: 4 AEO certificate(s) of this node, 0 of partners, 0 certificate(s) of origin; 0 of this node's",
            export.Out, StringComparison.Ordinal);
        var exported = AuditDocumentJsonLines.ReadFile(documents);
        Assert.Equal(history.Ids.Order(StringComparer.Ordinal), exported.Select(d => d.DocumentId).Order(StringComparer.Ordinal));
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("4 off-chain document(s) checked, 0 not matching; no rule broken.", replay.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_export_is_reported_as_a_violation_at_its_anchoring_transaction_and_the_replay_exits_3()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var documents = _directory.File("documents.jsonl");
        var export = await Credledger.RunAsync(Env, cts.Token, "audit", "export-documents", "--data", history.Data, "--out", documents);
        Assert.True(export.ExitCode == 0, export.ToString());
        var lines = await File.ReadAllLinesAsync(documents, cts.Token);
        var victim = AuditDocumentJsonLines.Read(new StringReader(lines[1]))[0];
        // One character of the signed payload changed: the document no longer hashes to its leaf.
        var jws = victim.ContentText;
        var dot = jws.IndexOf('.', StringComparison.Ordinal) + 5;
        var tampered = jws[..dot] + (jws[dot] == 'A' ? 'B' : 'A') + jws[(dot + 1)..];
        lines[1] = lines[1].Replace(jws, tampered, StringComparison.Ordinal);
        await File.WriteAllLinesAsync(documents, lines, cts.Token);
        var json = _directory.File("report.json");

        var replay = await Credledger.RunAsync(Env, cts.Token, "audit", "replay", "--data", history.Data, "--documents", documents, "--json", json);

        Assert.True(replay.ExitCode == CredentialLedger.Cli.Commands.AuditCommands.ViolationsFound, replay.ToString());
        Assert.Contains("1 not matching; 1 VIOLATION(S).", replay.Out, StringComparison.Ordinal);
        var violation = Assert.Single(JsonDocument.Parse(await File.ReadAllBytesAsync(json, cts.Token)).RootElement.GetProperty("violations").EnumerateArray());
        Assert.Equal(AuditRules.DocumentProof, violation.GetProperty("rule").GetString());
        var anchor = history.Anchors[victim.DocumentId];
        Assert.Equal(anchor.BlockNumber, violation.GetProperty("block").GetUInt64());
        Assert.Equal(anchor.TransactionHash, violation.GetProperty("transaction").GetString());
    }

    [Fact]
    public async Task A_cache_written_by_a_replay_answers_offline_as_the_chain_does()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var cache = _directory.File("events.cache");
        var credential = $"{history.Revoked.Root}#{history.Revoked.Index}";

        var online = await Credledger.RunAsync(Env, cts.Token, "audit", "status", "--data", history.Data, "--cache", cache, "--credential", credential, "--json");
        var offline = await Credledger.RunAsync(Env, cts.Token, "audit", "status", "--offline", "--cache", cache, "--credential", credential, "--json",
            "--network", history.NetworkFile);

        Assert.True(online.ExitCode == 0, online.ToString());
        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.Equal(online.Out, offline.Out);
        Assert.Equal("Revoked", JsonDocument.Parse(offline.Out).RootElement.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(new[] { "audit", "status" }, "--credential")]
    [InlineData(new[] { "audit", "status", "--credential", "0x12#3" }, "is not ROOT#INDEX")]
    [InlineData(new[] { "audit", "recognized", "--credential", "0x0000000000000000000000000000000000000000000000000000000000000001#0", "--verifier", "Uzbekistan" }, "is not a member code")]
    [InlineData(new[] { "audit", "replay", "--offline" }, "--offline replays a cache")]
    [InlineData(new[] { "audit", "changes", "--member", "KR", "--by", "sometimes" }, "sometimes")]
    [InlineData(new[] { "audit", "replay", "--from-block", "minus one" }, "minus one")]
    public async Task Usage_errors_are_one_line_with_exit_code_2(string[] args, string expected)
    {
        var result = await Credledger.RunAsync(Env, CancellationToken.None, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_chain_or_a_node_the_replay_says_what_to_pass_with_exit_code_1()
    {
        var result = await Credledger.RunAsync(Env, CancellationToken.None, "audit", "replay", "--data", _directory.File("nothing"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error: no chain to replay: pass --rpc URL and --network FILE, or --data", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_beyond_the_head_and_a_damaged_export_are_one_line_errors_with_exit_code_1()
    {
        var documents = _directory.File("bad.jsonl");
        await File.WriteAllTextAsync(documents, "{\"kind\":\"aeo\"}\n");

        var beyond = await Credledger.RunAsync(Env, CancellationToken.None, "audit", "replay", "--rpc", history.RpcUrl, "--network", history.NetworkFile,
            "--to-block", "99999999");
        var damaged = await Credledger.RunAsync(Env, CancellationToken.None, "audit", "replay", "--data", history.Data, "--documents", documents);

        Assert.True(beyond.ExitCode == 1, beyond.ToString());
        Assert.Contains("--to-block 99999999 is beyond the chain's head", Assert.Single(beyond.ErrorLines), StringComparison.Ordinal);
        Assert.True(damaged.ExitCode == 1, damaged.ToString());
        Assert.StartsWith($"error: {documents} line 1:", Assert.Single(damaged.ErrorLines), StringComparison.Ordinal);
    }

    private static string Utc(ulong unixSeconds) => AuditJsonWriter.FormatTime(unixSeconds);

    /// <summary>
    /// A KR node on its own anvil that issued four certificates (AEO-S) and then: certificate 1 suspended and reinstated,
    /// certificate 2 suspended (and left so), certificate 3 revoked, certificate 4 untouched.
    /// </summary>
    public sealed class AuditedNode : IAsyncLifetime
    {
        private readonly TempDirectory _directory = new("cli-audit-node");
        private AnvilFixture? _anvil;

        public string Data => _directory.File("node");

        public string RpcUrl => _anvil!.RpcUrl.ToString();

        public string NetworkFile { get; private set; } = "";

        public List<string> Ids { get; } = [];

        public Dictionary<string, V1.Anchor> Anchors { get; } = [];

        public CredentialRef Suspended { get; private set; }

        public CredentialRef Revoked { get; private set; }

        public CredentialRef Active { get; private set; }

        public async Task InitializeAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var ct = cts.Token;
            _anvil = await AnvilFixture.StartAsync(new AnvilOptions());
            var env = Credledger.Environment(("CREDLEDGER_PASSPHRASE", NodeTestbed.Passphrase));
            var init = await Credledger.RunAsync(env, ct,
                "init", "--dev", "--member", "KR", "--data", Data, "--rpc", RpcUrl, "--listen", $"http://127.0.0.1:{FreePort.Get()}");
            Assert.True(init.ExitCode == 0, init.ToString());
            var options = NodeOptions.Load(Data);
            options.DurableCommits = false;
            options.Anchoring.MaxBatchDelay = TimeSpan.FromMilliseconds(50);
            options.Anchoring.ReceiptPollInterval = TimeSpan.FromMilliseconds(20);
            options.Indexer.PollInterval = TimeSpan.FromMilliseconds(100);
            options.Save();
            NetworkFile = options.Resolve(options.NetworkFile);
            await using var node = await InProcessNode.StartAsync(options, ct);

            var file = _directory.File("certificates.jsonl");
            await File.WriteAllLinesAsync(file, Enumerable.Range(1, 4).Select(n =>
                $$"""{"aeoNumber":"KR-AEO-{{n:D6}}","legalName":"Trader {{n}}","tin":"{{100_000_000 + n}}","country":"KR","programmes":["AEO-S"],"roles":["exporter"],"validFrom":"2026-01-01","validUntil":"2029-01-01","reEvaluationDue":"2027-06-30"}"""), ct);
            var issued = await Credledger.RunAsync(env, ct, "issue", "--file", file, "--data", Data);
            Assert.True(issued.ExitCode == 0, issued.ToString());
            var list = await node.Client.ListAsync(new V1.ListRequest { PageSize = 10 }, node.Auth, cancellationToken: ct);
            foreach (var c in list.Certificates.OrderBy(c => c.AeoNumber, StringComparer.Ordinal))
            {
                var anchored = await node.WaitForAsync(c.Id, x => x.AnchorState == V1.AnchorState.Anchored, ct);
                Ids.Add(c.Id);
                Anchors[c.Id] = anchored.Anchor;
            }
            Assert.Equal(4, Ids.Count);
            // The changes take effect at the node's clock (seconds): one second later than the anchoring, so "just
            // before the suspension" is a time the credential was anchored and active.
            await Task.Delay(TimeSpan.FromSeconds(1.2), ct);

            async Task ChangeAsync(string command, int certificate, string reason)
            {
                var result = await Credledger.RunAsync(env, ct, command, Ids[certificate], "--reason", reason, "--data", Data);
                Assert.True(result.ExitCode == 0, result.ToString());
                await node.WaitForAsync(Ids[certificate], x => x.PendingChanges == 0, ct);
            }

            await ChangeAsync("suspend", 0, "3");
            await ChangeAsync("reinstate", 0, "0");
            await ChangeAsync("suspend", 1, "6");
            await ChangeAsync("revoke", 2, "7");
            CredentialRef Ref(int i) => new(Hash32.Parse(Anchors[Ids[i]].Root), Anchors[Ids[i]].Index);
            Suspended = Ref(1);
            Revoked = Ref(2);
            Active = Ref(3);
        }

        /// <summary>The engine's own replay of the node's registries, to <paramref name="toBlock"/> (the head when null).</summary>
        public async Task<AuditResult> ReplayAsync(ulong? toBlock, CancellationToken ct)
        {
            var network = await RegistryNetwork.LoadAsync(NetworkFile, ct);
            return await new AuditReplayer(_anvil!.CreateEthClient(), network.Registries,
                new AuditReplayOptions { FromBlock = network.DeploymentBlock, ToBlock = toBlock }).ReplayAsync(null, ct);
        }

        public Task DisposeAsync()
        {
            _anvil?.Dispose();
            _directory.Dispose();
            return Task.CompletedTask;
        }
    }
}
