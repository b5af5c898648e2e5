using CredentialLedger.Node.Tests.Mras;
using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Cli;

/// <summary>
/// <c>credledger verify</c> and <c>credledger bundle export</c>: usage mistakes, and against a KR node with UZ and KZ
/// on the chain and a KR–UZ MRA: recognized (exit 0), not recognized with its reasons (exit 3), a proof bundle
/// exported, re-checked offline and on chain, and a tampered bundle refused.
/// </summary>
public sealed class CliVerifyTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _directory = new("cli-verify");

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["verify"], "give exactly one of --aeo-number, --certificate or --bundle." },
        { ["verify", "--aeo-number", "X", "--bundle", "b.json"], "give exactly one of" },
        { ["verify", "--aeo-number", "X", "--confirm-on-chain"], "--confirm-on-chain and --rpc go with --bundle." },
        { ["verify", "--aeo-number", "X", "--verifier", "Uzbekistan"], "--verifier: 'Uzbekistan' is not a member code" },
        { ["verify", "--aeo-number", "X", "--at", "tomorrow"], "'tomorrow' is not a date" },
        { ["verify", "--bundle", "b.json", "--rpc", "ftp://x"], "is not an http(s) URL" },
        { ["bundle"], "a command is required: export." },
        { ["bundle", "export", "--id", "x"], "Option '--out' is required." },
        { ["bundle", "export", "--out", "b.json"], "give exactly one of --id or --certificate." },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_usage_mistake_is_one_line_on_stderr_and_exit_code_2(string[] args, string expected)
    {
        var result = await Credledger.RunAsync(Credledger.Environment(("CREDLEDGER_DATA", _directory.File("absent"))), CancellationToken.None, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bundle_file_that_does_not_exist_or_is_not_a_bundle_is_a_clear_failure()
    {
        var env = Credledger.Environment(("CREDLEDGER_DATA", _directory.File("absent")));
        var missing = await Credledger.RunAsync(env, CancellationToken.None, "verify", "--bundle", _directory.File("nope.json"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);

        File.WriteAllText(_directory.File("junk.json"), "{\"hello\": 1}");
        var junk = await Credledger.RunAsync(env, CancellationToken.None, "verify", "--bundle", _directory.File("junk.json"));
        Assert.Equal(VerifyExit, junk.ExitCode);
        Assert.StartsWith("Not a readable proof bundle:", junk.Out, StringComparison.Ordinal);
    }

    private const int VerifyExit = 3;

    [Fact]
    public async Task Verify_and_bundle_export_through_a_running_node()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        await using var bed = await MraTestbed.CreateAsync(anvil, ct);
        var env = Credledger.Environment(("CREDLEDGER_DATA", bed.Options.DataDirectory));
        var proposed = await bed.ProposeAsync(["KR", "UZ"], MraTestbed.Terms(V1.ProgrammeType.AeoS), ct);
        await bed.AsUz.AcceptAsync(proposed.Mra.Id, 1, ct);
        var issued = await bed.Node.Client.IssueAsync(NodeTestbed.IssueRequest(7), bed.Auth, cancellationToken: ct);
        await bed.Node.WaitForAsync(issued.Id, c => c.AnchorState == V1.AnchorState.Anchored, ct);

        // By AEO number, for this member: its own certificate needs no MRA.
        var own = await RunUntilAsync(env, r => r.ExitCode == 0, ct, "verify", "--aeo-number", "KR-AEO-000007");
        Assert.StartsWith("RECOGNIZED by KR at ", own.Out, StringComparison.Ordinal);
        Assert.Contains("status on chain: active", own.Out, StringComparison.Ordinal);

        // A certificate file, for UZ: recognized under the MRA, AEO-S only.
        var file = _directory.File("certificate.json");
        File.WriteAllText(file, (await Credledger.RunAsync(env, ct, "show", issued.Id, "--json")).Out);
        var forUz = await RunUntilAsync(env, r => r.ExitCode == 0, ct, "verify", "--certificate", file, "--verifier", "UZ");
        Assert.Contains($"under MRA {proposed.Mra.Id} version 1 (KR, UZ): AEO-S", forUz.Out, StringComparison.Ordinal);
        var asJson = V1.VerifyResponse.Parser.ParseJson((await Credledger.RunAsync(env, ct, "verify", "--certificate", file, "--verifier", "UZ", "--json")).Out);
        Assert.True(asJson.Recognized);

        // For KZ (no MRA with KR): not recognized, exit 3, the reason printed.
        var forKz = await Credledger.RunAsync(env, ct, "verify", "--certificate", file, "--verifier", "KZ");
        Assert.Equal(VerifyExit, forKz.ExitCode);
        Assert.StartsWith("NOT RECOGNIZED by KZ", forKz.Out, StringComparison.Ordinal);
        Assert.Contains("  - NoMraInForce: ", forKz.Out, StringComparison.Ordinal);

        // An AEO number the node does not hold: one clear error line.
        var unknown = await Credledger.RunAsync(env, ct, "verify", "--aeo-number", "KR-AEO-999999");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("holds no anchored certificate for AEO number 'KR-AEO-999999'", Assert.Single(unknown.ErrorLines), StringComparison.Ordinal);

        // A proof bundle for UZ: exported from the chain, re-checked offline, confirmed on chain.
        var bundle = _directory.File("bundle.json");
        var exported = await Credledger.RunAsync(env, ct, "bundle", "export", "--id", issued.Id, "--verifier", "UZ", "--out", bundle);
        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Contains(": recognized by UZ at ", exported.Out, StringComparison.Ordinal);
        var offline = await Credledger.RunAsync(env, ct, "verify", "--bundle", bundle);
        Assert.True(offline.ExitCode == 0, offline.ToString());
        var confirmed = await Credledger.RunAsync(env, ct, "verify", "--bundle", bundle, "--confirm-on-chain");
        Assert.True(confirmed.ExitCode == 0, confirmed.ToString());
        Assert.Contains("Confirmed on chain", confirmed.Out, StringComparison.Ordinal);

        // One character of the JWS changed: the bundle no longer holds.
        var text = File.ReadAllText(bundle);
        var jwsAt = text.IndexOf("\"jws\": \"", StringComparison.Ordinal) + 20;
        var tampered = _directory.File("tampered.json");
        File.WriteAllText(tampered, text[..jwsAt] + (text[jwsAt] == 'A' ? 'B' : 'A') + text[(jwsAt + 1)..]);
        var refused = await Credledger.RunAsync(env, ct, "verify", "--bundle", tampered);
        Assert.Equal(VerifyExit, refused.ExitCode);
    }

    // The node's ledger follows the chain every 100 ms: the first answers may predate the anchoring block.
    private static async Task<CliResult> RunUntilAsync(IReadOnlyDictionary<string, string?> env, Func<CliResult, bool> done, CancellationToken ct, params string[] args)
    {
        while (true)
        {
            var result = await Credledger.RunAsync(env, ct, args);
            if (done(result))
                return result;
            await Task.Delay(100, ct);
        }
    }
}
