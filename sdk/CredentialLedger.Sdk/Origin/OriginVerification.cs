using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Origin;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Origin;

/// <summary>Where a certificate of origin is anchored.</summary>
/// <param name="Certificate">Its batch root and index.</param>
/// <param name="Chamber">The chamber that anchored the batch.</param>
/// <param name="Member">The chamber's member.</param>
/// <param name="BlockNumber">The anchoring block.</param>
/// <param name="TransactionHash">The anchoring transaction.</param>
/// <param name="AnchoredAt">The block's time.</param>
public sealed record OriginAnchor(OriginRef Certificate, ChamberId Chamber, MemberCode Member, ulong BlockNumber, Hash32 TransactionHash, DateTimeOffset AnchoredAt);

/// <summary>The answer to "does <see cref="Verifier"/> recognize this certificate of origin at <see cref="At"/>?".</summary>
/// <param name="Recognized">
/// True when the signature verifies under a key of the chamber the document names, the chamber was authorized when
/// the document was issued, the document is anchored by that chamber no earlier than its issue, it is not revoked at
/// <paramref name="At"/> and (when asked for) the exporter's AEO credential is recognized. A use for preference is
/// information (<paramref name="Use"/>), not a reason to refuse.
/// </param>
/// <param name="Reasons">Every reason it is not recognized (empty when recognized).</param>
/// <param name="Verifier">The verifying (importing) member.</param>
/// <param name="At">The time asked.</param>
/// <param name="Certificate">The certificate, when its signature verified.</param>
/// <param name="KeyId">The signing key's id, when the signature names one.</param>
/// <param name="Chamber">The issuing chamber the verified certificate names.</param>
/// <param name="Revocation">The revocation in effect at <paramref name="At"/>, or null.</param>
/// <param name="Use">The first use for preference recorded at or before <paramref name="At"/>, or null.</param>
/// <param name="Anchor">Where it is anchored, when its proof holds.</param>
/// <param name="ExporterAeo">The exporter's AEO verification, when it was asked for and found.</param>
/// <param name="Freshness">How far the ledger was synced when this was answered (null when never synced).</param>
public sealed record OriginVerification(
    bool Recognized,
    IReadOnlyList<VerificationReason> Reasons,
    MemberCode Verifier,
    DateTimeOffset At,
    CertificateOfOrigin? Certificate,
    Hash32? KeyId,
    ChamberId? Chamber,
    OriginRevocationRecord? Revocation,
    OriginUseRecord? Use,
    OriginAnchor? Anchor,
    AeoVerification? ExporterAeo,
    LedgerFreshness? Freshness)
{
    /// <summary>Whether <paramref name="failure"/> is among the reasons.</summary>
    public bool Has(VerificationFailure failure) => Reasons.Any(r => r.Failure == failure);
}
