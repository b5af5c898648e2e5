using System.Collections.Concurrent;
using System.Globalization;
using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Origin;

/// <summary>
/// Answers "does member V recognize this certificate of origin at time t?" from a <see cref="LedgerHistory"/>:
/// <list type="number">
/// <item>the XMLDSig signature verifies (<see cref="ECooVerifier"/>) under a chamber key registered on chain for the
/// chamber and member the document names, valid at the document's issue time;</item>
/// <item>that chamber was authorized at the issue time (active, its member a member in the membership that authorized
/// it). A certificate issued before its chamber was suspended or withdrawn stays valid; one issued during a suspension
/// or after a withdrawal is not;</item>
/// <item>the Merkle proof ties the document's bytes to a batch anchored by that chamber, no earlier than the issue time
/// less <see cref="IssuanceSkew"/> (a chamber cannot sign ahead of the chain), and anchored by t;</item>
/// <item>not revoked at t (a revocation holds from its effective time);</item>
/// <item>on request, the exporter's AEO credential is recognized by V at t (<see cref="ExporterAeoLookup"/>).</item>
/// </list>
/// V must be a member at t. A first use for preference is reported, not held against the certificate: the chain
/// refuses a second <c>markUsed</c>, and the importing administration decides what an earlier use means. The issue time
/// is the chamber's word: the chain bounds it from above (the anchoring), not from below. Every failing reason is
/// reported; bad input never throws. Thread-safe.
/// </summary>
public sealed class OriginVerifier
{
    /// <summary>The default <see cref="IssuanceSkew"/>: one minute, for a chamber clock ahead of the chain's block times.</summary>
    public static readonly TimeSpan DefaultIssuanceSkew = TimeSpan.FromMinutes(1);

    /// <summary>The default number of verified signatures remembered.</summary>
    public const int DefaultSignatureCacheSize = 10_000;

    private readonly LedgerHistory _history;
    private readonly ExporterAeoLookup? _exporterAeo;
    private readonly ulong _skewSeconds;
    private readonly ConcurrentDictionary<Hash32, ECooVerification>? _verified;
    private readonly int _cacheSize;

