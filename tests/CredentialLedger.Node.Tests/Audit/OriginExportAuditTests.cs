using System.Text.Json;
using CredentialLedger.Node.Tests.Cli;
using CredentialLedger.Sdk.Audit;
using CredentialLedger.TestKit;

namespace CredentialLedger.Node.Tests.Audit;

/// <summary>
/// <c>audit export-documents</c> on a node whose chamber issued certificates of origin (a batch of five and one alone,
/// two revoked, one used): the export holds every one as a certificate of origin with its XML, root, index and proof;
/// a replay checks them all; a tampered XML is a violation at its anchoring transaction.
/// </summary>
[Collection(ChamberNodeHistoryCollection.Name)]
public sealed class OriginExportAuditTests(ChamberNodeHistory history) : IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _directory = new("origin-export");

    private static IReadOnlyDictionary<string, string?> Env => Credledger.Environment();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_export_holds_every_certificate_of_origin_and_a_replay_with_it_finds_no_violation()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var documents = _directory.File("documents.jsonl");

        var export = await Credledger.RunAsync(Env, cts.Token, "audit", "export-documents", "--data", history.Data, "--out", documents);
        var replay = await Credledger.RunAsync(Env, cts.Token, "audit", "replay", "--data", history.Data, "--documents", documents);

        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.StartsWith($"Wrote 12 document(s) to {documents}: 6 AEO certificate(s) of this node, 0 of partners, 6 certificate(s) of origin;",
            export.Out, StringComparison.Ordinal);
        var exported = AuditDocumentJsonLines.ReadFile(documents).Where(d => d.Kind == AuditDocumentKind.Coo).ToDictionary(d => d.DocumentId);
        Assert.Equal(history.Origin.Select(c => c.Id).Order(StringComparer.Ordinal), exported.Keys.Order(StringComparer.Ordinal));
        foreach (var certificate in history.Origin)
        {
            var document = exported[certificate.Id];
            Assert.Equal(certificate.Xml.ToByteArray(), document.Content.ToArray());
            Assert.Equal(ChamberNodeHistory.Ref(certificate.Anchor), new Sdk.Ledger.CredentialRef(document.Root, document.Index));
            Assert.Equal(certificate.Anchor.Proof, document.Proof.Select(p => p.ToString()));
        }
        Assert.Empty(exported[history.Origin[5].Id].Proof); // the certificate anchored alone: its leaf is the root
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("12 off-chain document(s) checked, 0 not matching; no rule broken.", replay.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_certificate_of_origin_is_a_violation_at_its_anchoring_block_and_transaction_and_the_replay_exits_3()
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        var documents = _directory.File("documents.jsonl");
        var export = await Credledger.RunAsync(Env, cts.Token, "audit", "export-documents", "--data", history.Data, "--out", documents);
        Assert.True(export.ExitCode == 0, export.ToString());
        var target = history.Origin[2];
        // The consignee renamed in the signed XML: the document no longer hashes to its leaf.
        var tampered = AuditDocumentJsonLines.ReadFile(documents).Select(d =>
        {
            if (d.DocumentId != target.Id)
                return d;
            var xml = d.ContentText;
            Assert.Contains("Toshkent Avto Savdo LLC", xml, StringComparison.Ordinal);
            return d with { Content = System.Text.Encoding.UTF8.GetBytes(xml.Replace("Toshkent Avto Savdo LLC", "Toshkent Avto Savdo LLP", StringComparison.Ordinal)) };
        }).ToList();
        await using (var writer = new StreamWriter(documents, append: false))
        {
            foreach (var document in tampered)
                AuditDocumentJsonLines.Write(writer, document);
        }
        var json = _directory.File("report.json");

        var replay = await Credledger.RunAsync(Env, cts.Token, "audit", "replay", "--data", history.Data, "--documents", documents, "--json", json);

        Assert.True(replay.ExitCode == CredentialLedger.Cli.Commands.AuditCommands.ViolationsFound, replay.ToString());
        Assert.Contains("12 off-chain document(s) checked, 1 not matching; 1 VIOLATION(S).", replay.Out, StringComparison.Ordinal);
        var violation = Assert.Single(JsonDocument.Parse(await File.ReadAllBytesAsync(json, cts.Token)).RootElement.GetProperty("violations").EnumerateArray());
        Assert.Equal(AuditRules.DocumentProof, violation.GetProperty("rule").GetString());
        Assert.Equal(target.Anchor.BlockNumber, violation.GetProperty("block").GetUInt64());
        Assert.Equal(target.Anchor.TransactionHash, violation.GetProperty("transaction").GetString());
        Assert.Contains(target.Id, violation.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("coo document", violation.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
