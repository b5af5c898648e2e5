using CredentialLedger.Evm;

namespace CredentialLedger.Credentials.Origin;

/// <summary>One reason a document was refused.</summary>
/// <param name="Failure">The kind of failure.</param>
/// <param name="Message">What is wrong, naming the element or field.</param>
public sealed record ECooProblem(ECooFailure Failure, string Message);

/// <summary>The outcome of <see cref="ECooVerifier.Verify"/>.</summary>
/// <param name="Valid">True when the signature verifies under the registered key and the certificate is valid.</param>
/// <param name="Certificate">The certificate read from the signed content (only when <paramref name="Valid"/>).</param>
/// <param name="KeyId">The KeyName's key id, when the signature got as far as naming one.</param>
/// <param name="DocumentHash">keccak-256 of the exact bytes (<see cref="ECooDocument.HashOf"/>), whatever the outcome.</param>
/// <param name="Problems">Every reason it is not valid (empty when valid).</param>
public sealed record ECooVerification(
    bool Valid, CertificateOfOrigin? Certificate, Hash32? KeyId, Hash32 DocumentHash, IReadOnlyList<ECooProblem> Problems);
