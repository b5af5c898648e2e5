using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Spectre.Console;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>issue, suspend, reinstate, revoke, renew, show, list: thin gRPC calls to the running node.</summary>
internal static class CertificateCommands
{
    /// <summary>Certificates per IssueMany call from a file (each call is all or nothing).</summary>
    public const int FileChunk = 500;

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
        var programmes = new Option<string[]>("--programme") { Description = $"Programme type, repeatable: {CertificateInput.Programmes}" };
        programmes.Validators.Add(r => Each(r, CertificateInput.TryProgramme, "programme type", CertificateInput.Programmes));
        var roles = new Option<string[]>("--role") { Description = $"Role, repeatable: {CertificateInput.Roles}" };
        roles.Validators.Add(r => Each(r, CertificateInput.TryRole, "role", CertificateInput.Roles));
        var from = DateOption("--valid-from", "Start of validity, e.g. 2026-01-01");
        var until = DateOption("--valid-until", "End of validity, e.g. 2029-01-01");
        var due = DateOption("--re-evaluation-due", "Re-evaluation due date, e.g. 2027-06-30");
        var key = new Option<string?>("--idempotency-key") { Description = "Retrying with the same key returns the first certificate" };
        var file = new Option<FileInfo?>("--file") { Description = "Issue every line of a JSON-lines file (the fields above in camelCase; programmes and roles as arrays)" };
        var command = new Command("issue", "Issue an AEO certificate (or many, with --file)") { aeo, name, tin, country, programmes, roles, from, until, due, key, file };
        System.CommandLine.Option[] fields = [aeo, name, tin, country, programmes, roles, from, until, due, key];
        command.Validators.Add(result =>
        {
            if (result.GetResult(file) is not null)
            {
                if (fields.FirstOrDefault(f => result.GetResult(f) is not null) is { } extra)
                    result.AddError($"{extra.Name} and --file exclude each other: the file holds every field.");
                return;
            }
            var missing = fields.Where(f => f != key && result.GetResult(f) is null).Select(f => f.Name).ToList();
            if (missing.Count > 0)
                result.AddError($"missing {string.Join(", ", missing)} (or give --file).");
        });
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            if (parse.GetValue(file) is { } input)
                return await IssueFileAsync(cli, connection, input, ct);
            var request = new V1.IssueRequest
            {
                Subject = new V1.AeoSubject
                {
                    AeoNumber = parse.GetRequiredValue(aeo),
                    LegalName = parse.GetRequiredValue(name),
                    Tin = parse.GetRequiredValue(tin),
                    Country = parse.GetRequiredValue(country),
                },
                ValidFrom = Timestamp.FromDateTimeOffset(parse.GetRequiredValue(from)!.Value),
                ValidUntil = Timestamp.FromDateTimeOffset(parse.GetRequiredValue(until)!.Value),
                ReEvaluationDue = Timestamp.FromDateTimeOffset(parse.GetRequiredValue(due)!.Value),
                IdempotencyKey = parse.GetValue(key) ?? "",
            };
            request.Subject.ProgrammeTypes.AddRange(parse.GetRequiredValue(programmes).Select(p => CertificateInput.Programme(p)));
            request.Subject.Roles.AddRange(parse.GetRequiredValue(roles).Select(r => CertificateInput.Role(r)));
            var certificate = await connection.Client.IssueAsync(request, connection.Auth, cancellationToken: ct);
            await cli.Out.WriteLineAsync($"Issued {certificate.Id} (AEO {certificate.AeoNumber}, signing key {certificate.KeyId}); it is anchored in the next batch.");
            return 0;
        });
        return command;
    }

    private static async Task<int> IssueFileAsync(CliContext cli, NodeConnection connection, FileInfo input, CancellationToken ct)
    {
        if (!input.Exists)
            throw new CliException($"{input.FullName} does not exist.");
        // Every line is checked before anything is sent: a typo on line 9,000 must not leave 8,500 issued.
        var lines = await File.ReadAllLinesAsync(input.FullName, ct);
        var requests = lines
            .Select((line, i) => (line, number: i + 1))
            .Where(x => x.line.Trim().Length > 0)
            .Select(x => (request: CertificateInput.FromJsonLine(x.line, x.number), x.number))
            .ToList();
        if (requests.Count == 0)
            throw new CliException($"{input.FullName} holds no certificates (one JSON object per line).");

        var issued = 0;
        var idempotent = requests.Count(r => r.request.IdempotencyKey.Length > 0);
        await cli.Console().Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask($"Issuing {requests.Count} certificate(s)", maxValue: requests.Count);
            foreach (var chunk in requests.Chunk(FileChunk))
            {
                try
                {
                    var response = await connection.Client.IssueManyAsync(
                        new V1.IssueManyRequest { Requests = { chunk.Select(c => c.request) } }, connection.Auth, cancellationToken: ct);
                    issued += response.Certificates.Count;
                    task.Increment(response.Certificates.Count);
                }
                catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists)
                {
                    // IssueMany is all or nothing per call: lines before this chunk are issued, none of it is.
                    throw new CliException($"lines {chunk[0].number}-{chunk[^1].number} were refused and none of them issued " +
                        $"({issued} certificate(s) from earlier lines were): {e.Status.Detail}");
                }
            }
        });
        await cli.Out.WriteLineAsync(
            $"Issued {issued} certificate(s) from {input.Name} in {(requests.Count + FileChunk - 1) / FileChunk} call(s)" +
            $"{(idempotent > 0 ? $" ({idempotent} with idempotency keys: repeats return the first certificate)" : "")}; they are anchored in the next batches.");
        return 0;
    }

    private static Command Change(CliContext cli, string verb, string description,
        Func<V1.AeoCertificates.AeoCertificatesClient, V1.StatusChangeRequest, Metadata, CancellationToken, Task<V1.Certificate>> call)
    {
        var id = new Argument<string>("id") { Description = "The certificate id (urn:uuid:…)" };
        var reason = ReasonOption(required: true, "Reason code 0-255 (contracts/README.md)");
        var effective = DateOption("--effective-at", "When it takes effect (default now; never in the future)");
        var command = new Command(verb, description) { id, reason, effective };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var request = new V1.StatusChangeRequest { Id = parse.GetRequiredValue(id), Reason = parse.GetValue(reason) };
            if (parse.GetValue(effective) is { } at)
                request.EffectiveAt = Timestamp.FromDateTimeOffset(at);
            var certificate = await call(connection.Client, request, connection.Auth, ct);
            await cli.Out.WriteLineAsync($"{certificate.Id} is now {Status(certificate.Status)}; on chain once anchored ({certificate.PendingChanges} change(s) pending).");
            return 0;
        });
        return command;
    }

    private static Command Renew(CliContext cli)
    {
        var id = new Argument<string>("id") { Description = "The certificate to renew" };
        var from = DateOption("--valid-from", "Start of the new validity", required: true);
        var until = DateOption("--valid-until", "End of the new validity", required: true);
        var due = DateOption("--re-evaluation-due", "Re-evaluation due date", required: true);
        var reason = ReasonOption(required: false, "Reason code 0-255 for the supersession (default 0)");
        var command = new Command("renew", "Issue a renewal and supersede the certificate") { id, from, until, due, reason };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var response = await connection.Client.RenewAsync(new V1.RenewRequest
            {
                Id = parse.GetRequiredValue(id),
                ValidFrom = Timestamp.FromDateTimeOffset(parse.GetRequiredValue(from)!.Value),
                ValidUntil = Timestamp.FromDateTimeOffset(parse.GetRequiredValue(until)!.Value),
                ReEvaluationDue = Timestamp.FromDateTimeOffset(parse.GetRequiredValue(due)!.Value),
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
                : "anchoring: pending (waiting for its batch or for the chain)");
            await cli.Out.WriteLineAsync($"signed by key {c.KeyId}; document hash {c.DocumentHash}; {c.PendingChanges} status change(s) waiting for the chain");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var status = new Option<string?>("--status") { Description = "Only certificates in this status" };
        status.AcceptOnlyFromAmong("active", "suspended", "revoked", "superseded");
        var aeo = new Option<string?>("--aeo-number") { Description = "Only this AEO number" };
        var size = new Option<uint>("--page-size") { Description = "Certificates per page (1 to 1000)", DefaultValueFactory = _ => 50 };
        size.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && uint.TryParse(token.Value, CultureInfo.InvariantCulture, out var n) && n is 0 or > 1000)
                r.AddError("--page-size must be between 1 and 1000.");
        });
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
                    "active" => V1.CertificateStatus.Active,
                    "suspended" => V1.CertificateStatus.Suspended,
                    "revoked" => V1.CertificateStatus.Revoked,
                    "superseded" => V1.CertificateStatus.Superseded,
                    _ => V1.CertificateStatus.Unspecified,
                },
            };
            var table = new Table().AddColumns("id", "AEO number", "status", "anchor", "pending");
            var count = 0;
            do
            {
                var page = await connection.Client.ListAsync(request, connection.Auth, cancellationToken: ct);
                foreach (var c in page.Certificates)
                {
                    table.AddRow(Markup.Escape(c.Id), Markup.Escape(c.AeoNumber), Status(c.Status),
                        c.AnchorState == V1.AnchorState.Anchored ? $"block {c.Anchor.BlockNumber}" : "pending",
                        c.PendingChanges.ToString(CultureInfo.InvariantCulture));
                    count++;
                }
                request.PageToken = page.NextPageToken;
            }
            while (parse.GetValue(all) && request.PageToken.Length > 0);
            var console = cli.Console();
            console.Profile.Width = Math.Max(console.Profile.Width, 160); // ids stay on one line when piped
            if (count > 0)
                console.Write(table);
            await cli.Out.WriteLineAsync($"{count} certificate(s){(request.PageToken.Length > 0 ? "; more with --all" : "")}");
            return 0;
        });
        return command;
    }

    internal static Option<DateTimeOffset?> DateOption(string name, string description, bool required = false) =>
        new(name) { Description = description, CustomParser = DateArgument.Parse, Required = required };

    internal static Option<uint> ReasonOption(bool required, string description)
    {
        var reason = new Option<uint>("--reason") { Description = description, Required = required };
        reason.Validators.Add(r =>
        {
            // A value that is not a uint at all already has System.CommandLine's "Cannot parse" error.
            if (r.Tokens is [var token] && uint.TryParse(token.Value, CultureInfo.InvariantCulture, out var code) && code > 255)
                r.AddError("--reason must be a code from 0 to 255.");
        });
        return reason;
    }

    internal static void Each<T>(OptionResult result, Func<string, T?> parse, string what, string allowed) where T : struct
    {
        foreach (var token in result.Tokens)
        {
            if (parse(token.Value) is null)
                result.AddError($"unknown {what} '{token.Value}' ({allowed}).");
        }
    }

    private static string Status(V1.CertificateStatus status) => status.ToString().ToLowerInvariant();
}
