using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Tests.Verification;

public sealed class VerificationFailureTests
{
    [Fact]
    public void Every_reason_has_its_own_test_in_this_folder()
    {
        // The reason tests cover exactly these; a new reason must come with a test that shows it alone.
        VerificationFailure[] tested =
        [
            VerificationFailure.Malformed, VerificationFailure.UnknownKey, VerificationFailure.BadSignature,
            VerificationFailure.KeyOfAnotherIssuer, VerificationFailure.KeyNotValidAtIssuance, VerificationFailure.WrongLedger,
            VerificationFailure.NotAnchored, VerificationFailure.AnchoredByAnotherIssuer, VerificationFailure.ProofMismatch,
            VerificationFailure.Suspended, VerificationFailure.Revoked, VerificationFailure.Superseded,
            VerificationFailure.NotYetValid, VerificationFailure.Expired, VerificationFailure.IssuerNotMember,
            VerificationFailure.VerifierNotMember, VerificationFailure.NoMraInForce, VerificationFailure.ProgrammeOutsideScope,
        ];

        Assert.Equal(tested.Order(), Enum.GetValues<VerificationFailure>().Order());
    }

    [Theory]
    [InlineData(AeoProgramme.AeoS, 0b01u)]
    [InlineData(AeoProgramme.AeoC, 0b10u)]
    [InlineData((AeoProgramme)99, 0u)]
    public void Scope_bits_follow_the_registry_bit_0_aeo_s_bit_1_aeo_c(AeoProgramme programme, uint bit)
    {
        Assert.Equal(bit, AeoVerifier.ScopeBit(programme));
    }
}
