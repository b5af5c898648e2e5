using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Ledger;

namespace CredentialLedger.Sdk.Verification;

/// <summary>
/// Verification straight from the chain: an <see cref="AeoVerifier"/> over a <see cref="LedgerHistory"/> that a
/// <see cref="LedgerSync"/> fills (run it in the background, or sync before asking). With the chain unreachable it
/// answers from the last sync; <see cref="AeoVerification.Freshness"/> says how far that got.
/// </summary>
public sealed class ChainVerificationBackend : IAeoVerificationBackend
{
    private readonly AeoVerifier _verifier;

    /// <summary>A backend over <paramref name="history"/>, for credentials whose status lives at <paramref name="ledger"/>.</summary>
    public ChainVerificationBackend(LedgerHistory history, LedgerStatusReference ledger) => _verifier = new AeoVerifier(history, ledger);

    /// <inheritdoc />
    public Task<AeoVerification> VerifyAsync(PresentedCredential credential, MemberCode verifier, DateTimeOffset at, CancellationToken cancellationToken) =>
        Task.FromResult(_verifier.Verify(credential, verifier, at));
}
