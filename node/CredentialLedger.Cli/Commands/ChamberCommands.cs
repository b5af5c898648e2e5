using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Google.Protobuf;
using Spectre.Console;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// <c>credledger chamber authorize|suspend|reinstate|withdraw|list|show</c>: the member's acts on the chambers of
/// commerce its node serves, with the operator token. Writes answer once the transaction is confirmed.
/// </summary>
internal static class ChamberCommands
{
    public static Command Create(CliContext cli) => new("chamber", "Chambers of commerce served by this node: authorize, suspend, reinstate, withdraw, list, show")
    {
        Authorize(cli),
        Act(cli, "suspend", "Suspend a chamber: its issuance stops at once (it may be reinstated)", reasonRequired: true,
            (c, r, a, ct) => c.SuspendAsync(r, a, cancellationToken: ct).ResponseAsync,
            c => $"Chamber {c.Id} is suspended (reason {c.Reason}): it issues nothing until reinstated; what it issued before stays valid."),
        Act(cli, "reinstate", "Reinstate a suspended chamber", reasonRequired: false,
            (c, r, a, ct) => c.ReinstateAsync(r, a, cancellationToken: ct).ResponseAsync,
            c => $"Chamber {c.Id} is active again: it may issue."),
        Act(cli, "withdraw", "Withdraw a chamber's authorization, for good (what it issued before stays valid)", reasonRequired: true,
            (c, r, a, ct) => c.WithdrawAsync(r, a, cancellationToken: ct).ResponseAsync,
            c => $"Chamber {c.Id} is withdrawn, for good (reason {c.Reason}); what it issued before stays valid."),
        List(cli),
        Show(cli),
    };

    private static Command Authorize(CliContext cli)
    {
        var id = new Option<string>("--id") { Description = "The chamber id: 1 to 16 letters, digits, '-', '_' or '.', e.g. KR-KCCI", Required = true };
        id.Validators.Add(r =>
        {
            if (r.Tokens is [var token])
            {
                try
                {
                    Node.Origin.ChamberIds.ParseServed(token.Value, "--id");
                }
                catch (ArgumentException e)
                {
                    r.AddError(e.Message);
                }
            }
        });
        var name = new Option<string>("--name") { Description = "The chamber's name, e.g. \"Korea Chamber of Commerce and Industry\"", Required = true };
        var command = new Command("authorize",
            "Onboard a chamber: its keys in the keystore, authorized and its key registered on chain, its account funded, its token file written")
        { id, name };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var done = await connection.Chambers.AuthorizeAsync(
                new V1.AuthorizeChamberRequest { Id = parse.GetRequiredValue(id), Name = parse.GetRequiredValue(name) }, connection.Auth, cancellationToken: ct);
            var c = done.Chamber;
            await cli.Out.WriteLineAsync($"Chamber {c.Id} ({c.Name}) is authorized by {c.Member}: account {c.Account}, signing key {c.SigningKeyId}.");
            foreach (var step in done.Steps)
                await cli.Out.WriteLineAsync($"  - {step}");
            await cli.Out.WriteLineAsync($"Its token file is {done.TokenFile}: hand it to the chamber (the token is not printed).");
            return 0;
        });
        return command;
    }

    private static Command Act(CliContext cli, string verb, string description, bool reasonRequired,
        Func<V1.Chambers.ChambersClient, V1.ChamberActRequest, Grpc.Core.Metadata, CancellationToken, Task<V1.Chamber>> call, Func<V1.Chamber, string> done)
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
            var request = new V1.ChamberActRequest { Id = parse.GetRequiredValue(id), Reason = reason is null ? 0 : parse.GetValue(reason) };
            var chamber = await call(connection.Chambers, request, connection.Auth, ct);
            await cli.Out.WriteLineAsync($"{done(chamber)} (tx {chamber.TransactionHash}, block {chamber.BlockNumber})");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "Print the chambers as JSON" };
        var command = new Command("list", "List this member's chambers: those served by this node, and those the chain knows") { json };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var response = await connection.Chambers.ListAsync(new V1.ListChambersRequest(), connection.Auth, cancellationToken: ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(JsonFormatter.Default.Format(response));
                return 0;
            }
            var table = new Table().AddColumns("id", "name", "status", "account", "certificates", "balance (ETH)", "token file");
            foreach (var c in response.Chambers)
            {
                table.AddRow(Markup.Escape(c.Id), Markup.Escape(c.Name), Status(c), c.Account, c.Certificates.ToString(CultureInfo.InvariantCulture),
                    Ether(c.BalanceWei), c.TokenFile.Length > 0 ? Markup.Escape(Path.GetFileName(c.TokenFile)) : "-");
            }
            var console = cli.Console();
            console.Profile.Width = Math.Max(console.Profile.Width, 200);
            if (response.Chambers.Count > 0)
                console.Write(table);
            await cli.Out.WriteLineAsync($"{response.Chambers.Count} chamber(s) (chain statuses as of block {response.SyncedBlock})");
            return 0;
        });
        return command;
    }

    private static Command Show(CliContext cli)
    {
        var id = IdArgument();
        var json = new Option<bool>("--json") { Description = "Print the chamber as JSON" };
        var command = new Command("show", "Show a chamber: status, account and balance, signing key, certificates, token file") { id, json };
        command.SetAction(async (parse, ct) =>
        {
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var c = await connection.Chambers.GetAsync(new V1.GetChamberRequest { Id = parse.GetRequiredValue(id) }, connection.Auth, cancellationToken: ct);
            if (parse.GetValue(json))
            {
                await cli.Out.WriteLineAsync(JsonFormatter.Default.Format(c));
                return 0;
            }
            await cli.Out.WriteLineAsync($"Chamber {c.Id}{(c.Name.Length > 0 ? $" ({c.Name})" : "")} of {c.Member}: {Status(c)}");
            await cli.Out.WriteLineAsync($"account {(c.Account.Length > 0 ? c.Account : "-")}, balance {Ether(c.BalanceWei)} ETH");
            await cli.Out.WriteLineAsync($"signing key {(c.SigningKeyId.Length > 0 ? c.SigningKeyId : "- (not served by this node)")}");
            await cli.Out.WriteLineAsync($"{c.Certificates} certificate(s) issued through this node; token file {(c.TokenFile.Length > 0 ? c.TokenFile : "-")}");
            return 0;
        });
        return command;
    }

    private static Argument<string> IdArgument() => new("id") { Description = "The chamber id, e.g. KR-KCCI" };

    private static string Status(V1.Chamber c) => c.Status switch
    {
        V1.ChamberStatus.Suspended => $"suspended (reason {c.Reason})",
        V1.ChamberStatus.Withdrawn => $"withdrawn (reason {c.Reason})",
        var s => s.ToString().ToLowerInvariant(),
    };

    private static string Ether(string wei) =>
        BigInteger.TryParse(wei, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? ((decimal)(value / 1_000_000_000) / 1_000_000_000m).ToString("0.######", CultureInfo.InvariantCulture)
            : "?";
}
