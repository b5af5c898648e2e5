using System.Text.RegularExpressions;
using CredentialLedger.Node.Tests.Origin;
using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Cli;

/// <summary>
/// <c>credledger chamber …</c> and <c>credledger coo …</c>: usage mistakes (exit 2, one line), and the commands
/// against a running KR node: onboard a chamber, issue one and many, show with XML and proof files, verify them,
/// use once, revoke, suspend, withdraw, and the clear errors on the way.
/// </summary>
public sealed partial class CliOriginTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(150);
    private readonly TempDirectory _directory = new("cli-origin");

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["chamber"], "a command is required: authorize, suspend, reinstate, withdraw, list, show." },
        { ["chamber", "authorize", "--name", "Korea Chamber"], "Option '--id' is required." },
        { ["chamber", "authorize", "--id", "KR-KCCI"], "Option '--name' is required." },
        { ["chamber", "authorize", "--id", "KR KCCI", "--name", "x"], "--id: 'KR KCCI' has ' ' at position 2" },
        { ["chamber", "authorize", "--id", "KR-KOREA-CHAMBER-OF-COMMERCE", "--name", "x"], "has 28 characters; a chamber id has at most 16" },
        { ["chamber", "authorize", "--id", ".hidden", "--name", "x"], "starts with '.'" },
        { ["chamber", "suspend", "KR-KCCI"], "Option '--reason' is required." },
        { ["chamber", "withdraw", "KR-KCCI", "--reason", "300"], "--reason must be a code from 0 to 255." },
        { ["chamber", "reinstate"], "Required argument missing for command: 'reinstate'." },
        { ["coo"], "a command is required: issue, revoke, show, list, verify, use." },
        { ["coo", "issue", "--file", "cert.json"], "Option '--chamber' is required." },
        { ["coo", "issue", "--chamber", "KR-KCCI"], "Option '--file' is required." },
        { ["coo", "issue", "--chamber", "../../x", "--file", "c.json"], "--chamber: '../../x' has '/' at position 2" },
        { ["coo", "issue", "--chamber", "KR-KCCI", "--file", "many.jsonl", "--idempotency-key", "k"], "--idempotency-key goes with one certificate" },
        { ["coo", "revoke", "urn:uuid:x", "--chamber", "KR-KCCI"], "Option '--reason' is required." },
        { ["coo", "revoke", "urn:uuid:x", "--reason", "1"], "Option '--chamber' is required." },
        { ["coo", "list", "--status", "lost"], "Argument 'lost' not recognized. Must be one of:" },
        { ["coo", "verify", "--file", "x.xml"], "Option '--proof' is required." },
        { ["coo", "verify", "--file", "x.xml", "--proof", "p.json", "--verifier", "Uzbekistan"], "--verifier: 'Uzbekistan' is not a member code" },
        { ["coo", "use", "--declaration", "D-1"], "give a certificate id, or --file and --proof." },
        { ["coo", "use", "ID", "--file", "x.xml", "--proof", "p.json", "--declaration", "D-1"], "give a certificate id, or --file and --proof." },
        { ["coo", "use", "--file", "x.xml", "--declaration", "D-1"], "--file and --proof go together." },
        { ["coo", "use", "ID"], "Option '--declaration' is required." },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_chamber_or_coo_usage_mistake_is_one_line_on_stderr_and_exit_code_2(string[] args, string expected)
    {
        var result = await Credledger.RunAsync(Credledger.Environment(("CREDLEDGER_DATA", _directory.File("absent"))), CancellationToken.None, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
        Assert.False(Directory.Exists(_directory.File("absent")));
    }

    [Fact]
    public async Task Chamber_and_coo_commands_through_a_running_node()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        var options = await NodeTestbed.InitializeAsync(anvil, _directory.File("kr"), ct);
        await using var node = await InProcessNode.StartAsync(options, ct);
        var env = Credledger.Environment(("CREDLEDGER_DATA", options.DataDirectory));
        async Task<CliResult> Ok(params string[] args)
        {
            var result = await Credledger.RunAsync(env, ct, args);
            Assert.True(result.ExitCode == 0 && result.Error.Length == 0, result.ToString());
            return result;
        }
        async Task<string> Fails(int exitCode, params string[] args)
        {
            var result = await Credledger.RunAsync(env, ct, args);
            Assert.True(result.ExitCode == exitCode, result.ToString());
            return Assert.Single(result.ErrorLines);
        }

        // Onboarding: the steps, and where the token is (never the token itself).
        var authorized = await Ok("chamber", "authorize", "--id", "KR-KCCI", "--name", OriginSamples.ChamberName);
        var tokenFile = options.Resolve("chamber-KR-KCCI.token");
        Assert.StartsWith($"Chamber KR-KCCI ({OriginSamples.ChamberName}) is authorized by KR: account 0x", authorized.Out, StringComparison.Ordinal);
        Assert.Contains("  - authorized KR-KCCI on chain", authorized.Out, StringComparison.Ordinal);
        Assert.EndsWith($"Its token file is {tokenFile}: hand it to the chamber (the token is not printed).\n", authorized.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(tokenFile).Trim(), authorized.Out, StringComparison.Ordinal);
        Assert.Equal("error: Chamber KR-KCCI is onboarded already (active); its token file is " + tokenFile + ".",
            await Fails(1, "chamber", "authorize", "--id", "KR-KCCI", "--name", "Again"));

        var listed = await Ok("chamber", "list");
        Assert.Matches(@"KR-KCCI\s*│\s*Korea Chamber of Commerce and Industry\s*│\s*active\s*│\s*0x[0-9a-fA-F]{40}\s*│\s*0\s*│\s*10\s*│\s*chamber-KR-KCCI\.token", listed.Out);
        Assert.Matches(@"\n1 chamber\(s\) \(chain statuses as of block \d+\)\n$", listed.Out);
        var shownChamber = await Ok("chamber", "show", "KR-KCCI");
        Assert.StartsWith($"Chamber KR-KCCI ({OriginSamples.ChamberName}) of KR: active\n", shownChamber.Out, StringComparison.Ordinal);
        Assert.Equal(V1.ChamberStatus.Active, V1.Chamber.Parser.ParseJson((await Ok("chamber", "show", "KR-KCCI", "--json")).Out).Status);

        // Issue one certificate from a JSON file, and three from a JSON-lines file.
        var one = _directory.File("cert.json");
        await File.WriteAllTextAsync(one, OriginSamples.Json(1), ct);
        var issued = await Ok("coo", "issue", "--chamber", "KR-KCCI", "--file", one);
        var id = Credledger.CertificateId(issued.Out);
        Assert.StartsWith($"Issued {id} (certificate KCCI-2026/000001 of chamber KR-KCCI, signing key 0x", issued.Out, StringComparison.Ordinal);
        var many = _directory.File("many.jsonl");
        await File.WriteAllLinesAsync(many, [OriginSamples.JsonLine(2), "", OriginSamples.JsonLine(3), OriginSamples.JsonLine(4)], ct);
        Assert.Equal("Issued 3 certificate(s) of chamber KR-KCCI from many.jsonl in 1 call(s); they are anchored in the chamber's next batches.\n",
            (await Ok("coo", "issue", "--chamber", "KR-KCCI", "--file", many)).Out);
        var bad = _directory.File("bad.jsonl");
        await File.WriteAllLinesAsync(bad, [OriginSamples.JsonLine(5), OriginSamples.JsonLine(6).Replace("\"870899\"", "\"87\"", StringComparison.Ordinal)], ct);
        var refusedLine = await Fails(1, "coo", "issue", "--chamber", "KR-KCCI", "--file", bad);
        Assert.StartsWith("error: lines 1-2 were refused and none of them issued (0 certificate(s) from earlier lines were):", refusedLine, StringComparison.Ordinal);
        Assert.Contains("line 2: goods[0].hsCode: '87' is not 6, 8 or 10 digits", refusedLine, StringComparison.Ordinal);
        Assert.Contains("certificate number KCCI-2026/000001 was issued by chamber KR-KCCI already",
            await Fails(1, "coo", "issue", "--chamber", "KR-KCCI", "--file", one), StringComparison.Ordinal);

        // Show it once anchored, with its XML and proof files; verify from the files; then list.
        await WaitAnchoredAsync(env, id, ct);
        var xml = _directory.File("c1.xml");
        var proof = _directory.File("c1.proof.json");
        var shown = await Ok("coo", "show", id, "--xml", xml, "--proof", proof);
        Assert.StartsWith($"{id}  certificate KCCI-2026/000001 of chamber KR-KCCI  issued\n", shown.Out, StringComparison.Ordinal);
        Assert.Matches(@"\nanchored: root 0x[0-9a-f]{64} index \d+, block \d+, tx 0x[0-9a-f]{64}\n", shown.Out);
        Assert.Contains($"wrote the XML to {xml}\nwrote the proof to {proof}\n", shown.Out, StringComparison.Ordinal);
        var proofJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(proof))!;
        Assert.Equal(((string?)proofJson["certificateId"], (string?)proofJson["chamber"], (ulong?)proofJson["chainId"]), (id, "KR-KCCI", (ulong?)anvil.ChainId));
        Assert.StartsWith("<?xml", File.ReadAllText(xml), StringComparison.Ordinal);
        var byChamber = await Ok("coo", "show", "KCCI-2026/000001", "--chamber", "KR-KCCI", "--json");
        Assert.Contains("\"certificateNumber\": \"KCCI-2026/000001\"", byChamber.Out, StringComparison.Ordinal);
        Assert.Contains("\"hsCode\": \"870899\"", byChamber.Out, StringComparison.Ordinal);

        var verified = await Ok("coo", "verify", "--file", xml, "--proof", proof);
        Assert.StartsWith("RECOGNIZED by KR at ", verified.Out, StringComparison.Ordinal);
        Assert.Contains("  certificate KCCI-2026/000001 of chamber KR-KCCI (KR), exporter Hanbit Trading 1 Co., Ltd. (AEO KR-AEO-000001), key 0x",
            verified.Out, StringComparison.Ordinal);
        var tampered = _directory.File("tampered.xml");
        await File.WriteAllTextAsync(tampered, File.ReadAllText(xml).Replace("Seoul", "Busan", StringComparison.Ordinal), ct);
        Assert.Contains("is the proof of another document than tampered.xml",
            await Fails(1, "coo", "verify", "--file", tampered, "--proof", proof), StringComparison.Ordinal);
        var otherProof = _directory.File("other.proof.json");
        await File.WriteAllTextAsync(otherProof, File.ReadAllText(proof).Replace("\"documentHash\"", "\"formerHash\"", StringComparison.Ordinal), ct);
        var notRecognized = await Credledger.RunAsync(env, ct, "coo", "verify", "--file", tampered, "--proof", otherProof);
        Assert.True(notRecognized.ExitCode == 3, notRecognized.ToString());
        Assert.StartsWith("NOT RECOGNIZED by KR at ", notRecognized.Out, StringComparison.Ordinal);
        var verifiedJson = V1.VerifyOriginResponse.Parser.ParseJson((await Ok("coo", "verify", "--file", xml, "--proof", proof, "--json")).Out);
        Assert.True(verifiedJson.Recognized);

        var list = await Ok("coo", "list", "--chamber", "KR-KCCI");
        Assert.Equal(4, list.Out.Split('\n').Count(l => l.Contains("│ KR-KCCI", StringComparison.Ordinal)));
        Assert.EndsWith("4 certificate(s) of origin\n", list.Out, StringComparison.Ordinal);
        Assert.Equal(4, (await Ok("coo", "list", "--json")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // Used once; a second use names the first.
        var used = await Ok("coo", "use", "--file", xml, "--proof", proof, "--declaration", "KR-IMP-2026-7");
        Assert.StartsWith("Marked used by KR for declaration KR-IMP-2026-7 at ", used.Out, StringComparison.Ordinal);
        var usedAt = UsedAt().Match(used.Out).Groups[1].Value;
        Assert.Equal($"error: Certificate {(string?)proofJson["root"]}#{(uint?)proofJson["index"]} was used for preference already: by KR for declaration " +
            $"KR-IMP-2026-7 at {usedAt}Z; a certificate of origin is used once.",
            await Fails(1, "coo", "use", id, "--declaration", "KR-IMP-2026-8"));
        Assert.Contains("declaration: 40 characters; a reference has at most 32",
            await Fails(1, "coo", "use", id, "--declaration", new string('D', 40)), StringComparison.Ordinal);

        // Revoked by its chamber: on chain, and no longer recognized.
        Assert.StartsWith($"{id} (certificate KCCI-2026/000001) is revoked (reason 3)",
            (await Ok("coo", "revoke", id, "--chamber", "KR-KCCI", "--reason", "3")).Out, StringComparison.Ordinal);
        Assert.Equal($"error: Certificate {id} is revoked already (reason 3).", await Fails(1, "coo", "revoke", id, "--chamber", "KR-KCCI", "--reason", "3"));
        Assert.Contains("Revoking a certificate of origin is its chamber's act",
            await Fails(1, "coo", "revoke", id, "--chamber", "KR-KCCI", "--reason", "3", "--token-file", options.Resolve(options.OperatorTokenFile)),
            StringComparison.Ordinal);
        await WaitAsync(env, id, "revoked: reason 3 from", "on chain (tx 0x", ct);
        var revoked = await Credledger.RunAsync(env, ct, "coo", "verify", "--file", xml, "--proof", proof);
        Assert.True(revoked.ExitCode == 3, revoked.ToString());
        Assert.Contains("  - Revoked: ", revoked.Out, StringComparison.Ordinal);

        // Suspended, the chamber issues nothing; withdrawn, for good.
        Assert.StartsWith("Chamber KR-KCCI is suspended (reason 4): it issues nothing until reinstated; what it issued before stays valid. (tx 0x",
            (await Ok("chamber", "suspend", "KR-KCCI", "--reason", "4")).Out, StringComparison.Ordinal);
        var next = _directory.File("next.json");
        await File.WriteAllTextAsync(next, OriginSamples.Json(9), ct);
        Assert.Equal("error: Chamber KR-KCCI is suspended (reason 4): it cannot issue certificates of origin until its member reinstates it.",
            await Fails(1, "coo", "issue", "--chamber", "KR-KCCI", "--file", next));
        Assert.Equal("error: Cannot suspend chamber KR-KCCI: it is suspended; only an active chamber can be suspended.",
            await Fails(1, "chamber", "suspend", "KR-KCCI", "--reason", "4"));
        Assert.StartsWith("Chamber KR-KCCI is withdrawn, for good (reason 9)", (await Ok("chamber", "withdraw", "KR-KCCI", "--reason", "9")).Out, StringComparison.Ordinal);
        Assert.Equal("error: Chamber KR-KCCI is withdrawn, which is terminal: it cannot be reinstated (authorize a chamber under a new id instead).",
            await Fails(1, "chamber", "reinstate", "KR-KCCI"));
        Assert.Equal("error: Chamber KR-KCCI is withdrawn: it can issue certificates of origin no more.",
            await Fails(1, "coo", "issue", "--chamber", "KR-KCCI", "--file", next));
        Assert.Equal("error: Chamber KR-KCCI was withdrawn, for good, and chamber ids are never reused: authorize the chamber under a new id.",
            await Fails(1, "chamber", "authorize", "--id", "KR-KCCI", "--name", "Again"));

        // Unknown chambers and certificates.
        Assert.Equal("error: No chamber KR-NONE is authorized on chain (see 'credledger chamber list').", await Fails(1, "chamber", "suspend", "KR-NONE", "--reason", "1"));
        Assert.Equal("error: Chamber KR-NONE is not served by this node (see 'credledger chamber list').", await Fails(1, "chamber", "show", "KR-NONE"));
        Assert.StartsWith($"error: {options.Resolve("chamber-KR-NONE.token")} does not exist: is chamber KR-NONE onboarded on this node?",
            await Fails(1, "coo", "issue", "--chamber", "KR-NONE", "--file", one), StringComparison.Ordinal);
        Assert.Equal("error: No certificate of origin 'urn:uuid:00000000-0000-0000-0000-000000000000' was issued through this node.",
            await Fails(1, "coo", "show", "urn:uuid:00000000-0000-0000-0000-000000000000"));
        Assert.Contains("not-there.xml does not exist.", await Fails(1, "coo", "verify", "--file", _directory.File("not-there.xml"), "--proof", proof),
            StringComparison.Ordinal);
        var brokenProof = _directory.File("broken.proof.json");
        await File.WriteAllTextAsync(brokenProof, "{\"root\": \"0x12\", \"index\": 0, \"proof\": []}", ct);
        Assert.Contains("\"root\" is not a 0x-prefixed 32-byte hex hash", await Fails(1, "coo", "verify", "--file", xml, "--proof", brokenProof),
            StringComparison.Ordinal);
    }

    private static async Task WaitAnchoredAsync(IReadOnlyDictionary<string, string?> env, string id, CancellationToken ct) =>
        await WaitAsync(env, id, "anchored: root", null, ct);

    private static async Task WaitAsync(IReadOnlyDictionary<string, string?> env, string id, string text, string? also, CancellationToken ct)
    {
        while (true)
        {
            var shown = await Credledger.RunAsync(env, ct, "coo", "show", id);
            if (shown.Out.Contains(text, StringComparison.Ordinal) && (also is null || shown.Out.Contains(also, StringComparison.Ordinal)))
                return;
            await Task.Delay(100, ct);
        }
    }

    [GeneratedRegex(@" at (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)Z ")]
    private static partial Regex UsedAt();

    public void Dispose() => _directory.Dispose();
}
