using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Verification;

/// <summary>An AEO credential as presented at the border: the JWS and where it is anchored (from the issuing node).</summary>
/// <param name="Jws">The compact JWS.</param>
/// <param name="Root">Its batch's Merkle root.</param>
/// <param name="Index">Its index in the batch.</param>
/// <param name="Proof">The sibling hashes from the leaf up (contracts/README.md).</param>
public sealed record PresentedCredential(string Jws, Hash32 Root, uint Index, IReadOnlyList<Hash32> Proof);

/// <summary>One reason a credential is not recognized.</summary>
/// <param name="Failure">The kind of failure.</param>
/// <param name="Message">What exactly failed, for a person.</param>
public sealed record VerificationReason(VerificationFailure Failure, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Failure}: {Message}";
}

/// <summary>The MRA under which a credential is recognized.</summary>
/// <param name="MraId">The MRA.</param>
/// <param name="Version">Its governing (concluded) version.</param>
/// <param name="Benefits">The benefits it grants (bitmask, contracts/README.md).</param>
/// <param name="Programmes">The certificate's programme types the MRA covers.</param>
/// <param name="Parties">Its parties.</param>
public sealed record MraCoverage(ulong MraId, uint Version, uint Benefits, IReadOnlyList<AeoProgramme> Programmes, IReadOnlyList<MemberCode> Parties);

/// <summary>Where a credential is anchored.</summary>
/// <param name="Credential">Its batch root and index.</param>
/// <param name="BlockNumber">The anchoring block.</param>
/// <param name="TransactionHash">The anchoring transaction.</param>
/// <param name="AnchoredAt">The block's time.</param>
public sealed record AnchorInfo(CredentialRef Credential, ulong BlockNumber, Hash32 TransactionHash, DateTimeOffset AnchoredAt);

/// <summary>The answer to "does <see cref="Verifier"/> recognize this credential at <see cref="At"/>?".</summary>
/// <param name="Recognized">True when genuine, anchored, in force and covered by an MRA in force (or the verifier's own).</param>
/// <param name="Reasons">Every reason it is not recognized (empty when recognized).</param>
/// <param name="Verifier">The verifying member.</param>
/// <param name="At">The time asked.</param>
/// <param name="Certificate">The certificate, when its signature verified.</param>
/// <param name="KeyId">The header's key id, when well formed.</param>
/// <param name="Status">The status at <paramref name="At"/>, when anchored.</param>
/// <param name="StatusChange">The change that set <paramref name="Status"/>, or null while as anchored.</param>
/// <param name="Mra">The MRA that covers it, when one does.</param>
/// <param name="Anchor">Where it is anchored, when it is.</param>
/// <param name="Freshness">How far the ledger was synced when this was answered (null when never synced).</param>
public sealed record AeoVerification(
    bool Recognized,
    IReadOnlyList<VerificationReason> Reasons,
    MemberCode Verifier,
    DateTimeOffset At,
    AeoCertificate? Certificate,
    Hash32? KeyId,
    CredentialStatus? Status,
    StatusChangeRecord? StatusChange,
    MraCoverage? Mra,
    AnchorInfo? Anchor,
    LedgerFreshness? Freshness)
{
    /// <summary>Whether <paramref name="failure"/> is among the reasons.</summary>
    public bool Has(VerificationFailure failure) => Reasons.Any(r => r.Failure == failure);
}
