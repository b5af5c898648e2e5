using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Audit;
using static CredentialLedger.Sdk.Tests.Audit.ForgedChain;

namespace CredentialLedger.Sdk.Tests.Audit;

/// <summary>Off-chain documents against the anchored roots: genuine ones pass, any tampering is a violation where the root was anchored.</summary>
public sealed class AuditDocumentTests
{
    [Fact]
    public void Genuine_certificates_pass_and_a_tampered_one_is_a_violation_at_its_anchoring_transaction()
    {
        using var chain = Legal();
        var documents = chain.AnchorCertificates(KrOp, KR, chain.KrKey, 3);
        var anchoring = chain.State.CredentialBatch(documents[0].Root)!.Anchored;
        var jws = documents[1].ContentText;
        // One character of the payload changed: the hash, and so the proof, no longer match.
        var dot = jws.IndexOf('.', StringComparison.Ordinal);
        var tampered = AuditDocument.Aeo("aeo-1", jws[..(dot + 5)] + (jws[dot + 5] == 'A' ? 'B' : 'A') + jws[(dot + 6)..], documents[1].Root, 1, documents[1].Proof);

        var report = chain.State.ToReport(31337, Registries, new AuditRange(0, chain.LastBlock, TxHash(99), chain.Now), [documents[0], tampered, documents[2]]);

        Assert.Equal([true, false, true], report.DocumentChecks.Select(c => c.Valid));
        var failed = report.DocumentChecks[1];
        Assert.Equal((AuditRules.DocumentProof, (MemberCode?)KR), (failed.Rule, failed.Issuer));
        var violation = Assert.Single(report.Violations);
        Assert.Equal((anchoring.Block, anchoring.Transaction, anchoring.LogIndex, AuditRules.DocumentProof),
            (violation.Block, violation.Transaction, violation.LogIndex, violation.Rule));
        Assert.Contains("aeo document aeo-1", violation.Message, StringComparison.Ordinal);
        // Documented credentials appear in the report with their (empty) timelines.
        Assert.Equal(3, report.Credentials.Count(c => c.Credential.Root == documents[0].Root));
    }

    [Fact]
    public void A_wrong_proof_a_root_never_anchored_and_a_certificate_of_another_issuer_are_caught()
    {
        using var chain = Legal();
        var documents = chain.AnchorCertificates(KrOp, KR, chain.KrKey, 2);
        var uzKey = chain.NewKey();
        chain.Tx(UzOp, Key(uzKey, UZ, chain.Now + 12));
        // A batch forged as UZ's by KR's operator: the document matches it (the chain rule batch.actor catches the forgery).
        var foreign = chain.AnchorCertificates(KrOp, UZ, uzKey, 1);
        // KR anchors, as its own, a certificate UZ signed and that names UZ as its issuer.
        var honest = LedgerScenario.Sign(uzKey, LedgerScenario.Certificate("UZ"));
        var leaf = MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, 0, VcJwt.DocumentHash(honest));
        chain.Tx(KrOp, Anchored(leaf, KR, 1, chain.Now + 12));

