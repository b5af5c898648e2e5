using System.CommandLine;
using System.Globalization;
using System.Text;
using CredentialLedger.Credentials.Origin;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Spectre.Console;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// <c>credledger coo issue|revoke|show|list|verify|use</c>: certificates of origin. A chamber's acts (issue, revoke)
/// carry its token, picked by <c>--chamber ID</c> from the data directory (or <c>--token-file</c>); reading works
/// with a chamber's token (its own certificates) or the operator's; verify and use are the importing member's, with
/// the operator token. Exit codes: 0 done (verify: recognized), 3 verify: not recognized, 1 error, 2 usage.
/// </summary>
internal static class OriginCommands
{
    /// <summary>Certificates per IssueMany call from a .jsonl file (each call is all or nothing).</summary>
    public const int FileChunk = 500;

    public static Command Create(CliContext cli) =>
        new("coo", "Certificates of origin: issue, revoke, show, list (chambers); verify, use (the importing member)")
        {
            Issue(cli), Revoke(cli), Show(cli), List(cli), Verify(cli), Use(cli),
        };

    /// <summary>--chamber and --token-file: whose token a call carries.</summary>
    private sealed class TokenOptions
    {
        public TokenOptions(bool chamberRequired, string chamberDescription)
        {
            Chamber = new Option<string?>("--chamber") { Description = chamberDescription, Required = chamberRequired };
            Chamber.Validators.Add(r =>
            {
                if (r.Tokens is [var token])
                {
                    try
                    {
                        Node.Origin.ChamberIds.ParseServed(token.Value, "--chamber");
                    }
                    catch (ArgumentException e)
                    {
                        r.AddError(e.Message);
                    }
                }
            });
            TokenFile = new Option<FileInfo?>("--token-file") { Description = "The token file to send (default: the chamber's chamber-<ID>.token in the data directory)" };
        }

        public Option<string?> Chamber { get; }

        public Option<FileInfo?> TokenFile { get; }

        public void AddTo(Command command)
        {
            command.Options.Add(Chamber);
            command.Options.Add(TokenFile);
        }

