using System.CommandLine;
using System.Globalization;
using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Contracts.Deployment;
using CredentialLedger.Contracts.Errors;
using CredentialLedger.Evm.Rpc;
using CredentialLedger.Node;
using CredentialLedger.Sdk.Bundles;
using Google.Protobuf;
using V1 = CredentialLedger.Sdk.Node.V1;

namespace CredentialLedger.Cli.Commands;

/// <summary>
/// <c>credledger verify</c>: asks the node whether a certificate is recognized (by AEO number, or a certificate file as
/// <c>show --json</c> prints it), or re-checks a proof bundle offline; <c>credledger bundle export</c> writes one.
/// Exit 0: recognized (or the bundle holds); 3: not recognized (or the bundle does not hold); 1: an error.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Exit code when the answer is "not recognized".</summary>
    public const int NotRecognized = 3;

    public static Command Create(CliContext cli)
    {
        var aeoNumber = new Option<string?>("--aeo-number") { Description = "Verify the certificate the node holds for this AEO number (its own, or pulled from a partner)" };
        var certificate = new Option<FileInfo?>("--certificate") { Description = "Verify this certificate (JSON as 'credledger show ID --json' prints it)" };
        var bundle = new Option<FileInfo?>("--bundle") { Description = "Re-check a proof bundle offline (no node needed)" };
        var confirm = new Option<bool>("--confirm-on-chain") { Description = "With --bundle: also check its blocks, receipt and logs against the chain (node.json's RPC URL, or --rpc)" };
        var rpc = new Option<Uri?>("--rpc") { Description = "With --confirm-on-chain: the chain's JSON-RPC URL", CustomParser = UriArgument.Parse };
        var (verifier, at, json) = Common();
        var command = new Command("verify", "Is a certificate recognized (genuine, anchored, in force, under an MRA in force)? Or: re-check a proof bundle")
        {
            aeoNumber, certificate, bundle, confirm, rpc, verifier, at, json,
        };
        command.Validators.Add(r =>
        {
            var given = new[] { r.GetValue(aeoNumber) is not null, r.GetValue(certificate) is not null, r.GetValue(bundle) is not null }.Count(x => x);
            if (given != 1)
                r.AddError("give exactly one of --aeo-number, --certificate or --bundle.");
            else if ((r.GetValue(confirm) || r.GetResult(rpc) is not null) && r.GetValue(bundle) is null)
                r.AddError("--confirm-on-chain and --rpc go with --bundle.");
        });
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(bundle) is { } file)
                return await CheckBundleAsync(cli, parse, file, parse.GetValue(confirm), parse.GetValue(rpc), ct);
            var request = new V1.VerifyRequest { Verifier = parse.GetValue(verifier) ?? "" };
            if (parse.GetValue(at) is { } time)
                request.At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(time);
            if (parse.GetValue(aeoNumber) is { } number)
                request.AeoNumber = number;
            else
            {
                var c = ReadCertificate(parse.GetValue(certificate)!);
                request.Jws = c.Jws;
                request.Root = c.Anchor.Root;
                request.Index = c.Anchor.Index;
                request.Proof.AddRange(c.Anchor.Proof);
            }
            using var connection = NodeConnection.Open(parse.GetRequiredValue(cli.Data), parse.GetValue(cli.NodeUrl));
            var answer = await connection.Verification.VerifyAsync(request, connection.Auth, cancellationToken: ct);
            await cli.Out.WriteAsync(parse.GetValue(json) ? JsonFormatter.Default.Format(answer) + Environment.NewLine : Describe(answer));
            return answer.Recognized ? 0 : NotRecognized;
        });
        return command;
    }

    /// <summary><c>credledger bundle export</c>: a proof bundle for a certificate of this node, read from the chain.</summary>
    public static Command CreateBundle(CliContext cli)
    {
        var id = new Option<string?>("--id") { Description = "A certificate of this node, by id" };
        var certificate = new Option<FileInfo?>("--certificate") { Description = "A certificate file (as 'credledger show ID --json' prints it)" };
        var output = new Option<FileInfo>("--out") { Description = "The bundle file to write", Required = true };
        var (verifier, at, _) = Common();
        var export = new Command("export", "Export a self-contained proof bundle of a verification, for a later offline re-check") { id, certificate, output, verifier, at };
        export.Validators.Add(r =>
        {
            if ((r.GetValue(id) is null) == (r.GetValue(certificate) is null))
                r.AddError("give exactly one of --id or --certificate.");
        });
        export.SetAction(async (parse, ct) =>
        {
            var data = parse.GetRequiredValue(cli.Data);
            var options = NodeOptions.Load(data);
            V1.Certificate c;
            if (parse.GetValue(certificate) is { } file)
                c = ReadCertificate(file);
            else
            {
                using var connection = NodeConnection.Open(data, parse.GetValue(cli.NodeUrl));
                c = await connection.Client.GetAsync(new V1.GetRequest { Id = parse.GetValue(id)! }, connection.Auth, cancellationToken: ct);
            }
            var presented = Sdk.Exchange.ExchangeClient.ToPresented(c)
                ?? throw new CliException($"certificate {c.Id} is not anchored yet: a bundle needs its anchor and proof.");
            var network = await RegistryNetwork.LoadAsync(options.Resolve(options.NetworkFile), ct);
            using var http = new HttpClient { BaseAddress = options.RpcUrl, Timeout = Timeout.InfiniteTimeSpan };
            var client = new EthClient(new JsonRpcClient(http), revertDecoder: RegistryErrors.CreateRevertDecoder());
            var member = parse.GetValue(verifier) is { } v ? MemberCode.Parse(v) : MemberCode.Parse(options.Member);
            var bundle = await ProofBundleExporter.ExportAsync(client, network, presented, member, parse.GetValue(at) ?? TimeProvider.System.GetUtcNow(), ct);
            var path = parse.GetRequiredValue(output).FullName;
            await bundle.SaveAsync(path, ct);
            await cli.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {path}: {(bundle.Recorded.Recognized ? "recognized" : "not recognized")} by {member} at {bundle.At:u}, {bundle.Logs.Count} registry logs up to block {bundle.TakenAt.Number}."));
            return 0;
        });
        return new Command("bundle", "Proof bundles: self-contained evidence of a verification") { export };
    }

    private static (Option<string?> Verifier, Option<DateTimeOffset?> At, Option<bool> Json) Common()
    {
        var verifier = new Option<string?>("--verifier") { Description = "The verifying member (default: this node's)" };
        verifier.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && !MemberCode.TryParse(token.Value, out _))
                r.AddError($"--verifier: '{token.Value}' is not a member code such as UZ.");
        });
        var at = new Option<DateTimeOffset?>("--at") { Description = "The time asked (default: now)", CustomParser = DateArgument.Parse };
        var json = new Option<bool>("--json") { Description = "Print the answer as JSON" };
        return (verifier, at, json);
    }

    private static async Task<int> CheckBundleAsync(CliContext cli, ParseResult parse, FileInfo file, bool confirm, Uri? rpc, CancellationToken ct)
    {
        if (!file.Exists)
            throw new CliException($"{file.FullName} does not exist.");
        if (file.Length > 64L * 1024 * 1024)
            throw new CliException($"{file.FullName} is larger than 64 MiB: not a proof bundle.");
        var check = ProofBundleVerifier.Check(await File.ReadAllTextAsync(file.FullName, ct));
        await cli.Out.WriteAsync(check.ToSummary());
        var holds = check.Holds;
        if (confirm && check.Bundle is { } bundle)
        {
            var url = rpc ?? NodeOptions.Load(parse.GetRequiredValue(cli.Data)).RpcUrl
                ?? throw new CliException("no chain to confirm against: pass --rpc URL.");
            using var http = new HttpClient { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
            var confirmation = await ProofBundleVerifier.ConfirmOnChainAsync(new EthClient(new JsonRpcClient(http)), bundle, ct);
            await cli.Out.WriteAsync(confirmation.ToSummary());
            holds &= confirmation.IsConfirmed;
        }
        return holds ? 0 : NotRecognized;
    }

    private static V1.Certificate ReadCertificate(FileInfo file)
    {
        if (!file.Exists)
            throw new CliException($"{file.FullName} does not exist.");
        V1.Certificate c;
        try
        {
            c = JsonParser.Default.Parse<V1.Certificate>(File.ReadAllText(file.FullName));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new CliException($"{file.FullName} is not a certificate as 'credledger show ID --json' prints it: {e.Message}");
        }
        if (string.IsNullOrEmpty(c.Jws) || c.Anchor is null)
            throw new CliException($"{file.FullName} has no JWS or no anchor: export it once the certificate is anchored.");
        return c;
    }

    private static string Describe(V1.VerifyResponse a)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var when = a.At.ToDateTimeOffset().ToString("u", c);
        text.AppendLine(c, $"{(a.Recognized ? "RECOGNIZED" : "NOT RECOGNIZED")} by {a.Verifier} at {when}");
        if (a.CredentialId.Length > 0)
            text.AppendLine(c, $"  {a.Issuer} certificate {a.CredentialId}, AEO {a.AeoNumber} ({a.LegalName}), key {a.KeyId}");
        if (a.Status != V1.CertificateStatus.Unspecified)
            text.AppendLine(c, $"  status on chain: {a.Status.ToString().ToLowerInvariant()}");
        if (a.Mra is { } m)
            text.AppendLine(c, $"  under MRA {m.MraId} version {m.Version} ({string.Join(", ", m.Parties)}): {string.Join(", ", m.Programmes.Select(p => p == V1.ProgrammeType.AeoS ? "AEO-S" : "AEO-C"))}; benefits 0x{m.Benefits:x}");
        if (a.Anchor is { } anchor)
            text.AppendLine(c, $"  anchored in block {anchor.BlockNumber}, tx {anchor.TransactionHash}, {anchor.AnchoredAt.ToDateTimeOffset().ToString("u", c)}");
        foreach (var reason in a.Reasons)
            text.AppendLine(c, $"  - {reason.Code}: {reason.Message}");
        text.AppendLine(c, $"  answered from the ledger synced to block {a.SyncedBlock}{(a.SyncedAt is null ? " (never synced)" : $" at {a.SyncedAt.ToDateTimeOffset().ToString("u", c)}")}");
        return text.ToString();
    }
}
