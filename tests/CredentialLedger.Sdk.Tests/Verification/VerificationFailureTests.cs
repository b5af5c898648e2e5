using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Verification;

namespace CredentialLedger.Sdk.Tests.Verification;

public sealed class VerificationFailureTests
{
    [Fact]
    public void Every_reason_has_its_own_test_in_this_folder()
    {
        // The reason tests cover exactly these; a new reason must come with a test that shows it alone. The reasons only
        // certificates of origin have are shown in ../Origin/OriginReasonTests.
        VerificationFailure[] tested =
        [
            VerificationFailure.Malformed, VerificationFailure.UnknownKey, VerificationFailure.BadSignature,
            VerificationFailure.KeyOfAnotherIssuer, VerificationFailure.KeyNotValidAtIssuance, VerificationFailure.WrongLedger,
            VerificationFailure.NotAnchored, VerificationFailure.AnchoredByAnotherIssuer, VerificationFailure.ProofMismatch,
            VerificationFailure.Suspended, VerificationFailure.Revoked, VerificationFailure.Superseded,
            VerificationFailure.NotYetValid, VerificationFailure.Expired, VerificationFailure.IssuerNotMember,
            VerificationFailure.VerifierNotMember, VerificationFailure.NoMraInForce, VerificationFailure.ProgrammeOutsideScope,
            VerificationFailure.ChamberNotAuthorized, VerificationFailure.KeyOfAnotherChamber, VerificationFailure.AnchoredByAnotherChamber,
            VerificationFailure.IssuedAfterAnchoring, VerificationFailure.ExporterNotRecognized,
        ];

        Assert.Equal(tested.Order(), Enum.GetValues<VerificationFailure>().Order());
    }

    [Fact]
    public void Values_keep_their_numbers_new_ones_only_come_at_the_end()
    {
        // Bundles and older SDKs read them by name, but a stored number must never change its meaning.
        Assert.Equal(1, (int)VerificationFailure.Malformed);
        Assert.Equal(18, (int)VerificationFailure.ProgrammeOutsideScope);
        Assert.Equal(19, (int)VerificationFailure.ChamberNotAuthorized);
        Assert.Equal(23, (int)VerificationFailure.ExporterNotRecognized);
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
