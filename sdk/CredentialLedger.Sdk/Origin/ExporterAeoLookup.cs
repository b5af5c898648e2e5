using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Origin;

/// <summary>
/// Finds and verifies the exporter's AEO credential for <see cref="OriginVerifier"/>: does <paramref name="verifier"/>
/// recognize the AEO credential numbered <paramref name="aeoNumber"/>, issued by <paramref name="issuer"/> (the
/// certificate of origin's member, the exporting country), at <paramref name="at"/>? Null when no such credential is
/// known. A node answers from its credential store; <see cref="ExporterAeo.FromCredentials"/> builds one from an
/// <see cref="AeoVerifier"/> and a way to find the presented credential. Must not throw for an unknown number.
/// </summary>
public delegate AeoVerification? ExporterAeoLookup(string aeoNumber, MemberCode issuer, MemberCode verifier, DateTimeOffset at);

/// <summary>Ready-made <see cref="ExporterAeoLookup"/>s.</summary>
public static class ExporterAeo
{
    /// <summary>
    /// A lookup that finds the exporter's credential with <paramref name="findCredential"/> (by AEO number and issuing
    /// member; null when none is held) and verifies it with <paramref name="aeoVerifier"/>.
    /// </summary>
    public static ExporterAeoLookup FromCredentials(AeoVerifier aeoVerifier, Func<string, MemberCode, PresentedCredential?> findCredential)
    {
        ArgumentNullException.ThrowIfNull(aeoVerifier);
        ArgumentNullException.ThrowIfNull(findCredential);
        return (aeoNumber, issuer, verifier, at) => findCredential(aeoNumber, issuer) is { } credential ? aeoVerifier.Verify(credential, verifier, at) : null;
    }
}
