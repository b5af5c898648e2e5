namespace CredentialLedger.Sdk.Verification;

/// <summary>
/// Why a credential (an AEO certificate, or a certificate of origin) is not recognized. A result lists every reason that
/// applies. Values are only ever added at the end: the node sends them by name (verification.proto), bundles record them
/// by name, and the numbers must not move.
/// </summary>
public enum VerificationFailure
{
    /// <summary>
    /// Not a compact JWS, or its header or payload is not an AEO certificate; for a certificate of origin, not
    /// well-formed XML of the expected shape, too large, or with fields that do not read (member, chamber).
    /// </summary>
    Malformed = 1,

    /// <summary>The <c>kid</c> names no member key registered on chain (for a certificate of origin: no chamber key).</summary>
    UnknownKey,

    /// <summary>The signature does not verify under the registered key (forged or altered), is missing, or is not of the accepted form.</summary>
    BadSignature,

    /// <summary>The signing key belongs to another member than the certificate's issuer.</summary>
    KeyOfAnotherIssuer,

    /// <summary>
    /// The key was not valid (not yet, expired or revoked) when the credential was anchored; for a certificate of
    /// origin, at the time it was issued.
    /// </summary>
    KeyNotValidAtIssuance,

    /// <summary>The certificate points at another chain or credential registry than this ledger's.</summary>
    WrongLedger,

    /// <summary>
    /// No batch with the presented root is anchored (or not yet synced); for a certificate of origin, also when its batch
    /// was anchored only after the time asked.
    /// </summary>
    NotAnchored,

    /// <summary>The batch was anchored by another member than the certificate's issuer.</summary>
    AnchoredByAnotherIssuer,

    /// <summary>The Merkle proof does not tie this document at this index to the root (AEO credential or certificate of origin).</summary>
    ProofMismatch,

    /// <summary>Suspended at the time asked.</summary>
    Suspended,

    /// <summary>Revoked at the time asked (AEO credential or certificate of origin).</summary>
    Revoked,

    /// <summary>Replaced by a renewed credential at the time asked.</summary>
    Superseded,

    /// <summary>The time asked is before the certificate's validFrom.</summary>
    NotYetValid,

    /// <summary>The time asked is at or after the certificate's validUntil.</summary>
    Expired,

    /// <summary>The issuer was not a member at the time asked.</summary>
    IssuerNotMember,

    /// <summary>The verifying member was not a member at the time asked (AEO credential or certificate of origin).</summary>
    VerifierNotMember,

    /// <summary>No MRA with both members as parties was in force at the time asked.</summary>
    NoMraInForce,

    /// <summary>MRAs were in force, but none covers any of the certificate's programme types.</summary>
    ProgrammeOutsideScope,

    /// <summary>Certificate of origin: its chamber was not authorized when it was issued (unknown, suspended, withdrawn, or its member not a member then).</summary>
    ChamberNotAuthorized,

    /// <summary>Certificate of origin: the signing key is registered for another chamber or member than the one the document names.</summary>
    KeyOfAnotherChamber,

    /// <summary>Certificate of origin: its batch was anchored by another chamber than the one the document names.</summary>
    AnchoredByAnotherChamber,

    /// <summary>Certificate of origin: it is dated after its batch was anchored (a chamber cannot sign ahead of the chain).</summary>
    IssuedAfterAnchoring,

    /// <summary>Certificate of origin, when the exporter's AEO status was asked for: the exporter has no AEO number, or its AEO credential is not recognized by the verifying member at the time asked.</summary>
    ExporterNotRecognized,
}
