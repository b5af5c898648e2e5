using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Verification.VerificationAssert;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>Step 3 of DESIGN.md "Verification": at t within its validity, neither suspended nor revoked (nor replaced).</summary>
public sealed class StatusAndValidityReasonTests : IDisposable
{
    private static readonly ulong TenDaysBefore = Unix(At) - 10 * 86_400;
    private readonly LedgerScenario _s = LedgerScenario.Standard();
    private readonly AnchoredDocuments _batch;

    public StatusAndValidityReasonTests() => _batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr), _s.SignNew(Kr));

    public void Dispose() => _s.Dispose();

    [Fact]
    public void A_credential_suspended_at_the_time_asked_is_suspended_and_recognized_before()
    {
        _s.ChangeStatus(_batch[0], CredentialStatus.Suspended, effectiveAt: TenDaysBefore, at: TenDaysBefore + 3_600, reason: 6);

        var result = _s.Verify(_batch[0], Uz);

        FailsWith(result, VerificationFailure.Suspended);
        Assert.Equal(CredentialStatus.Suspended, result.Status);
        Assert.Equal((byte)6, result.StatusChange?.Reason);
        Assert.NotNull(result.Anchor);
        IsRecognized(_s.Verify(_batch[0], Uz, Time(TenDaysBefore - 1)));
        IsRecognized(_s.Verify(_batch[1], Uz));
    }

    [Fact]
    public void A_credential_suspended_again_with_a_back_dated_effective_time_is_not_recognized()
    {
        // suspend, reinstate, then suspend again back-dated before the reinstatement: the registry holds Suspended.
        _s.ChangeStatus(_batch[0], CredentialStatus.Suspended, effectiveAt: TenDaysBefore, at: TenDaysBefore);
        _s.ChangeStatus(_batch[0], CredentialStatus.Active, effectiveAt: TenDaysBefore + 86_400, at: TenDaysBefore + 86_400);
        _s.ChangeStatus(_batch[0], CredentialStatus.Suspended, effectiveAt: TenDaysBefore + 3_600, at: TenDaysBefore + 2 * 86_400);

        FailsWith(_s.Verify(_batch[0], Uz), VerificationFailure.Suspended);
    }

    [Fact]
    public void A_credential_revoked_at_the_time_asked_is_revoked()
    {
        _s.ChangeStatus(_batch[0], CredentialStatus.Revoked, effectiveAt: TenDaysBefore, at: TenDaysBefore, reason: 1);

        var result = _s.Verify(_batch[0], Uz);

        FailsWith(result, VerificationFailure.Revoked);
        Assert.Equal(CredentialStatus.Revoked, result.Status);
        Assert.Equal(TenDaysBefore, result.StatusChange?.EffectiveAt);
    }

    [Fact]
    public void A_renewed_credential_is_superseded_and_names_its_renewal_which_is_recognized()
    {
        var renewal = _s.Anchor(Kr, TenDaysBefore - 100, _s.SignNew(Kr));
        _s.Supersede(RefOf(_batch[0]), RefOf(renewal[0]), effectiveAt: TenDaysBefore, at: TenDaysBefore);

        var result = _s.Verify(_batch[0], Uz);

        FailsWith(result, VerificationFailure.Superseded);
        Assert.Equal(CredentialStatus.Superseded, result.Status);
        Assert.Equal(RefOf(renewal[0]), result.StatusChange?.SupersededBy);
        IsRecognized(_s.Verify(renewal[0], Uz));
    }

    [Fact]
    public void A_credential_asked_about_one_second_before_its_validFrom_is_not_yet_valid()
    {
        FailsWith(_s.Verify(_batch[0], Uz, CertificateValidFrom.AddSeconds(-1)), VerificationFailure.NotYetValid);
        IsRecognized(_s.Verify(_batch[0], Uz, CertificateValidFrom));
    }

    [Fact]
    public void A_credential_asked_about_at_its_validUntil_is_expired()
    {
        FailsWith(_s.Verify(_batch[0], Uz, CertificateValidUntil), VerificationFailure.Expired);
        IsRecognized(_s.Verify(_batch[0], Uz, CertificateValidUntil.AddSeconds(-1)));
    }
}