    /// <summary>
    /// A verifier over <paramref name="history"/>. With <paramref name="exporterAeo"/> it can also check the exporter's
    /// AEO status. It remembers up to <paramref name="signatureCacheSize"/> documents whose signature verified (0: none),
    /// keyed by document hash: the same bytes verify the same way under the key their signature names (a key id is the
    /// hash of its key); everything that can change (key validity, chamber, anchoring, revocation) is checked every time.
    /// </summary>
    /// <param name="history">The ledger.</param>
    /// <param name="exporterAeo">Finds and verifies the exporter's AEO credential, or null.</param>
    /// <param name="issuanceSkew">How far after its batch's anchoring a document may be dated (default <see cref="DefaultIssuanceSkew"/>).</param>
    /// <param name="signatureCacheSize">How many verified signatures to remember.</param>
    public OriginVerifier(LedgerHistory history, ExporterAeoLookup? exporterAeo = null, TimeSpan? issuanceSkew = null,
        int signatureCacheSize = DefaultSignatureCacheSize)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfNegative(signatureCacheSize);
        var skew = issuanceSkew ?? DefaultIssuanceSkew;
        ArgumentOutOfRangeException.ThrowIfLessThan(skew, TimeSpan.Zero, nameof(issuanceSkew));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(skew, TimeSpan.FromDays(1), nameof(issuanceSkew));
        _history = history;
        _exporterAeo = exporterAeo;
        IssuanceSkew = skew;
        _skewSeconds = (ulong)skew.TotalSeconds;
        _cacheSize = signatureCacheSize;
        _verified = signatureCacheSize > 0 ? new ConcurrentDictionary<Hash32, ECooVerification>() : null;
    }

    /// <summary>
    /// A verifier over <paramref name="history"/> that checks exporters with <paramref name="aeoVerifier"/>, finding their
    /// credentials with <paramref name="findExporterCredential"/> (AEO number and issuing member; null when none is held).
    /// </summary>
    public OriginVerifier(LedgerHistory history, AeoVerifier aeoVerifier, Func<string, MemberCode, PresentedCredential?> findExporterCredential)
        : this(history, ExporterAeo.FromCredentials(aeoVerifier, findExporterCredential))
    {
    }

    /// <summary>How far after its batch's anchoring a document may be dated (whole seconds count).</summary>
    public TimeSpan IssuanceSkew { get; }

    /// <summary>
    /// Verifies <paramref name="origin"/> for <paramref name="verifier"/> at <paramref name="at"/>; with
    /// <paramref name="checkExporterAeo"/>, also the exporter's AEO status.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="checkExporterAeo"/> without an <see cref="ExporterAeoLookup"/>.</exception>
    public OriginVerification Verify(PresentedOrigin? origin, MemberCode verifier, DateTimeOffset at, bool checkExporterAeo = false)
    {
        if (checkExporterAeo && _exporterAeo is null)
            throw new InvalidOperationException("This verifier was created without an ExporterAeoLookup: it cannot check the exporter's AEO status.");
        var reasons = new List<VerificationReason>();
        var freshness = _history.Freshness;
        if (origin is null)
        {
            reasons.Add(new(VerificationFailure.Malformed, "no certificate of origin"));
            return new OriginVerification(false, reasons, verifier, at, null, null, null, null, null, null, null, freshness);
        }
        var t = Seconds(at);

        // 1. Signature and content; the key must be a chamber key of the chamber and member the document names.
        var xml = VerifySignature(origin.Xml, out var documentHash);
        foreach (var problem in xml.Problems)
            reasons.Add(new(Classify(problem.Failure), problem.Message + OwnKeyNote(problem.Failure, xml.KeyId)));
        var certificate = xml.Valid ? xml.Certificate : null;
        MemberCode? member = null;
        ChamberId? chamber = null;
        ulong issued = 0;
        if (certificate is not null)
        {
            if (MemberCode.TryParse(certificate.IssuingMember, out var m))
                member = m;
            else
                reasons.Add(new(VerificationFailure.Malformed, $"issuing member '{certificate.IssuingMember}' is not a member code"));
            if (ChamberId.TryParse(certificate.IssuingChamber, out var c))
                chamber = c;
            else
                reasons.Add(new(VerificationFailure.Malformed, $"issuing chamber '{certificate.IssuingChamber}' is not a chamber id"));
            issued = Seconds(certificate.IssuedAt);
        }
        var key = xml.KeyId is { } kid && _history.GetKey(kid) is { Chamber: not null } chamberKey ? chamberKey : null;
        if (certificate is not null && key is not null && member is { } km && chamber is { } kc)
        {
            if (key.Chamber != kc || key.Member != km)
                reasons.Add(new(VerificationFailure.KeyOfAnotherChamber, $"key {key.KeyId} belongs to chamber {key.Chamber} of {key.Member}, the certificate names chamber {kc} of {km}"));
            if (!key.IsValidAt(issued))
                reasons.Add(new(VerificationFailure.KeyNotValidAtIssuance, $"key {key.KeyId} was not valid at {Time(issued)}, when the certificate was issued"));
        }

        // 2. The chamber's authorization when the certificate was issued.
        if (certificate is not null && member is { } cm && chamber is { } cc)
            CheckChamber(cc, cm, issued, reasons);

        // 3. Anchoring and proof (independent of the content: the leaf commits to the document's bytes).
        OriginAnchor? anchor = null;
        OriginRevocationRecord? revocation = null;
        OriginUseRecord? use = null;
        var reference = new OriginRef(origin.Root, origin.Index);
        var batch = _history.GetOriginBatch(origin.Root);
        if (batch is null)
            reasons.Add(new(VerificationFailure.NotAnchored, $"no certificate-of-origin batch with root {origin.Root} is anchored (ledger synced to block {freshness?.Block.ToString(CultureInfo.InvariantCulture) ?? "none"})"));
        else
        {
            if (chamber is { } bc && member is { } bm && (batch.Chamber != bc || batch.Member != bm))
                reasons.Add(new(VerificationFailure.AnchoredByAnotherChamber, $"batch {batch.Root} was anchored by chamber {batch.Chamber} of {batch.Member}, the certificate names chamber {bc} of {bm}"));
            if (batch.AnchoredAt > t)
                reasons.Add(new(VerificationFailure.NotAnchored, $"batch {batch.Root} was anchored at {Time(batch.AnchoredAt)}, after {at:O}"));
            if (certificate is not null && issued > batch.AnchoredAt && issued - batch.AnchoredAt > _skewSeconds)
                reasons.Add(new(VerificationFailure.IssuedAfterAnchoring, $"issued at {certificate.IssuedAt:O}, after its batch was anchored at {Time(batch.AnchoredAt)}"));
            if (!ProofHolds(origin, batch, documentHash))
                reasons.Add(new(VerificationFailure.ProofMismatch, $"the Merkle proof does not tie this document at index {origin.Index} to root {batch.Root} (size {batch.Size})"));
            else
            {
                anchor = new OriginAnchor(reference, batch.Chamber, batch.Member, batch.Anchored.BlockNumber, batch.Anchored.TransactionHash,
                    ToTime(batch.AnchoredAt));
                // 4. Revocation at t; the first use, as information.
                if (_history.OriginRevocationOf(reference) is { } r && r.IsEffectiveAt(t))
                {
                    revocation = r;
                    reasons.Add(new(VerificationFailure.Revoked, $"revoked since {Time(r.EffectiveAt)} (reason {r.Reason})"));
                }
                if (_history.OriginUseOf(reference) is { } u && u.UsedAt <= t)
                    use = u;
            }
        }

        if (!_history.IsMemberAt(verifier, t))
            reasons.Add(new(VerificationFailure.VerifierNotMember, $"{verifier} was not a member at {at:O}"));

        // 5. The exporter's AEO status, when asked for (only of a certificate whose content verified).
        AeoVerification? exporterAeo = null;
        if (checkExporterAeo && certificate is not null && member is { } em)
            exporterAeo = CheckExporter(certificate, em, verifier, at, reasons);

        return new OriginVerification(reasons.Count == 0, reasons, verifier, at, certificate, xml.KeyId, chamber, revocation, use, anchor, exporterAeo, freshness);
    }

    private void CheckChamber(ChamberId chamber, MemberCode member, ulong issued, List<VerificationReason> reasons)
    {
        var history = _history.GetChamber(chamber);
        if (history is null)
        {
            reasons.Add(new(VerificationFailure.ChamberNotAuthorized, $"chamber {chamber} was never authorized"));
            return;
        }
        if (history.Member != member)
        {
            reasons.Add(new(VerificationFailure.ChamberNotAuthorized, $"chamber {chamber} was authorized by {history.Member}, the certificate names {member}"));
            return;
        }
        if (_history.IsChamberAuthorizedAt(chamber, issued))
            return;
        var when = Time(issued);
        var message = history.StatusAt(issued) switch
        {
            null => $"chamber {chamber} was authorized only at {Time(history.AuthorizedAt)}, after the certificate was issued at {when}",
            { Status: ChamberStatus.Suspended } s => $"chamber {chamber} was suspended at {when} (since {Time(s.From)}, reason {s.Reason})",
            { Status: ChamberStatus.Withdrawn } w => $"chamber {chamber} was withdrawn at {when} (since {Time(w.From)}, reason {w.Reason})",
            _ => $"chamber {chamber}'s member {member} was not a member at {when} in the membership that authorized the chamber",
        };
        reasons.Add(new(VerificationFailure.ChamberNotAuthorized, message));
    }

    private AeoVerification? CheckExporter(CertificateOfOrigin certificate, MemberCode issuer, MemberCode verifier, DateTimeOffset at, List<VerificationReason> reasons)
    {
        var number = certificate.Exporter?.AeoNumber;
        if (string.IsNullOrWhiteSpace(number))
        {
            reasons.Add(new(VerificationFailure.ExporterNotRecognized, "the exporter has no AEO number on the certificate"));
            return null;
        }
        var found = _exporterAeo!(number, issuer, verifier, at);
        if (found is null)
            reasons.Add(new(VerificationFailure.ExporterNotRecognized, $"no AEO credential {number} of {issuer} is known"));
        else if (found.Certificate is { } aeo && aeo.Subject.AeoNumber != number)
            reasons.Add(new(VerificationFailure.ExporterNotRecognized, $"the AEO credential found is {aeo.Subject.AeoNumber}, not the exporter's {number}"));
        else if (!found.Recognized)
            reasons.Add(new(VerificationFailure.ExporterNotRecognized,
                $"the exporter's AEO credential {number} is not recognized by {verifier}: {string.Join("; ", found.Reasons.Select(r => r.Failure))}"));
        return found;
    }

    // The document hash (the Merkle leaf's) is keccak-256 of the exact bytes; the signature check is remembered by it.
    private ECooVerification VerifySignature(ReadOnlyMemory<byte> document, out Hash32 documentHash)
    {
        // Only chamber keys sign certificates of origin; a member's own (AEO) key is unknown here.
        Func<Hash32, byte[]?> chamberKeys = kid => _history.GetKey(kid) is { Chamber: not null } key ? key.PublicKey : null;
        // A document over the size limit never verifies: it is hashed once, by the XML verifier, and not remembered.
        if (_verified is null || document.Length > ECooLimits.MaxDocumentBytes)
        {
            var once = ECooVerifier.Verify(document.Span, chamberKeys);
            documentHash = once.DocumentHash;
            return once;
        }
        documentHash = ECooDocument.HashOf(document.Span);
        if (_verified.TryGetValue(documentHash, out var known))
            return known;
        var verification = ECooVerifier.Verify(document.Span, chamberKeys);
        if (verification.Valid)
        {
            // Bounded: when full, start over (a border post's working set refills it at once).
            if (_verified.Count >= _cacheSize)
                _verified.Clear();
            _verified.TryAdd(documentHash, verification);
        }
        return verification;
    }

    private string OwnKeyNote(ECooFailure failure, Hash32? keyId) =>
        failure == ECooFailure.UnknownKey && keyId is { } kid && _history.GetKey(kid) is { Chamber: null } own
            ? $" (key {kid} is {own.Member}'s own AEO signing key, not a chamber key)"
            : "";

    private static bool ProofHolds(PresentedOrigin origin, AnchoredOriginBatch batch, Hash32 documentHash)
    {
        if (origin.Index >= batch.Size || origin.Proof is null)
            return false;
        var leaf = MerkleLeaf.Compute(MerkleLeaf.CertificateOfOriginTag, origin.Index, documentHash);
        return MerkleProof.Verify(batch.Root, leaf, origin.Proof);
    }

    private static VerificationFailure Classify(ECooFailure failure) => failure switch
    {
        ECooFailure.UnknownKey => VerificationFailure.UnknownKey,
        ECooFailure.SignatureMissing or ECooFailure.SignatureStructure or ECooFailure.BadSignature => VerificationFailure.BadSignature,
        _ => VerificationFailure.Malformed,
    };

    private static ulong Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds() is var s and > 0 ? (ulong)s : 0UL;

    // Clamped to the last second DateTimeOffset holds (9999-12-31): a chain time never gets there, a bad one must not throw.
    private static DateTimeOffset ToTime(ulong unixSeconds) => DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(unixSeconds, 253402300799UL));

    private static string Time(ulong unixSeconds) => ToTime(unixSeconds).ToString("O", CultureInfo.InvariantCulture);
}
