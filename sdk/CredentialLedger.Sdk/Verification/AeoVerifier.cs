using System.Collections.Concurrent;
using System.Text;
using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Credentials.Merkle;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Verification;

/// <summary>
/// Answers "does member V recognize this AEO credential at time t?" from a <see cref="LedgerHistory"/> (synced from
/// the chain, or offline from its last sync) in the four steps of DESIGN.md: the signature under the issuer's key as
/// registered on chain and valid when the credential was anchored; the Merkle proof to a root anchored by that
/// issuer; within validity and neither suspended nor revoked at t; an MRA in force at t with both members as parties
/// that covers the credential's programme. Every failing reason is reported; a bad credential never throws.
/// Thread-safe.
/// </summary>
public sealed class AeoVerifier
{
    /// <summary>The default number of verified signatures remembered.</summary>
    public const int DefaultSignatureCacheSize = 100_000;

    private readonly LedgerHistory _history;
    private readonly LedgerStatusReference _ledger;
    private readonly VcJwtVerifier _jwt;
    private readonly ConcurrentDictionary<Hash32, VcJwtVerification>? _verified;
    private readonly int _cacheSize;

    /// <summary>
    /// A verifier over <paramref name="history"/>, for credentials whose status lives at <paramref name="ledger"/>.
    /// It remembers up to <paramref name="signatureCacheSize"/> credentials whose signature and content verified (0:
    /// none), keyed by document hash: the same JWS always verifies the same way under the key its kid names (a kid is
    /// the hash of its key), so a credential presented again skips the ES256 check; everything that can change (key
    /// validity, anchoring, proof, status, membership, MRAs) is checked every time.
    /// </summary>
    public AeoVerifier(LedgerHistory history, LedgerStatusReference ledger, int signatureCacheSize = DefaultSignatureCacheSize)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentOutOfRangeException.ThrowIfNegative(signatureCacheSize);
        _history = history;
        _ledger = ledger;
        _cacheSize = signatureCacheSize;
        _verified = signatureCacheSize > 0 ? new ConcurrentDictionary<Hash32, VcJwtVerification>() : null;
        // Only members' own keys sign AEO certificates; a chamber's key (for certificates of origin) is unknown here.
        _jwt = new VcJwtVerifier(kid => history.GetKey(kid) is { Chamber: null } key ? key.PublicKey : null);
    }

    /// <summary>Verifies <paramref name="credential"/> for <paramref name="verifier"/> at <paramref name="at"/>.</summary>
    public AeoVerification Verify(PresentedCredential? credential, MemberCode verifier, DateTimeOffset at)
    {
        var reasons = new List<VerificationReason>();
        var freshness = _history.Freshness;
        if (credential?.Jws is null)
        {
            reasons.Add(new(VerificationFailure.Malformed, "no credential"));
            return new AeoVerification(false, reasons, verifier, at, null, null, null, null, null, null, freshness);
        }
        var t = at.ToUnixTimeSeconds() is var seconds and > 0 ? (ulong)seconds : 0UL;

        // 1. Signature and credential. The document hash (the Merkle leaf's) is taken only of a JWS that could be genuine.
        Hash32? documentHash = credential.Jws.Length <= VcJwtVerifier.MaxLength && Ascii.IsValid(credential.Jws)
            ? VcJwt.DocumentHash(credential.Jws) : null;
        var jwt = VerifySignature(credential.Jws, documentHash);
        foreach (var error in jwt.Errors)
            reasons.Add(new(Classify(error), error));
        var certificate = jwt.IsValid ? jwt.Certificate : null;
        // As for the signature, a chamber's key is no key here: judging its validity would report a key that is unknown.
        var key = jwt.KeyId is { } kid && _history.GetKey(kid) is { Chamber: null } memberKey ? memberKey : null;
        MemberCode? issuer = certificate is not null && MemberCode.TryParse(certificate.IssuerMember, out var code) ? code : null;
        if (certificate is not null && key is not null && issuer is { } i && key.Member != i)
            reasons.Add(new(VerificationFailure.KeyOfAnotherIssuer, $"key {key.KeyId} belongs to {key.Member}, the certificate names issuer {i}"));
        if (certificate is not null && certificate.Status != _ledger)
            reasons.Add(new(VerificationFailure.WrongLedger,
                $"credentialStatus names chain {certificate.Status.ChainId} registry {certificate.Status.CredentialRegistry}; this ledger is chain {_ledger.ChainId} registry {_ledger.CredentialRegistry}"));

        // 2. Anchoring and proof (independent of the payload: the leaf commits to the JWS bytes).
        AnchorInfo? anchor = null;
        StatusAt? status = null;
        var reference = new CredentialRef(credential.Root, credential.Index);
        var batch = _history.GetBatch(credential.Root);
        if (batch is null)
            reasons.Add(new(VerificationFailure.NotAnchored, $"no batch with root {credential.Root} is anchored (ledger synced to block {freshness?.Block.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})"));
        else
        {
            if (issuer is { } i2 && batch.Issuer != i2)
                reasons.Add(new(VerificationFailure.AnchoredByAnotherIssuer, $"batch {batch.Root} was anchored by {batch.Issuer}, the certificate names issuer {i2}"));
            if (!ProofHolds(credential, batch, documentHash))
                reasons.Add(new(VerificationFailure.ProofMismatch, $"the Merkle proof does not tie this credential at index {credential.Index} to root {batch.Root} (size {batch.Size})"));
            else
            {
                anchor = new AnchorInfo(reference, batch.Anchored.BlockNumber, batch.Anchored.TransactionHash,
                    DateTimeOffset.FromUnixTimeSeconds((long)batch.AnchoredAt));
                status = _history.StatusOf(reference, t);
                switch (status.Status)
                {
                    case CredentialStatus.Suspended:
                        reasons.Add(new(VerificationFailure.Suspended, $"suspended since {Time(status.Change!.EffectiveAt)} (reason {status.Change.Reason})"));
                        break;
                    case CredentialStatus.Revoked:
                        reasons.Add(new(VerificationFailure.Revoked, $"revoked since {Time(status.Change!.EffectiveAt)} (reason {status.Change.Reason})"));
                        break;
                    case CredentialStatus.Superseded:
                        reasons.Add(new(VerificationFailure.Superseded, $"superseded since {Time(status.Change!.EffectiveAt)} by {status.Change.SupersededBy}"));
                        break;
                }
            }
            if (key is not null && !key.IsValidAt(batch.AnchoredAt))
                reasons.Add(new(VerificationFailure.KeyNotValidAtIssuance, $"key {key.KeyId} was not valid at {Time(batch.AnchoredAt)}, when the credential was anchored"));
        }

        // 3. Validity and membership at t.
        if (certificate is not null)
        {
            if (at < certificate.ValidFrom)
                reasons.Add(new(VerificationFailure.NotYetValid, $"valid from {certificate.ValidFrom:O}"));
            else if (at >= certificate.ValidUntil)
                reasons.Add(new(VerificationFailure.Expired, $"expired at {certificate.ValidUntil:O}"));
        }
        var verifierIsMember = _history.IsMemberAt(verifier, t);
        if (!verifierIsMember)
            reasons.Add(new(VerificationFailure.VerifierNotMember, $"{verifier} was not a member at {at:O}"));
        var issuerIsMember = issuer is { } i3 && _history.IsMemberAt(i3, t);
        if (issuer is { } i4 && !issuerIsMember)
            reasons.Add(new(VerificationFailure.IssuerNotMember, $"{i4} was not a member at {at:O}"));

        // 4. MRA coverage (none needed for the verifier's own credentials).
        MraCoverage? mra = null;
        if (certificate is not null && issuer is { } i5 && i5 != verifier && verifierIsMember && issuerIsMember)
            mra = FindCoverage(verifier, i5, certificate, t, at, reasons);

        return new AeoVerification(reasons.Count == 0, reasons, verifier, at, certificate, jwt.KeyId, status?.Status, status?.Change, mra, anchor, freshness);
    }

    private MraCoverage? FindCoverage(MemberCode verifier, MemberCode issuer, AeoCertificate certificate, ulong t, DateTimeOffset at,
        List<VerificationReason> reasons)
    {
        var inForce = _history.MrasInForce(verifier, issuer, t);
        if (inForce.Count == 0)
        {
            reasons.Add(new(VerificationFailure.NoMraInForce, $"no MRA between {verifier} and {issuer} was in force at {at:O}"));
            return null;
        }
        foreach (var (mra, terms) in inForce)
        {
            var covered = certificate.Subject.Programmes.Where(p => (terms.Scope & ScopeBit(p)) != 0).ToList();
            if (covered.Count > 0)
                return new MraCoverage(mra.Id, terms.Version, terms.Benefits, covered, mra.Parties);
        }
        reasons.Add(new(VerificationFailure.ProgrammeOutsideScope,
            $"MRA {string.Join(", ", inForce.Select(m => m.Mra.Id))} in force, but none covers {string.Join(", ", certificate.Subject.Programmes)}"));
        return null;
    }

    /// <summary>The MRA scope bit of a programme type (contracts/README.md: bit 0 AEO-S, bit 1 AEO-C).</summary>
    public static uint ScopeBit(AeoProgramme programme) => programme switch
    {
        AeoProgramme.AeoS => 1u << 0,
        AeoProgramme.AeoC => 1u << 1,
        _ => 0,
    };

    private static bool ProofHolds(PresentedCredential credential, AnchoredBatch batch, Hash32? documentHash)
    {
        if (credential.Index >= batch.Size || credential.Proof is null || documentHash is not { } hash)
            return false;
        var leaf = MerkleLeaf.Compute(MerkleLeaf.AeoCredentialTag, credential.Index, hash);
        return MerkleProof.Verify(batch.Root, leaf, credential.Proof);
    }

    private VcJwtVerification VerifySignature(string jws, Hash32? documentHash)
    {
        if (_verified is null || documentHash is not { } hash)
            return _jwt.Verify(jws);
        if (_verified.TryGetValue(hash, out var known))
            return known;
        var verification = _jwt.Verify(jws);
        if (verification.IsValid)
        {
            // Bounded: when full, start over (a border post's working set of credentials refills it at once).
            if (_verified.Count >= _cacheSize)
                _verified.Clear();
            _verified.TryAdd(hash, verification);
        }
        return verification;
    }

    // The JWT handler throws ArgumentException when it cannot read the token at all (payload not base64url JSON):
    // no signature was checked then, so the token is malformed, not forged.
    private static VerificationFailure Classify(string error) =>
        error.StartsWith("header.kid: no registered", StringComparison.Ordinal) ? VerificationFailure.UnknownKey
        : error == "signature: invalid (" + nameof(ArgumentException) + ")" ? VerificationFailure.Malformed
        : error.StartsWith("signature:", StringComparison.Ordinal) || error.StartsWith("header.alg:", StringComparison.Ordinal) ? VerificationFailure.BadSignature
        : VerificationFailure.Malformed;

    private static string Time(ulong unixSeconds) => DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(unixSeconds, (ulong)long.MaxValue)).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
