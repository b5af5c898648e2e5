using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Node;
using CredentialLedger.Node.Audit;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.Sdk.Audit.Reports;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// <c>credledger audit replay|status|recognized|changes|export-documents|compare</c>: an auditor's view of the chain, rebuilt
/// from the registries' events alone (<see cref="AuditReplayer"/>). <c>replay</c> writes the reports and exits
/// <see cref="ViolationsFound"/> when a rule was broken; the three questions replay (or read the cache) and answer.
/// </summary>
internal static class AuditCommands
{
    /// <summary>Exit code of <c>audit replay</c> when the replay found violations (reports are still written).</summary>
    public const int ViolationsFound = 3;

    /// <summary>Exit code of <c>audit recognized</c> when the answer is not "recognized" (not recognized, or undetermined).</summary>
    public const int NotRecognized = 3;

    private const int ViolationsListed = 10;

    public static Command Create(CliContext cli) => new("audit", "Audit: replay the registries' history with integrity checks, reports, and point-in-time answers")
    {
        Replay(cli), Status(cli), Recognized(cli), Changes(cli), ExportDocuments(cli), AuditCompareCommand.Create(cli),
    };

    private static Command Replay(CliContext cli)
    {
        var source = new AuditChainSource();
        var documents = new Option<FileInfo?>("--documents") { Description = "Off-chain documents to check against the chain (JSON lines, as 'audit export-documents' writes)" };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report as JSON (byte-identical for the same chain and range)" };
        var csv = new Option<DirectoryInfo?>("--csv") { Description = "Write the report as CSV files into this directory" };
        var html = new Option<FileInfo?>("--html") { Description = "Write the report as one self-contained HTML page" };
        var timelines = new Option<int?>("--html-timelines")
        {
            Description = "With --html: show at most this many credential timelines (default: all; the JSON and CSV always hold all)",
        };
        timelines.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() < 0)
                r.AddError("--html-timelines must not be negative.");
        });
        var command = new Command("replay",
            $"Replay every registry event with integrity checks; write the reports. Exit 0: no rule broken; {ViolationsFound}: violations found; 1: error")
        {
            documents, json, csv, html, timelines,
        };
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            // Read the documents first: a bad export fails before a long replay.
            IReadOnlyList<AuditDocument>? checkedDocuments = null;
            if (parse.GetValue(documents) is { } file)
                checkedDocuments = ReadDocuments(file);
            var result = await ReplayWithProgressAsync(cli, source, parse, ct);
            var report = result.ToReport(checkedDocuments);
            var written = new List<string>();
            if (parse.GetValue(json) is { } jsonFile)
            {
                await File.WriteAllBytesAsync(jsonFile.FullName, AuditJsonWriter.ToBytes(report), ct);
                written.Add(jsonFile.FullName);
            }
            if (parse.GetValue(csv) is { } csvDirectory)
                written.Add($"{csvDirectory.FullName}{Path.DirectorySeparatorChar} ({AuditCsvWriter.WriteDirectory(report, csvDirectory.FullName).Count} CSV files)");
            if (parse.GetValue(html) is { } htmlFile)
            {
                AuditHtmlWriter.WriteFile(report, htmlFile.FullName, new AuditHtmlOptions
                {
                    GeneratedAt = TimeProvider.System.GetUtcNow(),
                    MaxCredentialTimelines = parse.GetValue(timelines) ?? int.MaxValue,
                });
                written.Add(htmlFile.FullName);
            }
            await cli.Out.WriteAsync(Summary(result, report, written));
            return report.Violations.Count == 0 ? 0 : ViolationsFound;
        });
        return command;
    }

    private static Command Status(CliContext cli)
    {
        var source = new AuditChainSource();
        var credential = CredentialOption();
        var at = AtOption("The time asked (default: the last replayed block's time)");
        var json = JsonOption();
        var command = new Command("status", "A credential's status at a time, from the replayed chain") { credential, at, json };
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var result = await ReplayWithProgressAsync(cli, source, parse, ct);
            var time = Seconds(parse.GetValue(at)) ?? result.Range.ToBlockTime;
            var answer = result.State.StatusAt(parse.GetValue(credential), time);
            await cli.Out.WriteAsync(parse.GetValue(json) ? AuditAnswerOutput.StatusJson(answer, result.Range) : AuditAnswerOutput.StatusText(answer, result.Range));
            return 0;
        });
        return command;
    }

    private static Command Recognized(CliContext cli)
    {
        var source = new AuditChainSource();
        var credential = CredentialOption();
        var verifier = new Option<MemberCode>("--verifier") { Description = "The recognizing member, e.g. UZ", Required = true, CustomParser = ParseMember };
        var at = AtOption("The time asked (default: the last replayed block's time)");
        var document = new Option<FileInfo?>("--document")
        {
            Description = "An export (JSON lines) holding the credential's document: its programmes decide the MRA's coverage, and the document is checked",
        };
        var json = JsonOption();
        var command = new Command("recognized",
            $"Was a credential recognized by a member at a time, and under which MRA? Exit 0: recognized; {NotRecognized}: not recognized or undetermined")
        {
            credential, verifier, at, document, json,
        };
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var reference = parse.GetValue(credential);
            AuditDocument? found = null;
            if (parse.GetValue(document) is { } file)
            {
                found = ReadDocuments(file).FirstOrDefault(d => d.Kind == AuditDocumentKind.Aeo && d.Root == reference.Root && d.Index == reference.Index)
                    ?? throw new CliException($"{file.FullName} holds no AEO certificate at {AuditLabels.Credential(reference)}.");
            }
            var result = await ReplayWithProgressAsync(cli, source, parse, ct);
            var time = Seconds(parse.GetValue(at)) ?? result.Range.ToBlockTime;
            var member = parse.GetValue(verifier);
            var answer = found is null ? result.State.RecognitionAt(reference, member, time) : result.State.RecognitionAt(found, member, time);
            await cli.Out.WriteAsync(parse.GetValue(json) ? AuditAnswerOutput.RecognitionJson(answer, result.Range) : AuditAnswerOutput.RecognitionText(answer, result.Range));
            return answer.Recognized == true ? 0 : NotRecognized;
        });
        return command;
    }

    private static Command Changes(CliContext cli)
    {
        var source = new AuditChainSource();
        var member = new Option<MemberCode>("--member") { Description = "The issuing member, e.g. KR", Required = true, CustomParser = ParseMember };
        var from = AtOption("The period's first second (default: the beginning)", "--from");
        var to = AtOption("The period's end, not included (default: just after the last replayed block)", "--to");
        var basis = new Option<string>("--by")
        {
            Description = "Which time of a change falls in the period: effective (when it takes effect) or recorded (its block's time)",
            DefaultValueFactory = _ => "effective",
        };
        basis.AcceptOnlyFromAmong("effective", "recorded");
        var json = JsonOption();
        var command = new Command("changes", "Every change to a member's credentials in a period, from the replayed chain") { member, from, to, basis, json };
        source.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var start = Seconds(parse.GetValue(from)) ?? 0;
            var end = Seconds(parse.GetValue(to));
            if (end is { } e && e <= start)
                throw new CliException("--to must be after --from.");
            var result = await ReplayWithProgressAsync(cli, source, parse, ct);
            var until = end ?? result.Range.ToBlockTime + 1;
            var by = parse.GetValue(basis) == "recorded" ? AuditTimeBasis.Recorded : AuditTimeBasis.Effective;
            var code = parse.GetValue(member);
            var changes = result.State.ChangesOf(code, start, until, by);
            await cli.Out.WriteAsync(parse.GetValue(json)
                ? AuditAnswerOutput.ChangesJson(code, start, until, by, changes, result.Range)
                : AuditAnswerOutput.ChangesText(code, start, until, by, changes, result.Range));
            return 0;
        });
        return command;
    }

    private static Command ExportDocuments(CliContext cli)
    {
        var output = new Option<FileInfo>("--out") { Description = "The JSON-lines file to write", Required = true };
        var partners = new Option<bool>("--partners") { Description = "Also export the certificates pulled from partners under MRAs" };
        var command = new Command("export-documents",
            "Export this node's anchored documents (AEO certificates; certificates of origin where it has chambers) with their roots, indices and proofs, for 'audit replay --documents'")
        {
            output, partners,
        };
        command.SetAction(async (parse, ct) =>
        {
            var data = parse.GetRequiredValue(cli.Data);
            var options = NodeOptions.Load(data);
            var export = NodeDocumentExporter.Read(options.Resolve(options.DatabaseFile), parse.GetValue(partners));
            var path = parse.GetRequiredValue(output).FullName;
            var temporary = path + ".tmp";
            await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                foreach (var document in export.Documents)
                    AuditDocumentJsonLines.Write(writer, document);
            }
            File.Move(temporary, path, overwrite: true);
            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {export.Documents.Count} document(s) to {path}: {export.Own} AEO certificate(s) of this node, {export.Partners} of partners, "
                + $"{export.Origin} certificate(s) of origin; {export.NotAnchored} of this node's certificate(s) not anchored yet, left out."));
            return 0;
        });
        return command;
    }

    private static async Task<AuditResult> ReplayWithProgressAsync(CliContext cli, AuditChainSource source, ParseResult parse, CancellationToken ct)
    {
        using var progress = AuditProgressLine.ForTerminal(cli);
        return await source.ReplayAsync(cli, parse, progress, ct);
    }

    private static IReadOnlyList<AuditDocument> ReadDocuments(FileInfo file)
    {
        if (!file.Exists)
            throw new CliException($"{file.FullName} does not exist.");
        return AuditDocumentJsonLines.ReadFile(file.FullName);
    }

    private static string Summary(AuditResult result, AuditReport report, IReadOnlyList<string> written)
    {
        var c = CultureInfo.InvariantCulture;
        var changes = report.Credentials.SelectMany(x => x.Changes).ToList();
        int Count(CredentialStatus to, CredentialStatus? from = null) => changes.Count(ch => ch.To == to && (from is null || ch.From == from));
        var anchored = report.CredentialBatches.Sum(b => (long)b.Size);
        var inForce = report.Mras.Count(m => result.State.MraInForceAt(m.Id, report.Range.ToBlockTime) is not null);
        var origin = report.OriginBatches.Sum(b => (long)b.Size);
        var source = result.Source switch { AuditSource.Cache => "the event cache", AuditSource.CacheThenRpc => "the event cache and the chain", _ => "the chain" };
        var text = new StringBuilder();
        text.Append(c, $"Replayed {report.EventCount:N0} registry events of chain {report.ChainId}, blocks {report.Range.FromBlock} to {report.Range.ToBlock} ")
            .Append(c, $"(last block {report.Range.ToBlockHash} at {AuditJsonWriter.FormatTime(report.Range.ToBlockTime)}), from {source} in {result.Elapsed.TotalSeconds:F1} s: ")
            .Append(c, $"{report.Members.Count} member(s); {report.CredentialBatches.Count} AEO batch(es) with {anchored:N0} credential(s), ")
            .Append(c, $"{report.Credentials.Count:N0} of which changed status ({Count(CredentialStatus.Suspended):N0} suspension(s), ")
            .Append(c, $"{Count(CredentialStatus.Active, CredentialStatus.Suspended):N0} reinstatement(s), {Count(CredentialStatus.Revoked):N0} revocation(s), ")
            .Append(c, $"{Count(CredentialStatus.Superseded):N0} renewal(s)); {report.Mras.Count} MRA(s), {inForce} in force at the last block; ")
            .Append(c, $"{report.Chambers.Count} chamber(s) with {report.OriginBatches.Count} e-CoO batch(es) of {origin:N0} certificate(s); ")
            .Append(c, $"{report.DocumentChecks.Count} off-chain document(s) checked, {report.DocumentChecks.Count(d => !d.Valid)} not matching; ")
            .Append(report.Violations.Count == 0 ? "no rule broken.\n" : string.Create(c, $"{report.Violations.Count} VIOLATION(S).\n"));
        foreach (var v in report.Violations.Take(ViolationsListed))
            text.Append(c, $"  block {v.Block} tx {v.Transaction} log {v.LogIndex}: {v.Rule}: {v.Message}\n");
        if (report.Violations.Count > ViolationsListed)
            text.Append(c, $"  ... and {report.Violations.Count - ViolationsListed} more (all in the reports)\n");
        foreach (var file in written)
            text.Append(c, $"Wrote {file}\n");
        return text.ToString();
    }

    private static Option<CredentialRef> CredentialOption() => new("--credential")
    {
        Description = "The credential as ROOT#INDEX (its batch's Merkle root and its index in it), e.g. 0x3f…a1#12",
        Required = true,
        CustomParser = ParseCredential,
    };

    private static Option<DateTimeOffset?> AtOption(string description, string name = "--at") =>
        new(name) { Description = description + "; a date (2026-01-01, UTC) or a time (2026-01-01T09:30:00Z)", CustomParser = DateArgument.Parse };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the answer as JSON" };

    private static ulong? Seconds(DateTimeOffset? time) => time is { } t ? (ulong)Math.Max(0, t.ToUnixTimeSeconds()) : null;

    private static CredentialRef ParseCredential(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash > 0 && Hash32.TryParse(text[..hash], out var root)
            && uint.TryParse(text.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return new CredentialRef(root, index);
        result.AddError($"--credential: '{text}' is not ROOT#INDEX (a 32-byte hex root, '#', an index), e.g. 0x{new string('0', 63)}1#0.");
        return default;
    }

    private static MemberCode ParseMember(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (MemberCode.TryParse(text, out var code))
            return code;
        result.AddError($"{(result.Parent as OptionResult)?.Option.Name}: '{text}' is not a member code such as UZ.");
        return default;
    }
}