        public NodeConnection Open(CliContext cli, ParseResult parse) =>
            NodeConnection.OpenAs(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl), parse.GetValue(Chamber), parse.GetValue(TokenFile));
    }

    private static Command Issue(CliContext cli)
    {
        var tokens = new TokenOptions(chamberRequired: true, "The issuing chamber (its token is sent)");
        var file = new Option<FileInfo>("--file")
        {
            Description = "One certificate as JSON (CertificateOfOriginJson), or a .jsonl file with one certificate per line",
            Required = true,
        };
        var key = new Option<string?>("--idempotency-key") { Description = "With one certificate: retrying with the same key returns the first one" };
        var command = new Command("issue", "Issue certificates of origin as a chamber: signed, stored, anchored in the chamber's next batch") { file, key };
        tokens.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetResult(key) is not null && r.GetValue(file) is { } f && IsJsonLines(f))
                r.AddError("--idempotency-key goes with one certificate, not a .jsonl file.");
        });
        command.SetAction(async (parse, ct) =>
        {
            var input = parse.GetRequiredValue(file);
            if (!input.Exists)
                throw new CliException($"{input.FullName} does not exist.");
            var chamber = parse.GetRequiredValue(tokens.Chamber)!;
            using var connection = tokens.Open(cli, parse);
            if (!IsJsonLines(input))
            {
                var json = await File.ReadAllTextAsync(input.FullName, ct);
                var c = await connection.Origins.IssueAsync(new V1.IssueOriginRequest { Json = json, IdempotencyKey = parse.GetValue(key) ?? "" },
                    connection.Auth, cancellationToken: ct);
                await cli.Out.WriteLineAsync($"Issued {c.Id} (certificate {c.CertificateNumber} of chamber {c.Chamber}, signing key {c.KeyId}); " +
                    "it is anchored in the chamber's next batch.");
                return 0;
            }
            var lines = (await File.ReadAllLinesAsync(input.FullName, ct))
                .Select((line, i) => (line, number: i + 1))
                .Where(x => x.line.Trim().Length > 0)
                .ToList();
            if (lines.Count == 0)
                throw new CliException($"{input.FullName} holds no certificates (one JSON object per line).");
            var issued = 0;
            foreach (var chunk in lines.Chunk(FileChunk))
            {
                var request = new V1.IssueManyOriginRequest();
                request.Requests.AddRange(chunk.Select(l => new V1.IssueOriginRequest { Json = l.line }));
                try
                {
                    issued += (await connection.Origins.IssueManyAsync(request, connection.Auth, cancellationToken: ct)).Certificates.Count;
                }
                catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.AlreadyExists or StatusCode.FailedPrecondition)
                {
                    // IssueMany is all or nothing per call: lines before this chunk are issued, none of it is.
                    throw new CliException($"lines {chunk[0].number}-{chunk[^1].number} were refused and none of them issued " +
                        $"({issued} certificate(s) from earlier lines were): {LineNumbers(e.Status.Detail, chunk)}");
                }
            }
            await cli.Out.WriteLineAsync($"Issued {issued} certificate(s) of chamber {chamber} from {input.Name} in " +
                $"{(lines.Count + FileChunk - 1) / FileChunk} call(s); they are anchored in the chamber's next batches.");
            return 0;
        });
        return command;
    }

    private static Command Revoke(CliContext cli)
    {
        var tokens = new TokenOptions(chamberRequired: true, "The chamber that issued it (its token is sent)");
        var id = IdArgument();
        var reason = CertificateCommands.ReasonOption(required: true, "Reason code 0-255 (contracts/README.md)");
        var effective = CertificateCommands.DateOption("--effective-at", "When it takes effect (default now; never in the future)");
        var command = new Command("revoke", "Revoke a certificate of origin as its chamber (sent from the chamber's account once anchored)") { id, reason, effective };
        tokens.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var connection = tokens.Open(cli, parse);
            var request = new V1.RevokeOriginRequest { Id = parse.GetRequiredValue(id), Reason = parse.GetValue(reason) };
            if (parse.GetValue(effective) is { } at)
                request.EffectiveAt = Timestamp.FromDateTimeOffset(at);
            var c = await connection.Origins.RevokeAsync(request, connection.Auth, cancellationToken: ct);
            await cli.Out.WriteLineAsync($"{c.Id} (certificate {c.CertificateNumber}) is revoked (reason {c.Revocation.Reason}); " +
                (c.AnchorState == V1.AnchorState.Anchored ? "the chamber's account sends the revocation now." : "the revocation follows its anchoring."));
            return 0;
        });
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var tokens = new TokenOptions(chamberRequired: false, "Read as this chamber (its token); default: the operator token");
        var id = IdArgument();
        var json = new Option<bool>("--json") { Description = "Print the certificate as JSON (its fields, status, anchor, proof)" };
        var xml = new Option<FileInfo?>("--xml") { Description = "Write the signed XML document to this file, byte for byte" };
        var proof = new Option<FileInfo?>("--proof") { Description = "Write its proof file (root, index, proof, chain id, registry) to this file" };
        var command = new Command("show", "Show a certificate of origin: status, anchor, revocation, use; write its XML and proof") { id, json, xml, proof };
        tokens.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var connection = tokens.Open(cli, parse);
            var c = await connection.Origins.GetAsync(new V1.GetOriginRequest { Id = parse.GetRequiredValue(id) }, connection.Auth, cancellationToken: ct);
            if (parse.GetValue(proof) is { } proofFile)
                await File.WriteAllTextAsync(proofFile.FullName, OriginProofFile.Write(c), ct);
            if (parse.GetValue(xml) is { } xmlFile)
                await File.WriteAllBytesAsync(xmlFile.FullName, c.Xml.ToByteArray(), ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(Json(c));
                return 0;
            }
            await cli.Out.WriteAsync(Describe(c));
            if (parse.GetValue(xml) is { } x)
                await cli.Out.WriteLineAsync($"wrote the XML to {x.FullName}");
            if (parse.GetValue(proof) is { } p)
                await cli.Out.WriteLineAsync($"wrote the proof to {p.FullName}");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var tokens = new TokenOptions(chamberRequired: false, "List as this chamber (its token): its certificates only; default: every chamber's, with the operator token");
        var status = new Option<string?>("--status") { Description = "Only certificates in this status" };
        status.AcceptOnlyFromAmong("issued", "revoked", "refused");
        var size = new Option<uint>("--page-size") { Description = "Certificates per page (1 to 1000)", DefaultValueFactory = _ => 50 };
        size.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && uint.TryParse(token.Value, CultureInfo.InvariantCulture, out var n) && n is 0 or > 1000)
                r.AddError("--page-size must be between 1 and 1000.");
        });
        var all = new Option<bool>("--all") { Description = "Every page, not only the first" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per certificate" };
        var command = new Command("list", "List certificates of origin") { status, size, all, json };
        tokens.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var connection = tokens.Open(cli, parse);
            var request = new V1.ListOriginRequest
            {
                PageSize = parse.GetValue(size),
                Status = parse.GetValue(status) switch
                {
                    "issued" => V1.OriginStatus.Issued,
                    "revoked" => V1.OriginStatus.Revoked,
                    "refused" => V1.OriginStatus.Refused,
                    _ => V1.OriginStatus.Unspecified,
                },
            };
            var table = new Table().AddColumns("id", "number", "chamber", "exporter", "status", "anchor");
            var count = 0;
            do
            {
                var page = await connection.Origins.ListAsync(request, connection.Auth, cancellationToken: ct);
                foreach (var c in page.Certificates)
                {
                    if (parse.GetValue(json))
                        await cli.Out.WriteLineAsync(JsonFormatter.Default.Format(c));
                    table.AddRow(Markup.Escape(c.Id), Markup.Escape(c.CertificateNumber), Markup.Escape(c.Chamber), Markup.Escape(c.Exporter),
                        Status(c), c.AnchorState == V1.AnchorState.Anchored ? $"block {c.Anchor.BlockNumber}" : c.Status == V1.OriginStatus.Refused ? "never" : "pending");
                    count++;
                }
                request.PageToken = page.NextPageToken;
            }
            while (parse.GetValue(all) && request.PageToken.Length > 0);
            if (parse.GetValue(json))
                return 0;
            var console = cli.Console();
            console.Profile.Width = Math.Max(console.Profile.Width, 200);
            if (count > 0)
                console.Write(table);
            await cli.Out.WriteLineAsync($"{count} certificate(s) of origin{(request.PageToken.Length > 0 ? "; more with --all" : "")}");
            return 0;
        });
        return command;
    }

    private static Command Verify(CliContext cli)
    {
        var file = new Option<FileInfo>("--file") { Description = "The signed XML document", Required = true };
        var proof = new Option<FileInfo>("--proof") { Description = "Its proof file (as 'coo show ID --proof FILE' writes it)", Required = true };
        var at = CertificateCommands.DateOption("--at", "The time asked (default now)");
        var exporter = new Option<bool>("--check-exporter") { Description = "Also require the exporter's AEO status to be recognized under an MRA in force" };
        var verifier = new Option<string?>("--verifier") { Description = "The verifying member (default: this node's)" };
        verifier.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && !Contracts.MemberCode.TryParse(token.Value, out _))
                r.AddError($"--verifier: '{token.Value}' is not a member code such as UZ.");
        });
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON" };
        var command = new Command("verify", "Is a certificate of origin recognized (signed by an authorized chamber, anchored, not revoked)?")
        {
            file, proof, at, exporter, verifier, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var xml = ReadDocument(parse.GetRequiredValue(file));
            var p = OriginProofFile.Read(parse.GetRequiredValue(proof));
            CheckPair(xml, p, parse.GetRequiredValue(file), parse.GetRequiredValue(proof));
            var request = new V1.VerifyOriginRequest
            {
                Xml = ByteString.CopyFrom(xml),
                Root = p.Root.ToString(),
                Index = p.Index,
                CheckExporterAeo = parse.GetValue(exporter),
                Verifier = parse.GetValue(verifier) ?? "",
            };
            request.Proof.AddRange(p.Proof.Select(h => h.ToString()));
            if (parse.GetValue(at) is { } time)
                request.At = Timestamp.FromDateTimeOffset(time);
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var answer = await connection.Origins.VerifyAsync(request, connection.Auth, cancellationToken: ct);
            await cli.Out.WriteAsync(parse.GetValue(json) ? JsonFormatter.Default.Format(answer) + "\n" : Describe(answer));
            return answer.Recognized ? 0 : VerifyCommand.NotRecognized;
        });
        return command;
    }

    private static Command Use(CliContext cli)
    {
        var id = new Argument<string?>("id") { Description = "A certificate this node issued (id or number); or give --file and --proof", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<FileInfo?>("--file") { Description = "The signed XML document (checked first: only a recognized certificate is marked)" };
        var proof = new Option<FileInfo?>("--proof") { Description = "Its proof file" };
        var declaration = new Option<string>("--declaration")
        {
            Description = "The declaration it is used for: up to 32 ASCII characters, written on chain as they are (name no trader), or 0x and 64 hex digits",
            Required = true,
        };
        var command = new Command("use", "Record on chain that this member used a certificate of origin for a declaration (once: a second use is refused)")
        {
            id, file, proof, declaration,
        };
        command.Validators.Add(r =>
        {
            var byFile = r.GetValue(file) is not null || r.GetValue(proof) is not null;
            if (byFile && (r.GetValue(file) is null || r.GetValue(proof) is null))
                r.AddError("--file and --proof go together.");
            else if (byFile == (r.GetValue(id) is not null))
                r.AddError("give a certificate id, or --file and --proof.");
        });
        command.SetAction(async (parse, ct) =>
        {
            var request = new V1.MarkUsedRequest { Declaration = parse.GetRequiredValue(declaration) };
            if (parse.GetValue(id) is { } certificate)
                request.Id = certificate;
            else
            {
                var xml = ReadDocument(parse.GetValue(file)!);
                var p = OriginProofFile.Read(parse.GetValue(proof)!);
                CheckPair(xml, p, parse.GetValue(file)!, parse.GetValue(proof)!);
                request.Xml = ByteString.CopyFrom(xml);
                request.Root = p.Root.ToString();
                request.Index = p.Index;
                request.Proof.AddRange(p.Proof.Select(h => h.ToString()));
            }
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var used = await connection.Origins.MarkUsedAsync(request, connection.Auth, cancellationToken: ct);
            await cli.Out.WriteLineAsync($"Marked used by {used.Use.Member} for declaration {used.Use.Declaration} at {used.Use.UsedAt.ToDateTimeOffset():u} " +
                $"(certificate {used.Root}#{used.Index}; tx {used.TransactionHash}, block {used.BlockNumber}).");
            return 0;
        });
        return command;
    }

    private static Argument<string> IdArgument() => new("id") { Description = "The certificate: its id (urn:uuid:…) or its certificate number" };

    private static bool IsJsonLines(FileInfo file) => file.Extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase);

    private static byte[] ReadDocument(FileInfo file)
    {
        if (!file.Exists)
            throw new CliException($"{file.FullName} does not exist.");
        if (file.Length > ECooLimits.MaxDocumentBytes)
            throw new CliException($"{file.FullName} has {file.Length} bytes; a certificate of origin has at most {ECooLimits.MaxDocumentBytes}.");
        return File.ReadAllBytes(file.FullName);
    }

    private static void CheckPair(byte[] xml, OriginProofFile proof, FileInfo xmlFile, FileInfo proofFile)
    {
        if (proof.DocumentHash is { } expected && ECooDocument.HashOf(xml) != expected)
            throw new CliException($"{proofFile.Name} is the proof of another document than {xmlFile.Name} (document hash {expected}, the file's is {ECooDocument.HashOf(xml)}).");
    }

    // "requests[3].goods[0].hsCode: …" names a line of the chunk: say which line of the file it is.
    private static string LineNumbers(string detail, (string line, int number)[] chunk) =>
        System.Text.RegularExpressions.Regex.Replace(detail, @"requests\[(\d+)\]\.?", m =>
            int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var i) && i < chunk.Length ? $"line {chunk[i].number}: " : m.Value);

    private static string Json(V1.OriginCertificate c)
    {
        // The proto without its bytes, and the certificate's own fields as CertificateOfOriginJson reads them.
        var copy = c.Clone();
        copy.Xml = ByteString.Empty;
        var record = System.Text.Json.Nodes.JsonNode.Parse(JsonFormatter.Default.Format(copy))!.AsObject();
        if (!c.Xml.IsEmpty)
        {
            try
            {
                record["certificate"] = System.Text.Json.Nodes.JsonNode.Parse(CertificateOfOriginJson.Write(ECooReader.Read(c.Xml.Span)));
            }
            catch (Exception e) when (e is ECooFormatException or CertificateOfOriginValidationException)
            {
                record["certificate"] = null; // the node stores what it signed; this would mean a newer format
            }
        }
        return record.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static string Status(V1.OriginCertificate c) => c.Status.ToString().ToLowerInvariant();

    private static string Describe(V1.OriginCertificate c)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"{c.Id}  certificate {c.CertificateNumber} of chamber {c.Chamber}  {Status(c)}");
        text.AppendLine(inv, $"exporter {c.Exporter}; issued {c.IssuedAt.ToDateTimeOffset().ToString("u", inv)}; signed by key {c.KeyId}; document hash {c.DocumentHash}");
        if (c.AnchorState == V1.AnchorState.Anchored)
            text.AppendLine(inv, $"anchored: root {c.Anchor.Root} index {c.Anchor.Index}, block {c.Anchor.BlockNumber}, tx {c.Anchor.TransactionHash}");
        else if (c.Status == V1.OriginStatus.Refused)
            text.AppendLine(inv, $"never anchored: {c.Refusal}");
        else
            text.AppendLine("anchoring: pending (waiting for the chamber's batch or for the chain)");
        if (c.Revocation is { } r)
        {
            var where = r.OnChain ? $"on chain (tx {r.TransactionHash})" : r.Error.Length > 0 ? $"not on chain: {r.Error}" : "waiting for the chain";
            text.AppendLine(inv, $"revoked: reason {r.Reason} from {r.EffectiveAt.ToDateTimeOffset().ToString("u", inv)}, {where}");
        }
        if (c.Use is { } u)
            text.AppendLine(inv, $"used: by {u.Member} for declaration {u.Declaration} at {u.UsedAt.ToDateTimeOffset().ToString("u", inv)}");
        return text.ToString();
    }

    private static string Describe(V1.VerifyOriginResponse a)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"{(a.Recognized ? "RECOGNIZED" : "NOT RECOGNIZED")} by {a.Verifier} at {a.At.ToDateTimeOffset().ToString("u", inv)}");
        if (a.CertificateNumber.Length > 0)
        {
            text.AppendLine(inv, $"  certificate {a.CertificateNumber} of chamber {a.Chamber} ({a.IssuingMember}), exporter {a.Exporter}" +
                $"{(a.ExporterAeoNumber.Length > 0 ? $" (AEO {a.ExporterAeoNumber})" : "")}, key {a.KeyId}");
        }
        if (a.Anchor is { } anchor)
            text.AppendLine(inv, $"  anchored in block {anchor.BlockNumber}, tx {anchor.TransactionHash}, {anchor.AnchoredAt.ToDateTimeOffset().ToString("u", inv)}");
        if (a.Revocation is { } r)
            text.AppendLine(inv, $"  revoked: reason {r.Reason} from {r.EffectiveAt.ToDateTimeOffset().ToString("u", inv)}");
        if (a.Use is { } u)
            text.AppendLine(inv, $"  used: by {u.Member} for declaration {u.Declaration} at {u.UsedAt.ToDateTimeOffset().ToString("u", inv)}");
        foreach (var reason in a.Reasons)
            text.AppendLine(inv, $"  - {reason.Code}: {reason.Message}");
        text.AppendLine(inv, $"  answered from the ledger synced to block {a.SyncedBlock}");
        return text.ToString();
    }
}
