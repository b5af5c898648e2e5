using System.CommandLine;
using Google.Protobuf;
using Spectre.Console;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>issue, suspend, reinstate, revoke, renew, show, list: thin gRPC calls to the running node.</summary>
internal static class CertificateCommands
{
    private const int FileChunk = 500;

    public static IEnumerable<Command> Create(CliContext cli)
    {
        yield return Issue(cli);
        yield return Change(cli, "suspend", "Suspend a certificate (Active → Suspended)", (c, r, a, ct) => c.SuspendAsync(r, a, cancellationToken: ct).ResponseAsync);
        yield return Change(cli, "reinstate", "Reinstate a suspended certificate", (c, r, a, ct) => c.ReinstateAsync(r, a, cancellationToken: ct).ResponseAsync);
        yield return Change(cli, "revoke", "Revoke a certificate for good", (c, r, a, ct) => c.RevokeAsync(r, a, cancellationToken: ct).ResponseAsync);
        yield return Renew(cli);
        yield return Show(cli);
        yield return List(cli);
    }

    private static Command Issue(CliContext cli)
    {
        var aeo = new Option<string?>("--aeo-number") { Description = "The operator's AEO number" };
        var name = new Option<string?>("--legal-name") { Description = "The operator's legal name" };
        var tin = new Option<string?>("--tin") { Description = "Taxpayer identification number" };
        var country = new Option<string?>("--country") { Description = "Country of establishment (ISO 3166-1 alpha-2)" };
        var programmes = new Option<string[]>("--programme") { Description = "AEO-S and/or AEO-C (repeat)", AllowMultipleArgumentsPerToken = true };
        var roles = new Option<string[]>("--role") { Description = "importer, exporter, customs-broker, carrier, warehouse-operator, freight-forwarder, manufacturer (repeat)", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string?>("--valid-from") { Description = "Start of validity, e.g. 2026-01-01" };
        var until = new Option<string?>("--valid-until") { Description = "End of validity" };
        var due = new Option<string?>("--re-evaluation-due") { Description = "Re-evaluation due date" };
        var key = new Option<string?>("--idempotency-key") { Description = "Retrying with the same key returns the first certificate" };
        var file = new Option<FileInfo?>("--file") { Description = "Issue every line of a JSON-lines file (fields as these options, camelCase)" };
        var command = new Command("issue", "Issue an AEO certificate (or many, with --file)") { aeo, name, tin, country, programmes, roles, from, until, due, key, file };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            if (parse.GetValue(file) is { } input)
                return await IssueFileAsync(cli, connection, input, ct);
            string Need(Option<string?> option) => parse.GetValue(option) is { Length: > 0 } v ? v : throw new CliException($"{option.Name} is required (or --file).");
            var request = new V1.IssueRequest
            {
                Subject = new V1.AeoSubject { AeoNumber = Need(aeo), LegalName = Need(name), Tin = Need(tin), Country = Need(country) },
                ValidFrom = CertificateInput.Date(Need(from), "--valid-from"),
                ValidUntil = CertificateInput.Date(Need(until), "--valid-until"),
                ReEvaluationDue = CertificateInput.Date(Need(due), "--re-evaluation-due"),
                IdempotencyKey = parse.GetValue(key) ?? "",
            };
            request.Subject.ProgrammeTypes.AddRange((parse.GetValue(programmes) ?? []).Select(CertificateInput.Programme));
            request.Subject.Roles.AddRange((parse.GetValue(roles) ?? []).Select(CertificateInput.Role));
            var certificate = await connection.Client.IssueAsync(request, connection.Auth, cancellationToken: ct);
            await cli.Out.WriteLineAsync($"Issued {certificate.Id} (key {certificate.KeyId}); anchoring in the next batch.");
            return 0;
        });
        return command;
    }

    private static async Task<int> IssueFileAsync(CliContext cli, NodeConnection connection, FileInfo input, CancellationToken ct)
    {
        if (!input.Exists)
            throw new CliException($"{input.FullName} does not exist.");
        var requests = (await File.ReadAllLinesAsync(input.FullName, ct))
            .Select((line, i) => (line, i))
            .Where(x => x.line.Trim().Length > 0)
            .Select(x => CertificateInput.FromJsonLine(x.line, x.i + 1))
            .ToList();
        var issued = 0;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(cli.Out) });
        await console.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Issuing {requests.Count} certificate(s)", maxValue: requests.Count);
            foreach (var chunk in requests.Chunk(FileChunk))
            {
                var response = await connection.Client.IssueManyAsync(new V1.IssueManyRequest { Requests = { chunk } }, connection.Auth, cancellationToken: ct);
                issued += response.Certificates.Count;
                task.Increment(response.Certificates.Count);
            }
        });
        await cli.Out.WriteLineAsync($"Issued {issued} certificate(s) from {input.Name}; they anchor in the next batches.");
        return 0;
    }

    private static Command Change(CliContext cli, string verb, string description,
        Func<V1.AeoCertificates.AeoCertificatesClient, V1.StatusChangeRequest, Grpc.Core.Metadata, CancellationToken, Task<V1.Certificate>> call)
    {
        var id = new Argument<string>("id") { Description = "The certificate id (urn:uuid:…)" };
        var reason = new Option<uint>("--reason") { Description = "Reason code (contracts/README.md)", Required = true };
        var effective = new Option<string?>("--effective-at") { Description = "When it takes effect (default now; never in the future)" };
        var command = new Command(verb, description) { id, reason, effective };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var request = new V1.StatusChangeRequest { Id = parse.GetRequiredValue(id), Reason = parse.GetValue(reason) };
            if (parse.GetValue(effective) is { } at)
                request.EffectiveAt = CertificateInput.Date(at, "--effective-at");
            var certificate = await call(connection.Client, request, connection.Auth, ct);
            await cli.Out.WriteLineAsync($"{certificate.Id} is now {Status(certificate.Status)}; on chain once anchored ({certificate.PendingChanges} pending).");
            return 0;
        });
        return command;
    }

    private static Command Renew(CliContext cli)
    {
        var id = new Argument<string>("id") { Description = "The certificate to renew" };
        var from = new Option<string>("--valid-from") { Required = true, Description = "Start of the new validity" };
        var until = new Option<string>("--valid-until") { Required = true, Description = "End of the new validity" };
        var due = new Option<string>("--re-evaluation-due") { Required = true, Description = "Re-evaluation due date" };
        var reason = new Option<uint>("--reason") { Description = "Reason code for the supersession (default 0)" };
        var command = new Command("renew", "Issue a renewal and supersede the certificate") { id, from, until, due, reason };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var response = await connection.Client.RenewAsync(new V1.RenewRequest
            {
                Id = parse.GetRequiredValue(id),
                ValidFrom = CertificateInput.Date(parse.GetRequiredValue(from), "--valid-from"),
                ValidUntil = CertificateInput.Date(parse.GetRequiredValue(until), "--valid-until"),
                ReEvaluationDue = CertificateInput.Date(parse.GetRequiredValue(due), "--re-evaluation-due"),
                Reason = parse.GetValue(reason),
            }, connection.Auth, cancellationToken: ct);
            await cli.Out.WriteLineAsync($"Renewed as {response.Renewed.Id}; {response.Superseded.Id} is superseded.");
            return 0;
        });
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var id = new Argument<string>("id") { Description = "The certificate id" };
        var json = new Option<bool>("--json") { Description = "Print the certificate as JSON (JWS, anchor, proof)" };
        var command = new Command("show", "Show a certificate: status, anchor, pending changes") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var c = await connection.Client.GetAsync(new V1.GetRequest { Id = parse.GetRequiredValue(id) }, connection.Auth, cancellationToken: ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(JsonFormatter.Default.Format(c));
                return 0;
            }
            await cli.Out.WriteLineAsync($"{c.Id}  AEO {c.AeoNumber}  {Status(c.Status)}{(c.SupersededBy.Length > 0 ? $" by {c.SupersededBy}" : "")}");
            await cli.Out.WriteLineAsync(c.AnchorState == V1.AnchorState.Anchored
                ? $"anchored: root {c.Anchor.Root} index {c.Anchor.Index}, block {c.Anchor.BlockNumber}, tx {c.Anchor.TransactionHash}"
                : "anchoring: pending");
            await cli.Out.WriteLineAsync($"signed by key {c.KeyId}; document hash {c.DocumentHash}; {c.PendingChanges} change(s) waiting for the chain");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var status = new Option<string?>("--status") { Description = "active, suspended, revoked or superseded" };
        var aeo = new Option<string?>("--aeo-number") { Description = "Only this AEO number" };
        var size = new Option<uint>("--page-size") { Description = "Certificates per page (default 50, at most 1000)", DefaultValueFactory = _ => 50 };
        var all = new Option<bool>("--all") { Description = "Every page, not only the first" };
        var command = new Command("list", "List certificates") { status, aeo, size, all };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var request = new V1.ListRequest
            {
                PageSize = parse.GetValue(size),
                AeoNumber = parse.GetValue(aeo) ?? "",
                Status = parse.GetValue(status) switch
                {
                    null => V1.CertificateStatus.Unspecified,
                    "active" => V1.CertificateStatus.Active,
                    "suspended" => V1.CertificateStatus.Suspended,
                    "revoked" => V1.CertificateStatus.Revoked,
                    "superseded" => V1.CertificateStatus.Superseded,
                    var other => throw new CliException($"--status: '{other}' is not active, suspended, revoked or superseded."),
                },
            };
            var table = new Table().AddColumns("id", "AEO number", "status", "anchor", "pending");
            var count = 0;
            do
            {
                var page = await connection.Client.ListAsync(request, connection.Auth, cancellationToken: ct);
                foreach (var c in page.Certificates)
                {
                    table.AddRow(c.Id, Markup.Escape(c.AeoNumber), Status(c.Status),
                        c.AnchorState == V1.AnchorState.Anchored ? $"block {c.Anchor.BlockNumber}" : "pending", c.PendingChanges.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    count++;
                }
                request.PageToken = page.NextPageToken;
            }
            while (parse.GetValue(all) && request.PageToken.Length > 0);
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(cli.Out) });
            console.Profile.Width = Math.Max(console.Profile.Width, 160); // ids stay on one line when piped
            console.Write(table);
            await cli.Out.WriteLineAsync($"{count} certificate(s){(request.PageToken.Length > 0 ? "; more with --all" : "")}");
            return 0;
        });
        return command;
    }

    private static string Status(V1.CertificateStatus status) => status.ToString().ToLowerInvariant();
}
