using CredentialLedger.Evm.Crypto;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Verification.VerificationAssert;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>Step 2 of DESIGN.md "Verification": a Merkle proof ties the credential to a root anchored by its issuer.</summary>
public sealed class AnchoringReasonTests : IDisposable
{
    private readonly LedgerScenario _s = LedgerScenario.Standard();

    public void Dispose() => _s.Dispose();

    [Fact]
    public void A_credential_under_a_root_never_anchored_is_not_anchored()
    {
        var presented = new PresentedCredential(_s.SignNew(Kr), Keccak256.HashUtf8("never anchored"), 0, []);

        var result = _s.Verify(presented, Uz);

        FailsWith(result, VerificationFailure.NotAnchored);
        Assert.Null(result.Anchor);
        Assert.Null(result.Status);
        Assert.NotNull(result.Certificate);
    }

    [Fact]
    public void A_credential_anchored_by_another_member_than_its_issuer_is_flagged()
    {
        var batch = _s.Anchor(Uz, Anchoring, _s.SignNew(Kr));

        var result = _s.Verify(batch[0], Uz);

        FailsWith(result, VerificationFailure.AnchoredByAnotherIssuer);
    }

    [Fact]
    public void A_proof_that_does_not_lead_to_the_root_is_a_mismatch_and_no_status_or_anchor_is_reported()
    {
        var batch = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr), _s.SignNew(Kr), _s.SignNew(Kr));
        var presented = batch[0] with { Proof = [Keccak256.HashUtf8("wrong sibling"), .. batch[0].Proof.Skip(1)] };

        var result = _s.Verify(presented, Uz);

        FailsWith(result, VerificationFailure.ProofMismatch);
        Assert.Null(result.Anchor);
        Assert.Null(result.Status);
        Assert.NotNull(result.Mra);
    }
}
