using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// <c>credledger mra propose|accept|amend|suspend|resume|terminate|show|list|recognition</c>: thin calls to the
/// node's Mras service. Writes answer once the transaction is confirmed; the node checks the input and the chain
/// the rest, and a refusal is one line.
/// </summary>
internal static class MraCommands
{
    public static Command Create(CliContext cli) => new("mra", "Mutual Recognition Arrangements: propose, accept, amend, suspend, resume, terminate, show, list, recognition")
    {
        Propose(cli), Accept(cli), Amend(cli),
        Act(cli, "suspend", "Suspend an active MRA (any party may)", reasonRequired: true,
            (c, id, reason, auth, ct) => c.SuspendAsync(new V1.SuspendMraRequest { MraId = id, Reason = reason }, auth, cancellationToken: ct).ResponseAsync,
            m => $"MRA {m.Id} is suspended: it is not in force until a party resumes it."),
        Act(cli, "resume", "Lift an MRA's suspension (any party may)", reasonRequired: false,
            (c, id, _, auth, ct) => c.ResumeAsync(new V1.ResumeMraRequest { MraId = id }, auth, cancellationToken: ct).ResponseAsync,
            m => $"MRA {m.Id} is active again; {InForce(m)}."),
        Act(cli, "terminate", "Terminate an MRA for good (any party may)", reasonRequired: true,
            (c, id, reason, auth, ct) => c.TerminateAsync(new V1.TerminateMraRequest { MraId = id, Reason = reason }, auth, cancellationToken: ct).ResponseAsync,
            m => $"MRA {m.Id} is terminated, for good."),
        Show(cli), List(cli), Recognition(cli),
    };

