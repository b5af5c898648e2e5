using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Verification.VerificationAssert;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>
/// Step 1 of DESIGN.md "Verification": the signature under the issuer's key as registered on chain, valid when the
/// credential was anchored. Each document here is anchored by its issuer, so the reason shown is the only one.
/// </summary>
public sealed class SignatureReasonTests : IDisposable
{
    private readonly LedgerScenario _s = LedgerScenario.Standard();

    public void Dispose() => _s.Dispose();

    private AeoVerification AnchorAndVerify(string jws, ulong anchoredAt = 0)
    {
        var batch = _s.Anchor(Kr, anchoredAt == 0 ? Anchoring : anchoredAt, jws);
        return _s.Verify(batch[0], Uz);
    }

    [Fact]
    public void A_validly_signed_payload_that_is_not_a_certificate_is_malformed()
    {
        var key = _s.KeyOf(Kr);

        var result = AnchorAndVerify(HandMadeTokens.SignEs256(key, HandMadeTokens.Header(key.KeyId), """{"hello":"world"}"""));

        FailsWith(result, VerificationFailure.Malformed);
        Assert.Null(result.Certificate);
        Assert.Equal(key.KeyId, result.KeyId);
    }

    [Fact]
    public void A_validly_signed_certificate_that_breaks_the_certificate_rules_is_malformed()
    {
        var key = _s.KeyOf(Kr);
        var invalid = Certificate("KR") with { ValidUntil = CertificateValidFrom, ReEvaluationDue = DateOnly.FromDateTime(CertificateValidFrom.UtcDateTime) };

        var result = AnchorAndVerify(HandMadeTokens.SignEs256(key, HandMadeTokens.Header(key.KeyId), VcJwt.ToJson(invalid)));

        FailsWith(result, VerificationFailure.Malformed);
        Assert.Contains("validUntil", Assert.Single(result.Reasons).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_signed_by_a_key_never_registered_has_an_unknown_key()
    {
        var stranger = _s.NewKey();

        var result = AnchorAndVerify(Sign(stranger, Certificate("KR")));

        FailsWith(result, VerificationFailure.UnknownKey);
        Assert.Equal(stranger.KeyId, result.KeyId);
        Assert.Null(result.Certificate);
    }

    [Fact]
    public void A_certificate_signed_by_another_key_under_the_issuers_kid_has_a_bad_signature()
    {
        var kid = _s.KeyOf(Kr).KeyId;

        var result = AnchorAndVerify(HandMadeTokens.SignEs256(_s.NewKey(), HandMadeTokens.Header(kid), VcJwt.ToJson(Certificate("KR"))));

        FailsWith(result, VerificationFailure.BadSignature);
        Assert.Equal(kid, result.KeyId);
        Assert.Null(result.Certificate);
    }

    [Fact]
    public void A_certificate_of_one_issuer_signed_with_another_members_key_is_flagged()
    {
        var result = AnchorAndVerify(Sign(_s.KeyOf(Kz), Certificate("KR")));

        FailsWith(result, VerificationFailure.KeyOfAnotherIssuer);
        Assert.Equal(_s.KeyOf(Kz).KeyId, result.KeyId);
    }

    [Fact]
    public void A_key_that_becomes_valid_only_after_the_anchoring_did_not_vouch_for_the_credential()
    {
        var later = _s.RegisterKey(Kr, Anchoring, validFrom: Anchoring + 1_000);

        var result = AnchorAndVerify(Sign(later, Certificate("KR")), anchoredAt: Anchoring + 999);

        FailsWith(result, VerificationFailure.KeyNotValidAtIssuance);
    }

    [Fact]
    public void A_key_valid_from_the_exact_second_of_anchoring_vouches_for_the_credential()
    {
        var later = _s.RegisterKey(Kr, Anchoring, validFrom: Anchoring + 1_000);

        IsRecognized(AnchorAndVerify(Sign(later, Certificate("KR")), anchoredAt: Anchoring + 1_000));
    }

    [Theory]
    [InlineData(99UL, true)]
    [InlineData(100UL, false)]
    public void A_key_expired_at_anchoring_did_not_vouch_for_the_credential(ulong anchoredAfter, bool recognized)
    {
        var shortLived = _s.RegisterKey(Kr, Anchoring, validFrom: Anchoring, validUntil: Anchoring + 100);

        var result = AnchorAndVerify(Sign(shortLived, Certificate("KR")), anchoredAt: Anchoring + anchoredAfter);

        if (recognized)
            IsRecognized(result);
        else
            FailsWith(result, VerificationFailure.KeyNotValidAtIssuance);
    }

    [Fact]
    public void A_key_revoked_back_dated_before_the_anchoring_did_not_vouch_for_the_credential()
    {
        var batch = _s.Anchor(Kr, Anchoring + 10, _s.SignNew(Kr));

        _s.RevokeKey(_s.KeyOf(Kr).KeyId, effectiveAt: Anchoring + 10, at: Anchoring + 20);

        FailsWith(_s.Verify(batch[0], Uz), VerificationFailure.KeyNotValidAtIssuance);
    }

    [Fact]
    public void A_key_revoked_after_the_anchoring_still_vouches_for_what_it_signed_before()
    {
        var batch = _s.Anchor(Kr, Anchoring + 10, _s.SignNew(Kr));

        _s.RevokeKey(_s.KeyOf(Kr).KeyId, effectiveAt: Anchoring + 11, at: Anchoring + 20);

        IsRecognized(_s.Verify(batch[0], Uz));
    }

    [Theory]
    [InlineData(1UL, "0x5FbDB2315678afecb367f032d93F642f64180aa3")]
    [InlineData(ChainId, "0x0000000000000000000000000000000000000001")]
    public void A_certificate_whose_status_lives_on_another_ledger_is_flagged(ulong chainId, string registry)
    {
        var certificate = Certificate("KR") with { Status = new LedgerStatusReference(chainId, Evm.Address.Parse(registry)) };

        var result = AnchorAndVerify(Sign(_s.KeyOf(Kr), certificate));

        FailsWith(result, VerificationFailure.WrongLedger);
        Assert.Equal(certificate, result.Certificate);
    }
}
