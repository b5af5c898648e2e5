using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Audit;

// Off-chain documents against the anchored roots (contracts/README.md, "Merkle batches").
public sealed partial class AuditState
{
    /// <summary>
    /// Checks each document against the replayed chain: its hash (keccak-256 of the JWS's ASCII or of the XML bytes,
    /// as the nodes anchor them) and Merkle proof must lead to the root it claims, anchored in its registry at an index
    /// inside the batch; an AEO certificate must also carry a valid ES256 signature under a key its issuer registered and
    /// that was valid when the root was anchored, and name the member that anchored the root as its issuer.
    /// </summary>
    public IReadOnlyList<AuditDocumentCheck> CheckDocuments(IEnumerable<AuditDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var checks = new List<AuditDocumentCheck>();
        foreach (var document in documents)
            checks.Add(CheckDocument(document));
        return checks;
    }

    /// <summary>Checks one document (see <see cref="CheckDocuments"/>).</summary>
    public AuditDocumentCheck CheckDocument(AuditDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Kind == AuditDocumentKind.Aeo ? CheckAeo(document, out _) : CheckCoo(document);
    }

    /// <summary>
    /// <see cref="RecognitionAt(CredentialRef, MemberCode, ulong, uint?)"/> for an off-chain AEO certificate, with the
    /// programmes it certifies; a document that fails its check is not recognized, with the check's message as reason.
    /// </summary>
    public AuditRecognition RecognitionAt(AuditDocument document, MemberCode verifier, ulong at)
    {
        ArgumentNullException.ThrowIfNull(document);
        var credential = new CredentialRef(document.Root, document.Index);
        if (document.Kind != AuditDocumentKind.Aeo)
            throw new ArgumentException("Only AEO certificates are recognized under MRAs.", nameof(document));
        var check = CheckAeo(document, out var certificate);
        var programmes = certificate?.Subject.Programmes.Aggregate(0u, (scope, p) => scope | AeoVerifier.ScopeBit(p));
        var answer = RecognitionAt(credential, verifier, at, programmes ?? 0);
        if (check.Valid)
            return answer;
        return answer with { Recognized = false, Mra = null, Reasons = [$"the document fails its check ({check.Rule}): {check.Message}", .. answer.Reasons] };
    }

    private AuditDocumentCheck CheckAeo(AuditDocument d, out AeoCertificate? certificate)
    {
        certificate = null;
        var hash = Keccak256.Hash(d.Content.Span);
        if (!_credentialBatches.TryGetValue(d.Root, out var batch))
            return Failed(d, hash, null, null, null, AuditRules.DocumentUnanchored,
                $"root {d.Root} was never anchored in the credential registry{(_originBatches.ContainsKey(d.Root) ? " (it is an origin batch)" : "")}");
        var anchored = batch.Batch.Anchored;
        var issuer = batch.Batch.Issuer;
        if (d.Index >= batch.Batch.Size)
            return Failed(d, hash, issuer, null, anchored, AuditRules.DocumentProof, $"index {d.Index} is outside the batch of {batch.Batch.Size}");
        if (!MerkleProof.Verify(d.Root, MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, d.Index, hash), d.Proof))
            return Failed(d, hash, issuer, null, anchored, AuditRules.DocumentProof,
                $"document hash {hash} and its proof do not lead to root {d.Root} at index {d.Index}: the document or its proof was altered");
        var jws = System.Text.Encoding.ASCII.GetString(d.Content.Span);
        var verification = new VcJwtVerifier(kid => _keys.TryGetValue(kid, out var k) && k.Registered.Chamber is null ? k.Registered.PublicKey.ToArray() : null)
            .Verify(jws);
        if (!verification.IsValid || verification.Certificate is null || verification.KeyId is not { } keyId)
            return Failed(d, hash, issuer, null, anchored, AuditRules.DocumentSignature, $"the certificate does not verify: {string.Join("; ", verification.Errors)}");
        certificate = verification.Certificate;
        var key = _keys[keyId];
        if (key.Registered.Member != issuer || !MemberCode.TryParse(certificate.IssuerMember, out var named) || named != issuer)
            return Failed(d, hash, issuer, null, anchored, AuditRules.DocumentIssuer,
                $"root {d.Root} was anchored by {issuer}, but the certificate names issuer {certificate.IssuerMember} and is signed with a key of {key.Registered.Member}");
        var validAtAnchoring = anchored.Time >= key.Registered.ValidFrom && (key.Registered.ValidUntil == 0 || anchored.Time < key.Registered.ValidUntil)
            && (key.RevokedAt is not { } revoked || anchored.Time < revoked);
        if (!validAtAnchoring)
            return Failed(d, hash, issuer, null, anchored, AuditRules.DocumentSignature,
                $"key {keyId} was not valid at {AuditJsonWriter.FormatTime(anchored.Time)}, when the root was anchored");
        return new AuditDocumentCheck(d.Kind, d.DocumentId, d.Root, d.Index, hash, true, issuer, null, anchored, null,
            $"anchored by {issuer} in block {anchored.Block}, signed with key {keyId}");
    }

    private AuditDocumentCheck CheckCoo(AuditDocument d)
    {
        var hash = Keccak256.Hash(d.Content.Span);
        if (!_originBatches.TryGetValue(d.Root, out var batch))
            return Failed(d, hash, null, null, null, AuditRules.DocumentUnanchored,
                $"root {d.Root} was never anchored in the origin registry{(_credentialBatches.ContainsKey(d.Root) ? " (it is an AEO credential batch)" : "")}");
        var a = batch.Anchored;
        if (d.Index >= a.Size)
            return Failed(d, hash, a.Member, a.Chamber, batch.Stamp, AuditRules.DocumentProof, $"index {d.Index} is outside the batch of {a.Size}");
        if (!MerkleProof.Verify(d.Root, MerkleLeaf.Compute(MerkleLeaf.CertificateOfOriginTag, d.Index, hash), d.Proof))
            return Failed(d, hash, a.Member, a.Chamber, batch.Stamp, AuditRules.DocumentProof,
                $"document hash {hash} and its proof do not lead to root {d.Root} at index {d.Index}: the document or its proof was altered");
        return new AuditDocumentCheck(d.Kind, d.DocumentId, d.Root, d.Index, hash, true, a.Member, a.Chamber, batch.Stamp, null,
            $"anchored by chamber {a.Chamber} of {a.Member} in block {batch.Stamp.Block}");
    }

    private static AuditDocumentCheck Failed(AuditDocument d, Hash32 hash, MemberCode? issuer, ChamberId? chamber, AuditStamp? anchored, string rule, string message) =>
        new(d.Kind, d.DocumentId, d.Root, d.Index, hash, false, issuer, chamber, anchored, rule, message);
}