    private static Command Propose(CliContext cli)
    {
        var parties = new Option<string[]>("--party") { Description = "A party's member code, repeatable; this node's member among them (e.g. --party KR --party UZ)", Required = true };
        parties.Validators.Add(r =>
        {
            foreach (var token in r.Tokens.Where(t => !MraInput.IsMember(t.Value)))
                r.AddError($"'{token.Value}' is not a member code (an ISO 3166-1 alpha-2 code in capitals, such as UZ).");
        });
        var terms = new TermsOptions();
        var command = new Command("propose", "Propose an MRA (version 1, accepted by this member at once)") { parties };
        terms.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var request = new V1.ProposeMraRequest { Terms = terms.Read(parse) };
            request.Parties.AddRange(parse.GetRequiredValue(parties));
            var change = await connection.Mras.ProposeAsync(request, connection.Auth, cancellationToken: ct);
            var m = change.Mra;
            await cli.Out.WriteLineAsync($"Proposed MRA {m.Id} (version {change.Version}) between {string.Join(", ", m.Parties)}: " +
                $"{Acceptance(m.LatestTerms)}. {Transaction(change)}");
            return 0;
        });
        return command;
    }

    private static Command Accept(CliContext cli)
    {
        var id = IdArgument();
        var version = new Option<uint>("--version") { Description = "The version whose terms this member accepts: the latest (see 'mra show')", Required = true };
        version.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && uint.TryParse(token.Value, CultureInfo.InvariantCulture, out var v) && v == 0)
                r.AddError("--version starts at 1.");
        });
        var command = new Command("accept", "Accept the latest version of an MRA this member is party to") { id, version };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var change = await connection.Mras.AcceptAsync(new V1.AcceptMraRequest { MraId = parse.GetValue(id), Version = parse.GetValue(version) },
                connection.Auth, cancellationToken: ct);
            var m = change.Mra;
            var accepted = parse.GetValue(version);
            await cli.Out.WriteLineAsync(m.ConcludedVersion == accepted
                ? $"Accepted MRA {m.Id} version {accepted}: every party has, so it is concluded; {InForce(m)}. {Transaction(change)}"
                : $"Accepted MRA {m.Id} version {accepted}: {Acceptance(m.LatestTerms)}. {Transaction(change)}");
            return 0;
        });
        return command;
    }

    private static Command Amend(CliContext cli)
    {
        var id = IdArgument();
        var terms = new TermsOptions();
        var command = new Command("amend", "Open a new version of an MRA's terms (accepted by this member; the others must accept it)") { id };
        terms.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var change = await connection.Mras.AmendAsync(new V1.AmendMraRequest { MraId = parse.GetValue(id), Terms = terms.Read(parse) },
                connection.Auth, cancellationToken: ct);
            var m = change.Mra;
            var governs = m.ConcludedVersion == change.Version ? "it is concluded"
                : m.ConcludedVersion == 0 ? "no version is concluded yet"
                : $"version {m.ConcludedVersion} stays in force until version {change.Version} is concluded";
            await cli.Out.WriteLineAsync($"MRA {m.Id} version {change.Version} opened: {Acceptance(m.LatestTerms)}; {governs}. {Transaction(change)}");
            return 0;
        });
        return command;
    }

    private static Command Act(CliContext cli, string verb, string description, bool reasonRequired,
        Func<V1.Mras.MrasClient, ulong, uint, Grpc.Core.Metadata, CancellationToken, Task<V1.MraChange>> call, Func<V1.Mra, string> done)
    {
        var id = IdArgument();
        var command = new Command(verb, description) { id };
        Option<uint>? reason = null;
        if (reasonRequired)
        {
            reason = CertificateCommands.ReasonOption(required: true, "Reason code 0-255 (contracts/README.md)");
            command.Options.Add(reason);
        }
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var change = await call(connection.Mras, parse.GetValue(id), reason is null ? 0 : parse.GetValue(reason), connection.Auth, ct);
            await cli.Out.WriteLineAsync($"{done(change.Mra)} {Transaction(change)}");
            return 0;
        });
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var id = IdArgument();
        var json = new Option<bool>("--json") { Description = "Print the MRA as JSON" };
        var command = new Command("show", "Show an MRA: parties, status, concluded and latest terms, acceptances, in force now") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var m = await connection.Mras.GetAsync(new V1.GetMraRequest { MraId = parse.GetValue(id) }, connection.Auth, cancellationToken: ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(JsonFormatter.Default.Format(m));
                return 0;
            }
            await cli.Out.WriteLineAsync($"MRA {m.Id}  {string.Join(", ", m.Parties)}  {MraInput.Status(m.Status)}  {InForce(m)} " +
                $"(at {m.EvaluatedAt.ToDateTimeOffset():u}, block {m.BlockNumber})");
            if (m.ConcludedTerms is { } concluded)
                await cli.Out.WriteLineAsync($"concluded: {Terms(concluded)}");
            else
                await cli.Out.WriteLineAsync("concluded: none yet (every party must accept a version)");
            if (m.LatestVersion != m.ConcludedVersion)
                await cli.Out.WriteLineAsync($"latest:    {Terms(m.LatestTerms)}; {Acceptance(m.LatestTerms)}");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "Print the MRAs as JSON" };
        var command = new Command("list", "List the MRAs this member is party to") { json };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var response = await connection.Mras.ListAsync(new V1.ListMrasRequest(), connection.Auth, cancellationToken: ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(JsonFormatter.Default.Format(response));
                return 0;
            }
            var table = new Table().AddColumns("id", "parties", "status", "in force", "concluded", "latest", "scope", "valid", "awaiting");
            foreach (var m in response.Mras)
            {
                var governing = m.ConcludedTerms ?? m.LatestTerms;
                table.AddRow(m.Id.ToString(CultureInfo.InvariantCulture), string.Join(", ", m.Parties), MraInput.Status(m.Status),
                    m.InForce ? "yes" : "no", m.ConcludedVersion == 0 ? "-" : $"v{m.ConcludedVersion}", $"v{m.LatestVersion}",
                    Markup.Escape(MraInput.Scope(governing)), Markup.Escape(MraInput.Validity(governing)),
                    m.LatestTerms.Awaiting.Count == 0 ? "-" : string.Join(", ", m.LatestTerms.Awaiting));
            }
            var console = cli.Console();
            console.Profile.Width = Math.Max(console.Profile.Width, 160);
            if (response.Mras.Count > 0)
                console.Write(table);
            await cli.Out.WriteLineAsync($"{response.Mras.Count} MRA(s) at block {response.BlockNumber}");
            return 0;
        });
        return command;
    }

    private static Command Recognition(CliContext cli)
    {
        var member = new Argument<string?>("member") { Description = "A member code (default: this node's member)", Arity = ArgumentArity.ZeroOrOne };
        member.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && !MraInput.IsMember(token.Value))
                r.AddError($"'{token.Value}' is not a member code (an ISO 3166-1 alpha-2 code in capitals, such as UZ).");
        });
        var at = CertificateCommands.DateOption("--at", "The time to answer for (default now)");
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON" };
        var command = new Command("recognition", "What a member recognizes (whose AEO programmes, under which MRA) and what recognizes it") { member, at, json };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var request = new V1.RecognitionRequest { Member = parse.GetValue(member) ?? "" };
            if (parse.GetValue(at) is { } time)
                request.At = Timestamp.FromDateTimeOffset(time);
            var r = await connection.Mras.RecognitionAsync(request, connection.Auth, cancellationToken: ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(JsonFormatter.Default.Format(r));
                return 0;
            }
            await cli.Out.WriteLineAsync($"{r.Member} at {r.At.ToDateTimeOffset():u} (block {r.BlockNumber})" +
                (r.Active ? "" : ": not an active member, so it recognizes nothing and nothing recognizes it"));
            var console = cli.Console();
            console.Profile.Width = Math.Max(console.Profile.Width, 160);
            await WriteAsync(cli, console, $"{r.Member} recognizes", "issuer", r.Recognizes, x => x.Issuer);
            await WriteAsync(cli, console, $"{r.Member} is recognized by", "verifier", r.RecognizedBy, x => x.Verifier);
            return 0;
        });
        return command;
    }

    private static async Task WriteAsync(CliContext cli, IAnsiConsole console, string title, string column,
        IReadOnlyCollection<V1.Recognized> entries, Func<V1.Recognized, string> other)
    {
        await cli.Out.WriteLineAsync($"{title}: {(entries.Count == 0 ? "nothing" : "")}".TrimEnd());
        if (entries.Count == 0)
            return;
        var table = new Table().AddColumns(column, "programme", "MRA", "version", "benefits");
        foreach (var e in entries)
        {
            table.AddRow(other(e), MraInput.Programme(e.Programme, e.ProgrammeBit), e.MraId.ToString(CultureInfo.InvariantCulture),
                $"v{e.Version}", Markup.Escape(MraInput.BenefitList(e.Benefits, e.BenefitsMask)));
        }
        console.Write(table);
    }

    private static Argument<ulong> IdArgument()
    {
        var id = new Argument<ulong>("id") { Description = "The MRA id (from 1)" };
        id.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && ulong.TryParse(token.Value, CultureInfo.InvariantCulture, out var n) && n == 0)
                r.AddError("MRA ids start at 1.");
        });
        return id;
    }

    private static string Terms(V1.MraTerms t) =>
        $"version {t.Version}  {MraInput.Scope(t)}  benefits: {MraInput.BenefitList(t.Benefits, t.BenefitsMask)}  valid {MraInput.Validity(t)}";

    private static string Acceptance(V1.MraTerms t) =>
        $"accepted by {string.Join(", ", t.AcceptedBy)}" + (t.Awaiting.Count == 0 ? "" : $", awaiting {string.Join(", ", t.Awaiting)}");

    private static string InForce(V1.Mra m) => m.InForce ? "in force" : "not in force";

    private static string Transaction(V1.MraChange change) => $"(tx {change.TransactionHash}, block {change.BlockNumber})";

    /// <summary>The terms options of propose and amend.</summary>
    private sealed class TermsOptions
    {
        private readonly Option<string[]> _scope = new("--scope") { Description = $"A programme recognized, repeatable: {CertificateInput.Programmes}", Required = true };
        private readonly Option<string[]> _benefits = new("--benefit") { Description = $"A benefit granted, repeatable: {MraInput.Benefits}" };
        private readonly Option<DateTimeOffset?> _from = CertificateCommands.DateOption("--valid-from", "First day in force, e.g. 2026-01-01", required: true);
        private readonly Option<DateTimeOffset?> _until = CertificateCommands.DateOption("--valid-until", "First day no longer in force (default: no end)");

        public TermsOptions()
        {
            _scope.Validators.Add(r => CertificateCommands.Each(r, CertificateInput.TryProgramme, "programme type", CertificateInput.Programmes));
            _benefits.Validators.Add(r => CertificateCommands.Each(r, MraInput.TryBenefit, "benefit", MraInput.Benefits));
        }

        public void AddTo(Command command)
        {
            command.Options.Add(_scope);
            command.Options.Add(_benefits);
            command.Options.Add(_from);
            command.Options.Add(_until);
        }

        public V1.MraTermsInput Read(ParseResult parse)
        {
            var terms = new V1.MraTermsInput { ValidFrom = Timestamp.FromDateTimeOffset(parse.GetRequiredValue(_from)!.Value) };
            terms.Scope.AddRange(parse.GetRequiredValue(_scope).Select(p => CertificateInput.Programme(p)));
            terms.Benefits.AddRange((parse.GetValue(_benefits) ?? []).Select(b => MraInput.TryBenefit(b)!.Value));
            if (parse.GetValue(_until) is { } until)
                terms.ValidUntil = Timestamp.FromDateTimeOffset(until);
            return terms;
        }
    }
}