        var checks = chain.State.CheckDocuments([
            documents[0] with { Proof = documents[1].Proof },
            documents[0] with { Root = Root("elsewhere") },
            documents[0] with { Index = 1 },
            AuditDocument.Aeo("uz-in-kr", honest, leaf, 0, []),
            foreign[0],
        ]);
        Assert.Equal([AuditRules.DocumentProof, AuditRules.DocumentUnanchored, AuditRules.DocumentProof, AuditRules.DocumentIssuer, null],
            checks.Select(c => c.Rule));
    }

    [Fact]
    public void A_certificate_signed_with_a_key_revoked_before_anchoring_is_caught()
    {
        using var chain = Legal();
        var key = chain.NewKey();
        chain.Tx(KrOp, Key(key, KR, chain.Now + 12));
        chain.Tx(KrOp, KeyRevoked(key.KeyId, chain.Now));
        var documents = chain.AnchorCertificates(KrOp, KR, key, 1);
        var check = chain.State.CheckDocument(documents[0]);
        Assert.Equal(AuditRules.DocumentSignature, check.Rule);
        Assert.Contains("was not valid at", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_of_origin_must_hash_into_its_chambers_root()
    {
        using var chain = Legal();
        byte[][] xml = [Encoding.UTF8.GetBytes("<CertificateOfOrigin id=\"1\"/>"), Encoding.UTF8.GetBytes("<CertificateOfOrigin id=\"2\"/>")];
        var tree = MerkleTree.Build([.. xml.Select((x, i) => MerkleLeaf.Compute(MerkleLeaf.CertificateOfOriginTag, (uint)i, Keccak256.Hash(x)))]);
        chain.Tx(ChamberAccount, OriginAnchored(tree.Root, Chamber, KR, 2, chain.Now + 12));
        var genuine = new AuditDocument(AuditDocumentKind.Coo, "coo-1", xml[1], tree.Root, 1, tree.GetProof(1));
        var altered = genuine with { Content = Encoding.UTF8.GetBytes("<CertificateOfOrigin id=\"3\"/>") };
        // The same bytes under the AEO tag never verify: the registries' leaves are domain-separated.
        var asAeo = genuine with { Kind = AuditDocumentKind.Aeo };

        var checks = chain.State.CheckDocuments([genuine, altered, asAeo]);
        Assert.True(checks[0].Valid, checks[0].Message);
        Assert.Equal((Chamber, KR), (checks[0].Chamber!.Value, checks[0].Issuer!.Value));
        Assert.Equal(AuditRules.DocumentProof, checks[1].Rule);
        Assert.Equal(AuditRules.DocumentUnanchored, checks[2].Rule);
    }

    [Fact]
    public void Recognition_of_a_document_reads_its_programmes()
    {
        using var chain = Legal();
        var customsOnly = chain.AnchorCertificates(KrOp, KR, chain.KrKey, 1, AeoProgramme.AeoC)[0];
        Assert.True(chain.State.RecognitionAt(customsOnly, UZ, chain.Now).Recognized);
        chain.Tx(KrOp, MraAmended(1, 2, KR, 0b01), MraAccepted(1, 2, KR));
        chain.Tx(UzOp, MraAccepted(1, 2, UZ), MraConcluded(1, 2));
        var answer = chain.State.RecognitionAt(customsOnly, UZ, chain.Now);
        Assert.False(answer.Recognized);
        Assert.Equal(0b10u, answer.Programmes);
        Assert.False(chain.State.RecognitionAt(customsOnly with { Index = 0, Proof = [Root("x")] }, UZ, chain.Now).Recognized);
    }

    [Fact]
    public void The_json_lines_export_round_trips_and_a_bad_line_is_named()
    {
        using var chain = Legal();
        var documents = chain.AnchorCertificates(KrOp, KR, chain.KrKey, 2).Append(
            new AuditDocument(AuditDocumentKind.Coo, "coo-9", Encoding.UTF8.GetBytes("<x/>"), Root("o"), 3, [Root("p")])).ToList();
        var text = new StringWriter();
        foreach (var d in documents)
            AuditDocumentJsonLines.Write(text, d);
        var read = AuditDocumentJsonLines.Read(new StringReader(text.ToString()));
        Assert.Equal(documents.Select(d => (d.Kind, d.DocumentId, Convert.ToHexString(d.Content.Span), d.Root, d.Index, string.Join(",", d.Proof))),
            read.Select(d => (d.Kind, d.DocumentId, Convert.ToHexString(d.Content.Span), d.Root, d.Index, string.Join(",", d.Proof))));

        foreach (var bad in new[]
        {
            """{"kind":"pdf","documentId":"x","jws":"a","root":"0x00","index":0,"proof":[]}""",
            """{"kind":"aeo","documentId":"x","jws":"a.b.c","root":"0x1234","index":0,"proof":[]}""",
            """{"kind":"aeo","documentId":"x","jws":"a.b.c","root":"0x0000000000000000000000000000000000000000000000000000000000000001","index":-1,"proof":[]}""",
            """{"kind":"coo","documentId":"x","bytes":"not base64!","root":"0x0000000000000000000000000000000000000000000000000000000000000001","index":0,"proof":[]}""",
            """{"kind":"aeo","kind":"aeo"}""",
            "not json",
        })
        {
            var e = Assert.Throws<InvalidDataException>(() => AuditDocumentJsonLines.Read(new StringReader("\n" + bad + "\n"), "export.jsonl"));
            Assert.StartsWith("export.jsonl line 2:", e.Message, StringComparison.Ordinal);
        }
    }
}
