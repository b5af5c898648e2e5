namespace CredentialLedger.Credentials.Origin;

/// <summary>Why an e-CoO document was refused.</summary>
public enum ECooFailure
{
    /// <summary>Not well-formed XML, a DTD, a comment or processing instruction, not UTF-8, or elements that are not the e-CoO's.</summary>
    Malformed = 1,

    /// <summary>Larger than <see cref="ECooLimits.MaxDocumentBytes"/>.</summary>
    TooLarge,

    /// <summary>The elements are right but a value is not (see <see cref="CertificateOfOriginValidator"/>).</summary>
    InvalidContent,

    /// <summary>No XMLDSig Signature element.</summary>
    SignatureMissing,

    /// <summary>The signature is not the one accepted shape (wrapping defence): place, count, reference, transforms, algorithms, KeyInfo.</summary>
    SignatureStructure,

    /// <summary>No registered P-256 key under the KeyName's key id.</summary>
    UnknownKey,

    /// <summary>The signature or the digest does not verify under the registered key.</summary>
    BadSignature,
}
