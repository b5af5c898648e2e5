using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Verification.VerificationAssert;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>Step 4 of DESIGN.md "Verification": both members at t, and an MRA in force at t covering the programme.</summary>
public sealed class MembershipAndMraReasonTests : IDisposable
{
    private readonly LedgerScenario _s = LedgerScenario.Standard();

    public void Dispose() => _s.Dispose();

    [Fact]
    public void A_credential_of_an_issuer_removed_before_the_time_asked_is_not_recognized()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));
        _s.Remove(Kr, Unix(At) - 100);

        var result = _s.Verify(batch[0], Uz);

        FailsWith(result, VerificationFailure.IssuerNotMember);
        Assert.Null(result.Mra);
        IsRecognized(_s.Verify(batch[0], Uz, At.AddSeconds(-101)));
    }

    [Fact]
    public void A_verifier_that_never_was_a_member_is_told_so()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));

        FailsWith(_s.Verify(batch[0], De), VerificationFailure.VerifierNotMember);
    }

    [Fact]
    public void A_verifier_removed_before_the_time_asked_is_told_so()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));
        _s.Remove(Uz, Unix(At) - 100);

        FailsWith(_s.Verify(batch[0], Uz), VerificationFailure.VerifierNotMember);
    }

    [Fact]
    public void Members_without_an_mra_between_them_do_not_recognize_each_others_credentials()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));

        var result = _s.Verify(batch[0], Kz);

        FailsWith(result, VerificationFailure.NoMraInForce);
        Assert.Null(result.Mra);
    }

    [Fact]
    public void A_suspended_mra_is_not_in_force_and_a_resumed_one_is_again()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));
        _s.SuspendMra(1, Uz, Unix(At) - 100);
        _s.ResumeMra(1, Uz, Unix(At) + 100);

        FailsWith(_s.Verify(batch[0], Uz), VerificationFailure.NoMraInForce);
        IsRecognized(_s.Verify(batch[0], Uz, At.AddSeconds(100)));
    }

    [Fact]
    public void A_terminated_mra_is_not_in_force()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr));
        _s.TerminateMra(1, Kr, Unix(At) - 100);

        FailsWith(_s.Verify(batch[0], Uz), VerificationFailure.NoMraInForce);
    }

    [Fact]
    public void An_mra_in_force_that_covers_none_of_the_programmes_leaves_the_credential_outside_its_scope()
    {
        _s.ProposeMra(2, Kr, [Kr, Kz], AeoCOnly, 0b1, Anchoring);
        _s.ConcludeMra(2, 1, Anchoring);
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr, AeoProgramme.AeoS));

        var result = _s.Verify(batch[0], Kz);

        FailsWith(result, VerificationFailure.ProgrammeOutsideScope);
        Assert.Null(result.Mra);
    }
}
