using System.Security.Cryptography;
using CredentialLedger.Contracts;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Verification.HandMadeTokens;
using static CredentialLedger.Sdk.Tests.Verification.VerificationAssert;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>
/// Forged and altered tokens (DESIGN.md "Security": a fixed list of algorithms, kid resolved on chain; alg none, HMAC
/// and algorithm confusion fail). Each is presented with the root, index and proof of a genuine anchored credential,
/// as an attacker holding one would; the leaf commits to the exact JWS, so the proof no longer holds either.
/// </summary>
public sealed class ForgedTokenTests : IDisposable
{
    private readonly LedgerScenario _s = LedgerScenario.Standard();
    private readonly PresentedCredential _genuine;

    public ForgedTokenTests()
    {
        _genuine = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr), _s.SignNew(Kr))[0];
        IsRecognized(_s.Verify(_genuine, Uz));
    }

    public void Dispose() => _s.Dispose();

    private string GenuinePayloadJson => FromB64Utf8(Split(_genuine.Jws).Payload);

    private AeoVerification Present(string jws) => _s.Verify(_genuine with { Jws = jws }, Uz);

    [Fact]
    public void A_token_signed_by_an_unregistered_key_under_the_issuers_kid_has_a_bad_signature()
    {
        var forged = SignEs256(_s.NewKey(), Header(_s.KeyOf(Kr).KeyId), GenuinePayloadJson);

        FailsWith(Present(forged), VerificationFailure.BadSignature, VerificationFailure.ProofMismatch);
    }

    [Fact]
    public void A_token_signed_by_another_members_registered_key_under_the_issuers_kid_has_a_bad_signature()
    {
        var forged = SignEs256(_s.KeyOf(Uz), Header(_s.KeyOf(Kr).KeyId), GenuinePayloadJson);

        FailsWith(Present(forged), VerificationFailure.BadSignature, VerificationFailure.ProofMismatch);
    }

    [Fact]
    public void The_genuine_signature_on_an_altered_payload_is_a_bad_signature()
    {
        var (header, _, signature) = Split(_genuine.Jws);
        var altered = GenuinePayloadJson.Replace("\"exporter\"", "\"importer\"", StringComparison.Ordinal);
        Assert.NotEqual(GenuinePayloadJson, altered);

        var result = Present($"{header}.{B64(altered)}.{signature}");

        FailsWith(result, VerificationFailure.BadSignature, VerificationFailure.ProofMismatch);
        Assert.Null(result.Certificate);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void One_character_changed_in_the_payload_segment_is_refused(double where)
    {
        var (header, payload, signature) = Split(_genuine.Jws);
        var chars = payload.ToCharArray();
        var i = (int)(chars.Length * where);
        chars[i] = chars[i] == 'A' ? 'B' : 'A';

        var result = Present($"{header}.{new string(chars)}.{signature}");

        // Still JSON, the signature does not cover it; no longer JSON (a byte turned into a control character), it
        // cannot even be read. Which one depends on the random payload; either way nothing of it is believed.
        var reason = Assert.Single(result.Reasons, r => r.Failure != VerificationFailure.ProofMismatch);
        Assert.Contains(reason.Failure, new[] { VerificationFailure.BadSignature, VerificationFailure.Malformed });
        Assert.True(result.Has(VerificationFailure.ProofMismatch));
        Assert.False(result.Recognized);
        Assert.Null(result.Certificate);
    }

    [Fact]
    public void A_payload_altered_and_anchored_by_the_issuer_still_has_a_bad_signature()
    {
        // Even a document the issuer's node anchored is refused when its signature does not cover it.
        var (header, _, signature) = Split(_genuine.Jws);
        var altered = $"{header}.{B64(GenuinePayloadJson.Replace("\"exporter\"", "\"importer\"", StringComparison.Ordinal))}.{signature}";
        var batch = _s.Anchor(Kr, Anchoring + 1, altered);

        FailsWith(_s.Verify(batch[0], Uz), VerificationFailure.BadSignature);
    }

    [Fact]
    public void An_alg_none_token_with_an_empty_signature_is_not_a_compact_jws()
    {
        var result = Present(Unsigned(_s.KeyOf(Kr).KeyId, GenuinePayloadJson, ""));

        FailsWith(result, VerificationFailure.Malformed, VerificationFailure.ProofMismatch);
        Assert.Null(result.Certificate);
    }

    [Fact]
    public void An_alg_none_token_carrying_the_genuine_signature_is_refused_for_its_algorithm()
    {
        var result = Present(Unsigned(_s.KeyOf(Kr).KeyId, GenuinePayloadJson, Split(_genuine.Jws).Signature));

        FailsWith(result, VerificationFailure.BadSignature, VerificationFailure.ProofMismatch);
        Assert.StartsWith("header.alg", result.Reasons.Single(r => r.Failure == VerificationFailure.BadSignature).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_hs256_token_is_refused_for_its_algorithm()
    {
        var token = SignHs256(RandomNumberGenerator.GetBytes(32), Header(_s.KeyOf(Kr).KeyId, "HS256"), GenuinePayloadJson);

        FailsWith(Present(token), VerificationFailure.BadSignature, VerificationFailure.ProofMismatch);
    }

    [Fact]
    public void An_hs256_token_keyed_with_the_issuers_public_key_bytes_fails_algorithm_confusion()
    {
        var key = _s.KeyOf(Kr);
        var token = SignHs256(key.PublicKey, Header(key.KeyId, "HS256"), GenuinePayloadJson);

        var result = Present(token);

        FailsWith(result, VerificationFailure.BadSignature, VerificationFailure.ProofMismatch);
        Assert.Null(result.Certificate);
    }

    [Fact]
    public void An_hs256_token_keyed_with_the_public_key_and_anchored_by_the_issuer_still_fails()
    {
        var key = _s.KeyOf(Kr);
        var batch = _s.Anchor(Kr, Anchoring + 1, SignHs256(key.PublicKey, Header(key.KeyId, "HS256"), GenuinePayloadJson));

        FailsWith(_s.Verify(batch[0], Uz), VerificationFailure.BadSignature);
    }

    [Theory]
    [InlineData("ES384")]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("es256")]
    [InlineData("")]
    public void Any_algorithm_but_es256_is_refused(string alg)
    {
        var token = SignEs256(_s.KeyOf(Kr), Header(_s.KeyOf(Kr).KeyId, alg), GenuinePayloadJson);

        FailsWith(Present(token), VerificationFailure.BadSignature, VerificationFailure.ProofMismatch);
    }

    [Fact]
    public void A_token_whose_kid_names_no_registered_key_has_an_unknown_key()
    {
        var stranger = _s.NewKey();

        var result = Present(SignEs256(stranger, Header(stranger.KeyId), GenuinePayloadJson));

        FailsWith(result, VerificationFailure.UnknownKey, VerificationFailure.ProofMismatch);
        Assert.Equal(stranger.KeyId, result.KeyId);
    }

    [Fact]
    public void A_chamber_key_does_not_verify_an_aeo_certificate()
    {
        var chamberKey = _s.RegisterKey(Kr, Anchoring, validFrom: Anchoring, chamber: ChamberId.FromAscii("KR-KCCI"));
        var batch = _s.Anchor(Kr, Anchoring + 1, Sign(chamberKey, Certificate("KR")));

        var result = _s.Verify(batch[0], Uz);

        FailsWith(result, VerificationFailure.UnknownKey);
        Assert.Null(result.Certificate);
    }

    [Fact]
    public void A_chamber_key_not_valid_at_anchoring_is_still_only_an_unknown_key()
    {
        // For AEO certificates a chamber's key does not exist: no other judgement on it belongs in the answer.
        var chamberKey = _s.RegisterKey(Kr, Anchoring, validFrom: Anchoring + 1_000, chamber: ChamberId.FromAscii("KR-KCCI"));
        var batch = _s.Anchor(Kr, Anchoring + 1, Sign(chamberKey, Certificate("KR")));

        FailsWith(_s.Verify(batch[0], Uz), VerificationFailure.UnknownKey);
    }

    [Fact]
    public void A_genuine_token_of_one_issuer_presented_under_another_issuers_batch_fails_the_proof()
    {
        var other = _s.Anchor(Kr, Anchoring + 1, _s.SignNew(Kr), _s.SignNew(Kr));

        var result = _s.Verify(_genuine with { Root = other.Root }, Uz);

        FailsWith(result, VerificationFailure.ProofMismatch);
    }

    [Fact]
    public void A_certificate_naming_another_issuer_signed_and_anchored_by_this_one_is_flagged_twice()
    {
        var batch = _s.Anchor(Kr, Anchoring + 1, Sign(_s.KeyOf(Kr), Certificate("UZ")));

        var result = _s.Verify(batch[0], Kz);

        // UZ and KZ have no MRA, but the claims of origin are the point here.
        FailsWith(result, VerificationFailure.KeyOfAnotherIssuer, VerificationFailure.AnchoredByAnotherIssuer, VerificationFailure.NoMraInForce);
    }
}
