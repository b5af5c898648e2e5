using CredentialLedger.Node.Tests.Mras;
using CredentialLedger.TestKit;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Node.Tests.Cli;

/// <summary><c>credledger mra …</c>: usage mistakes, and the commands against a KR node with UZ and KZ on the chain.</summary>
public sealed class CliMraTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>, IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _directory = new("cli-mra");

    private static string[] Propose(params string[] extra) =>
        ["mra", "propose", "--party", "KR", "--party", "UZ", "--scope", "AEO-S", "--valid-from", "2026-01-01", .. extra];

    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["mra"], "a command is required: propose, accept, amend, suspend, resume, terminate, show, list, recognition." },
        { ["mra", "conclude", "1"], "Unrecognized command or argument 'conclude'" },
        { ["mra", "propose", "--scope", "AEO-S", "--valid-from", "2026-01-01"], "Option '--party' is required." },
        { ["mra", "propose", "--party", "KR", "--party", "UZ", "--valid-from", "2026-01-01"], "Option '--scope' is required." },
        { ["mra", "propose", "--party", "KR", "--party", "UZ", "--scope", "AEO-S"], "Option '--valid-from' is required." },
        { Propose("--party", "Korea"), "'Korea' is not a member code (an ISO 3166-1 alpha-2 code in capitals, such as UZ)." },
        { Propose("--party", "XX"), "'XX' is not a member code" },
        { Propose("--scope", "AEO-X"), "unknown programme type 'AEO-X' (AEO-S, AEO-C)." },
        { Propose("--benefit", "free-lunch"), "unknown benefit 'free-lunch' (fewer-documentary-checks, fewer-physical-inspections" },
        { Propose("--valid-until", "someday"), "'someday' is not a date" },
        { ["mra", "accept", "3"], "Option '--version' is required." },
        { ["mra", "accept", "0", "--version", "1"], "MRA ids start at 1." },
        { ["mra", "accept", "three", "--version", "1"], "Cannot parse argument 'three'" },
        { ["mra", "accept", "3", "--version", "0"], "--version starts at 1." },
        { ["mra", "amend", "3", "--valid-from", "2026-01-01"], "Option '--scope' is required." },
        { ["mra", "suspend", "3"], "Option '--reason' is required." },
        { ["mra", "terminate", "3", "--reason", "256"], "--reason must be a code from 0 to 255." },
        { ["mra", "resume"], "Required argument missing for command: 'resume'." },
        { ["mra", "show"], "Required argument missing for command: 'show'." },
        { ["mra", "recognition", "korea"], "'korea' is not a member code" },
        { ["mra", "recognition", "--at", "soon"], "'soon' is not a date" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task An_mra_usage_mistake_is_one_line_on_stderr_and_exit_code_2(string[] args, string expected)
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
    public async Task Propose_list_show_amend_recognition_suspend_resume_and_terminate_through_a_running_node()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var ct = cts.Token;
        await using var bed = await MraTestbed.CreateAsync(anvil, ct);
        var env = Credledger.Environment(("CREDLEDGER_DATA", bed.Options.DataDirectory));
        async Task<CliResult> Ok(params string[] args)
        {
            var result = await Credledger.RunAsync(env, ct, args);
            Assert.True(result.ExitCode == 0 && result.Error.Length == 0, result.ToString());
            return result;
        }

        var proposed = await Ok("mra", "propose", "--party", "UZ", "--party", "KR", "--scope", "AEO-S", "--benefit", "fewer-documentary-checks",
            "--benefit", "contact-point", "--valid-from", "2025-01-01");
        Assert.StartsWith("Proposed MRA 1 (version 1) between KR, UZ: accepted by KR, awaiting UZ. (tx 0x", proposed.Out, StringComparison.Ordinal);

        await bed.AsUz.AcceptAsync(1, 1, ct);

        var listed = await Ok("mra", "list");
        var row = Assert.Single(listed.Out.Split('\n'), l => l.Contains("KR, UZ", StringComparison.Ordinal));
        Assert.Matches(@"1\s*│\s*KR, UZ\s*│\s*active\s*│\s*yes\s*│\s*v1\s*│\s*v1\s*│\s*AEO-S\s*│\s*2025-01-01 to no end\s*│\s*-", row);
        Assert.Matches(@"\n1 MRA\(s\) at block \d+\n$", listed.Out);

        var shown = await Ok("mra", "show", "1");
        Assert.StartsWith("MRA 1  KR, UZ  active  in force (at ", shown.Out, StringComparison.Ordinal);
        Assert.Contains("concluded: version 1  AEO-S  benefits: fewer-documentary-checks, contact-point  valid 2025-01-01 to no end\n", shown.Out, StringComparison.Ordinal);
        var json = V1.Mra.Parser.ParseJson((await Ok("mra", "show", "1", "--json")).Out);
        Assert.Equal((1ul, 1u, true), (json.Id, json.ConcludedVersion, json.InForce));
        var listJson = V1.ListMrasResponse.Parser.ParseJson((await Ok("mra", "list", "--json")).Out);
        Assert.Equal(1ul, Assert.Single(listJson.Mras).Id);

        var amended = await Ok("mra", "amend", "1", "--scope", "AEO-S", "--scope", "AEO-C", "--valid-from", "2025-01-01", "--valid-until", "2035-01-01");
        Assert.StartsWith("MRA 1 version 2 opened: accepted by KR, awaiting UZ; version 1 stays in force until version 2 is concluded. (tx 0x", amended.Out, StringComparison.Ordinal);
        shown = await Ok("mra", "show", "1");
        Assert.Contains("latest:    version 2  AEO-S, AEO-C  benefits: none  valid 2025-01-01 to 2035-01-01; accepted by KR, awaiting UZ\n", shown.Out, StringComparison.Ordinal);

        var recognition = await Ok("mra", "recognition");
        Assert.StartsWith("KR at ", recognition.Out, StringComparison.Ordinal);
        Assert.Contains("KR recognizes:\n", recognition.Out, StringComparison.Ordinal);
        Assert.Contains("KR is recognized by:\n", recognition.Out, StringComparison.Ordinal);
        Assert.Equal(2, recognition.Out.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"UZ\s*│\s*AEO-S\s*│\s*1\s*│\s*v1\s*│\s*fewer-documentary-checks, contact-point")));
        var kz = await Ok("mra", "recognition", "KZ");
        Assert.Contains("KZ recognizes: nothing\nKZ is recognized by: nothing\n", kz.Out, StringComparison.Ordinal);
        var uzJson = V1.RecognitionResponse.Parser.ParseJson((await Ok("mra", "recognition", "UZ", "--json")).Out);
        Assert.Equal(("KR", V1.ProgrammeType.AeoS, 1ul), uzJson.Recognizes.Select(r => (r.Issuer, r.Programme, r.MraId)).Single());

        Assert.StartsWith("MRA 1 is suspended", (await Ok("mra", "suspend", "1", "--reason", "4")).Out, StringComparison.Ordinal);
        Assert.StartsWith("MRA 1 is active again; in force.", (await Ok("mra", "resume", "1")).Out, StringComparison.Ordinal);
        Assert.StartsWith("MRA 1 is terminated, for good.", (await Ok("mra", "terminate", "1", "--reason", "11")).Out, StringComparison.Ordinal);

        // What the node or the chain refuses is one line and exit code 1.
        var resume = await Credledger.RunAsync(env, ct, "mra", "resume", "1");
        Assert.Equal(1, resume.ExitCode);
        Assert.Equal("error: The chain refused the call: MraRegistryInvalidStatus(mraId: 1, status: Terminated).\n", resume.Error);
        var notParty = await Credledger.RunAsync(env, ct, "mra", "propose", "--party", "UZ", "--party", "KZ", "--scope", "AEO-C", "--valid-from", "2026-01-01");
        Assert.Equal(1, notParty.ExitCode);
        Assert.StartsWith("error: parties: must include this node's member KR", Assert.Single(notParty.ErrorLines), StringComparison.Ordinal);
        var missing = await Credledger.RunAsync(env, ct, "mra", "show", "9");
        Assert.Equal((1, "error: No MRA 9 on the chain.\n"), (missing.ExitCode, missing.Error));
    }

    public void Dispose() => _directory.Dispose();
}
