using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Verification.VerificationAssert;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>A credential recognized once, then revoked, presented again later: the answer follows the ledger.</summary>
public sealed class RevokedCredentialPresentedAgainTests : IDisposable
{
    private static readonly ulong Revocation = Unix(At) + 86_400;
    private readonly LedgerScenario _s = LedgerScenario.Standard();
    private readonly PresentedCredential _credential;

    public RevokedCredentialPresentedAgainTests()
    {
        _credential = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr), _s.SignNew(Kr))[1];
        IsRecognized(_s.Verify(_credential, Uz));
        _s.ChangeStatus(_credential, CredentialStatus.Revoked, effectiveAt: Revocation, at: Revocation, reason: 1);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public void Presented_again_after_the_revocation_it_is_revoked()
    {
        var result = _s.Verify(_credential, Uz, At.AddDays(2));

        FailsWith(result, VerificationFailure.Revoked);
        Assert.Equal(Revocation, result.StatusChange?.EffectiveAt);
    }

    [Fact]
    public void Asked_about_a_time_before_the_revocation_it_was_recognized()
    {
        IsRecognized(_s.Verify(_credential, Uz, Time(Revocation - 1)));
    }

    [Fact]
    public void A_back_dated_revocation_makes_earlier_answers_revoked_too()
    {
        _s.ChangeStatus(_credential, CredentialStatus.Revoked, effectiveAt: Unix(At) - 86_400, at: Revocation + 10, reason: 7);

        FailsWith(_s.Verify(_credential, Uz), VerificationFailure.Revoked);
    }

    [Fact]
    public void A_reinstatement_after_a_revocation_does_not_bring_it_back()
    {
        _s.ChangeStatus(_credential, CredentialStatus.Active, effectiveAt: Revocation + 100, at: Revocation + 100, reason: 0);

        FailsWith(_s.Verify(_credential, Uz, At.AddDays(3)), VerificationFailure.Revoked);
    }

    [Fact]
    public void Presented_under_a_neighbours_index_to_dodge_the_revocation_it_fails_the_proof()
    {
        var result = _s.Verify(_credential with { Index = 0 }, Uz, At.AddDays(2));

        FailsWith(result, VerificationFailure.ProofMismatch);
    }
}
