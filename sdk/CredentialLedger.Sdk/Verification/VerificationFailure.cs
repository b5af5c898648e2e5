namespace CredentialLedger.Sdk.Verification;

/// <summary>Why a credential is not recognized. A result lists every reason that applies.</summary>
public enum VerificationFailure
{
    /// <summary>Not a compact JWS, or its header or payload is not an AEO certificate.</summary>
    Malformed = 1,

    /// <summary>The <c>kid</c> names no member key registered on chain.</summary>
    UnknownKey,

    /// <summary>The signature does not verify under the registered key (forged or altered).</summary>
    BadSignature,

    /// <summary>The signing key belongs to another member than the certificate's issuer.</summary>
    KeyOfAnotherIssuer,

    /// <summary>The key was not valid (not yet, expired or revoked) when the credential was anchored.</summary>
    KeyNotValidAtIssuance,

    /// <summary>The certificate points at another chain or credential registry than this ledger's.</summary>
    WrongLedger,

    /// <summary>No batch with the presented root is anchored (or not yet synced).</summary>
    NotAnchored,

    /// <summary>The batch was anchored by another member than the certificate's issuer.</summary>
    AnchoredByAnotherIssuer,

    /// <summary>The Merkle proof does not tie this document at this index to the root.</summary>
    ProofMismatch,

    /// <summary>Suspended at the time asked.</summary>
    Suspended,

    /// <summary>Revoked at the time asked.</summary>
    Revoked,

    /// <summary>Replaced by a renewed credential at the time asked.</summary>
    Superseded,

    /// <summary>The time asked is before the certificate's validFrom.</summary>
    NotYetValid,

    /// <summary>The time asked is at or after the certificate's validUntil.</summary>
    Expired,

    /// <summary>The issuer was not a member at the time asked.</summary>
    IssuerNotMember,

    /// <summary>The verifying member was not a member at the time asked.</summary>
    VerifierNotMember,

    /// <summary>No MRA with both members as parties was in force at the time asked.</summary>
    NoMraInForce,

    /// <summary>MRAs were in force, but none covers any of the certificate's programme types.</summary>
    ProgrammeOutsideScope,
}
