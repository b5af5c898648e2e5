using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Verification;
using static CredentialLedger.Sdk.Tests.LedgerScenario;
using static CredentialLedger.Sdk.Tests.Verification.HandMadeTokens;
using static CredentialLedger.Sdk.Tests.Verification.VerificationAssert;

namespace CredentialLedger.Sdk.Tests.Verification;

/// <summary>
/// Malformed and oversized input, presented with a genuine credential's anchoring: never an exception, always a
/// result that names what is wrong (DESIGN.md "Security": bad input of any kind gets a clear error).
/// </summary>
public sealed class MalformedInputTests : IDisposable
{
    private readonly LedgerScenario _s = LedgerScenario.Standard();
    private readonly PresentedCredential _genuine;

    public MalformedInputTests()
    {
        _genuine = _s.Anchor(Kr, Anchoring, _s.SignNew(Kr), _s.SignNew(Kr))[0];
        IsRecognized(_s.Verify(_genuine, Uz));
    }

    public void Dispose() => _s.Dispose();

    private string Token(string name)
    {
        var (header, payload, signature) = Split(_genuine.Jws);
        var kid = _s.KeyOf(Kr).KeyId;
        var payloadJson = FromB64Utf8(payload);
        return name switch
        {
            "empty" => "",
            "whitespace" => "   ",
            "one part" => header,
            "two parts" => $"{header}.{payload}",
            "four parts" => $"{_genuine.Jws}.{signature}",
            "empty payload segment" => $"{header}..{signature}",
            "dots only" => "..",
            "not base64url" => "!!!.@@@.###",
            "standard base64 padding" => $"{header}==.{payload}.{signature}",
            "leading space" => " " + _genuine.Jws,
            "header not json" => $"{B64("not json")}.{payload}.{signature}",
            "header a json array" => $"{B64("""["ES256"]""")}.{payload}.{signature}",
            "header json null" => $"{B64("null")}.{payload}.{signature}",
            "header truncated json" => $"{B64("""{"alg":"ES256","typ":""")}.{payload}.{signature}",
            "header deeply nested" => $"{B64(new string('[', 5_000) + new string(']', 5_000))}.{payload}.{signature}",
            "header without kid" => $"{B64("""{"alg":"ES256","typ":"vc+jwt"}""")}.{payload}.{signature}",
            "kid not 32 bytes" => $"{B64("""{"alg":"ES256","typ":"vc+jwt","kid":"0x1234"}""")}.{payload}.{signature}",
            "kid a number" => $"{B64("""{"alg":"ES256","typ":"vc+jwt","kid":1}""")}.{payload}.{signature}",
            "typ not vc+jwt" => SignEs256(_s.KeyOf(Kr), $$"""{"alg":"ES256","typ":"JWT","kid":"{{kid}}"}""", payloadJson),
            "crit header" => SignEs256(_s.KeyOf(Kr), $$"""{"alg":"ES256","typ":"vc+jwt","kid":"{{kid}}","crit":["exp"]}""", payloadJson),
            "payload not json" => SignEs256(_s.KeyOf(Kr), Header(kid), "not json"),
            "payload deeply nested" => SignEs256(_s.KeyOf(Kr), Header(kid), new string('[', 5_000) + new string(']', 5_000)),
            "signature not base64url" => $"{header}.{payload}.!!!!",
            "signature truncated" => $"{header}.{payload}.{signature[..20]}",
            "signature of zeros" => $"{header}.{payload}.{B64(new byte[64])}",
            "non-ascii in header" => $"é{header}.{payload}.{signature}",
            "non-ascii in payload" => $"{header}.{payload}é.{signature}",
            "non-ascii in signature" => $"{header}.{payload}.{signature}é",
            "non-ascii lookalike dot" => $"{header}\u2024{payload}.{signature}",
            "nul character" => $"{header}.{payload}.{signature}\0",
            "oversized payload" => $"{header}.{B64(payloadJson + new string(' ', VcJwtVerifier.MaxLength))}.{signature}",
            "oversized junk" => new string('a', VcJwtVerifier.MaxLength + 1),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such case"),
        };
    }

    [Theory]
    [InlineData("empty", VerificationFailure.Malformed)]
    [InlineData("whitespace", VerificationFailure.Malformed)]
    [InlineData("one part", VerificationFailure.Malformed)]
    [InlineData("two parts", VerificationFailure.Malformed)]
    [InlineData("four parts", VerificationFailure.Malformed)]
    [InlineData("empty payload segment", VerificationFailure.Malformed)]
    [InlineData("dots only", VerificationFailure.Malformed)]
    [InlineData("not base64url", VerificationFailure.Malformed)]
    [InlineData("standard base64 padding", VerificationFailure.Malformed)]
    [InlineData("leading space", VerificationFailure.Malformed)]
    [InlineData("header not json", VerificationFailure.Malformed)]
    [InlineData("header a json array", VerificationFailure.Malformed)]
    [InlineData("header json null", VerificationFailure.Malformed)]
    [InlineData("header truncated json", VerificationFailure.Malformed)]
    [InlineData("header deeply nested", VerificationFailure.Malformed)]
    [InlineData("header without kid", VerificationFailure.Malformed)]
    [InlineData("kid not 32 bytes", VerificationFailure.Malformed)]
    [InlineData("kid a number", VerificationFailure.Malformed)]
    [InlineData("typ not vc+jwt", VerificationFailure.Malformed)]
    [InlineData("crit header", VerificationFailure.Malformed)]
    [InlineData("payload not json", VerificationFailure.Malformed)]
    [InlineData("payload deeply nested", VerificationFailure.Malformed)]
    [InlineData("signature not base64url", VerificationFailure.BadSignature)]
    [InlineData("signature truncated", VerificationFailure.BadSignature)]
    [InlineData("signature of zeros", VerificationFailure.BadSignature)]
    [InlineData("non-ascii in header", VerificationFailure.Malformed)]
    [InlineData("non-ascii in payload", VerificationFailure.Malformed)]
    [InlineData("non-ascii in signature", VerificationFailure.BadSignature)]
    [InlineData("non-ascii lookalike dot", VerificationFailure.Malformed)]
    [InlineData("nul character", VerificationFailure.BadSignature)]
    [InlineData("oversized payload", VerificationFailure.Malformed)]
    [InlineData("oversized junk", VerificationFailure.Malformed)]
    public void A_bad_token_is_refused_with_a_reason_and_its_proof_no_longer_holds(string name, VerificationFailure failure)
    {
        var result = _s.Verify(_genuine with { Jws = Token(name) }, Uz);

        FailsWith(result, failure, VerificationFailure.ProofMismatch);
        Assert.Null(result.Certificate);
        Assert.Null(result.Mra);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("two parts")]
    [InlineData("header not json")]
    [InlineData("kid not 32 bytes")]
    [InlineData("payload not json")]
    public void A_bad_token_anchored_by_the_issuer_is_refused_for_the_token_alone(string name)
    {
        var anchored = _s.Anchor(Kr, Anchoring + 1, Token(name));

        FailsWith(_s.Verify(anchored[0], Uz), VerificationFailure.Malformed);
    }

    [Fact]
    public void An_oversized_token_fails_its_proof_even_when_anchored_because_it_is_never_hashed()
    {
        var anchored = _s.Anchor(Kr, Anchoring + 1, Token("oversized junk"));

        FailsWith(_s.Verify(anchored[0], Uz), VerificationFailure.Malformed, VerificationFailure.ProofMismatch);
    }

    [Fact]
    public void A_non_ascii_token_fails_its_proof_even_when_anchored_because_its_bytes_are_not_the_hashed_ones()
    {
        // The document hash is over ASCII bytes; a non-ASCII character would hash as '?' and could pass for another token.
        var anchored = _s.Anchor(Kr, Anchoring + 1, Token("non-ascii in signature"));

        FailsWith(_s.Verify(anchored[0], Uz), VerificationFailure.BadSignature, VerificationFailure.ProofMismatch);
    }

    [Theory]
    [InlineData("alg")]
    [InlineData("typ")]
    [InlineData("kid")]
    public void A_header_string_that_is_not_valid_utf8_is_malformed(string field)
    {
        // JsonDocument accepts the bytes; reading the string is what fails (InvalidOperationException).
        var (_, payload, signature) = Split(_genuine.Jws);
        var kid = _s.KeyOf(Kr).KeyId;
        var json = field switch
        {
            "alg" => $$"""{"alg":"~","typ":"vc+jwt","kid":"{{kid}}"}""",
            "typ" => $$"""{"alg":"ES256","typ":"~","kid":"{{kid}}"}""",
            _ => """{"alg":"ES256","typ":"vc+jwt","kid":"~"}""",
        };
        // 0xF8 never occurs in UTF-8.
        var header = System.Text.Encoding.ASCII.GetBytes(json).Select(b => b == (byte)'~' ? (byte)0xF8 : b).ToArray();

        var result = _s.Verify(_genuine with { Jws = $"{B64(header)}.{payload}.{signature}" }, Uz);

        FailsWith(result, VerificationFailure.Malformed, VerificationFailure.ProofMismatch);
    }

    [Fact]
    public void A_null_jws_is_malformed_and_nothing_else_is_looked_at()
    {
        var result = _s.Verify(_genuine with { Jws = null! }, Uz);

        FailsWith(result, VerificationFailure.Malformed);
        Assert.Null(result.KeyId);
        Assert.Null(result.Anchor);
        Assert.Null(result.Status);
    }

    [Fact]
    public void A_null_credential_is_malformed()
    {
        var result = _s.Verify(null, Uz);

        FailsWith(result, VerificationFailure.Malformed);
        Assert.Equal(Uz, result.Verifier);
        Assert.Equal(At, result.At);
    }

    [Fact]
    public void A_genuine_token_with_a_null_proof_is_a_proof_mismatch()
    {
        FailsWith(_s.Verify(_genuine with { Proof = null! }, Uz), VerificationFailure.ProofMismatch);
    }

    [Fact]
    public void A_time_before_1970_is_answered_without_throwing()
    {
        var result = _s.Verify(_genuine, Uz, DateTimeOffset.UnixEpoch.AddDays(-1));

        Assert.False(result.Recognized);
        Assert.True(result.Has(VerificationFailure.NotYetValid));
    }

    [Fact]
    public void The_largest_time_is_answered_without_throwing()
    {
        var result = _s.Verify(_genuine, Uz, DateTimeOffset.MaxValue);

        Assert.False(result.Recognized);
        Assert.True(result.Has(VerificationFailure.Expired));
    }
}
