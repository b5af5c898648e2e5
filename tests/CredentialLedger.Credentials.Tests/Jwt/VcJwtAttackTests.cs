using System.Security.Cryptography;
using System.Text;
using CredentialLedger.Credentials.Jwt;

namespace CredentialLedger.Credentials.Tests.Jwt;

/// <summary>Forged, altered and malformed tokens: each is refused with a result, never an exception.</summary>
public sealed class VcJwtAttackTests : IDisposable
{
    private readonly VcJwtSigningKey _key = VcJwtSigningKey.Generate();
    private readonly VcJwtSigningKey _otherKey = VcJwtSigningKey.Generate();
    private readonly ECDsa _ecdsa;
    private readonly VcJwtVerifier _verifier;
    private readonly string _jws;

    public VcJwtAttackTests()
    {
        _ecdsa = JwtTestData.PrivateEcdsa(_key);
        // Both keys are registered: a signature by the other one is by a known key, just not the one the kid names.
        _verifier = JwtTestData.VerifierFor(_key, _otherKey);
        _jws = new VcJwtIssuer(_key).Sign(JwtTestData.Certificate());
        Assert.True(_verifier.Verify(_jws).IsValid);
    }

    public void Dispose()
    {
        _ecdsa.Dispose();
        _key.Dispose();
        _otherKey.Dispose();
    }

    private string Kid => _key.KeyId.ToString();

    private static void AssertRejected(VcJwtVerification result, string errorPrefix)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Certificate);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(errorPrefix, error, StringComparison.Ordinal);
    }

    private static string ReplaceChar(string text, int index)
    {
        var chars = text.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void One_character_changed_in_the_payload_segment_breaks_the_signature(double where)
    {
        var (header, payload, signature) = JwtTestData.Split(_jws);
        var tampered = ReplaceChar(payload, (int)(payload.Length * where));
        Assert.NotEqual(JwtTestData.FromB64(payload), JwtTestData.FromB64(tampered));

        var result = _verifier.Verify($"{header}.{tampered}.{signature}");

        Assert.False(result.IsValid);
        Assert.Null(result.Certificate);
        Assert.StartsWith("signature:", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_altered_payload_fails_as_a_signature_that_does_not_verify()
    {
        var (header, payload, signature) = JwtTestData.Split(_jws);
        var altered = JwtTestData.FromB64Utf8(payload).Replace("KRAEO-2026-0001", "KRAEO-2026-0002", StringComparison.Ordinal);

        var result = _verifier.Verify($"{header}.{JwtTestData.B64(altered)}.{signature}");

        AssertRejected(result, "signature: does not verify under the key");
        Assert.Equal(_key.KeyId, result.KeyId);
    }

    [Fact]
    public void A_signature_made_by_another_registered_key_under_this_kid_is_rejected()
    {
        using var other = JwtTestData.PrivateEcdsa(_otherKey);
        var forged = JwtTestData.SignEs256(other, JwtTestData.Header(Kid), JwtTestData.CertificateJson);

        AssertRejected(_verifier.Verify(forged), "signature: does not verify under the key");
    }

    [Fact]
    public void The_signature_segment_of_another_keys_token_does_not_transplant()
    {
        var (header, payload, _) = JwtTestData.Split(_jws);
        var (_, _, otherSignature) = JwtTestData.Split(new VcJwtIssuer(_otherKey).Sign(JwtTestData.Certificate()));

        AssertRejected(_verifier.Verify($"{header}.{payload}.{otherSignature}"), "signature: does not verify under the key");
    }

    [Fact]
    public void A_key_that_is_not_registered_is_rejected_by_kid_before_any_signature_check()
    {
        using var stranger = VcJwtSigningKey.Generate();
        var token = new VcJwtIssuer(stranger).Sign(JwtTestData.Certificate());

        var result = _verifier.Verify(token);

        AssertRejected(result, "header.kid: no registered P-256 key has this id");
        Assert.Equal(stranger.KeyId, result.KeyId);
    }

    [Fact]
    public void A_kid_naming_another_registered_key_than_the_signer_is_rejected()
    {
        var token = JwtTestData.SignEs256(_ecdsa, JwtTestData.Header(_otherKey.KeyId.ToString()), JwtTestData.CertificateJson);

        var result = _verifier.Verify(token);

        AssertRejected(result, "signature:");
        Assert.Equal(_otherKey.KeyId, result.KeyId);
    }

    [Theory]
    [InlineData(null, "header.kid: '' is not a 32-byte key id")]
    [InlineData("key-1", "header.kid: 'key-1' is not a 32-byte key id")]
    [InlineData("0x1234", "header.kid: '0x1234' is not a 32-byte key id")]
    public void A_missing_or_malformed_kid_is_rejected(string? kid, string expected)
    {
        var token = JwtTestData.SignEs256(_ecdsa, JwtTestData.Header(kid), JwtTestData.CertificateJson);

        AssertRejected(_verifier.Verify(token), expected);
    }

    [Fact]
    public void A_resolver_answer_that_is_another_valid_key_than_the_kid_names_counts_as_unregistered()
    {
        // The kid is keccak of the key: a resolver that answers with the wrong key (a bug, a poisoned cache) must not
        // make the verifier check the signature under a key the kid does not name.
        using var otherEcdsa = JwtTestData.PrivateEcdsa(_otherKey);
        var forged = JwtTestData.SignEs256(otherEcdsa, JwtTestData.Header(Kid), JwtTestData.CertificateJson);
        var verifier = new VcJwtVerifier(_ => _otherKey.PublicKey);

        AssertRejected(verifier.Verify(forged), "header.kid: no registered P-256 key has this id");
    }

    [Fact]
    public void A_kid_unknown_at_first_verifies_once_its_key_is_registered()
    {
        // "Not found" is not cached: a key registered after a first lookup is found on the next one.
        var registered = false;
        var lookups = 0;
        var verifier = new VcJwtVerifier(kid =>
        {
            lookups++;
            return registered && kid == _key.KeyId ? _key.PublicKey : null;
        });

        AssertRejected(verifier.Verify(_jws), "header.kid: no registered P-256 key has this id");
        registered = true;
        Assert.True(verifier.Verify(_jws).IsValid);
        Assert.True(verifier.Verify(_jws).IsValid);

        Assert.Equal(2, lookups); // the found key is cached: it can never change under its kid
    }

    [Fact]
    public void A_resolver_answer_that_is_not_a_65_byte_uncompressed_p256_key_counts_as_unregistered()
    {
        var compressed = new byte[33];
        compressed[0] = 0x02;
        _key.PublicKey.AsSpan(1, 32).CopyTo(compressed.AsSpan(1));
        var offCurve = (byte[])_key.PublicKey.Clone();
        offCurve[^1] ^= 1;

        foreach (var answer in new[] { compressed, offCurve, new byte[65] })
        {
            var verifier = new VcJwtVerifier(_ => answer);
            AssertRejected(verifier.Verify(_jws), "header.kid: no registered P-256 key has this id");
        }
    }

    [Fact]
    public void Alg_none_with_an_empty_signature_is_rejected()
    {
        var token = JwtTestData.B64($$"""{"alg":"none","typ":"vc+jwt","kid":"{{Kid}}"}""") + "." + JwtTestData.B64(JwtTestData.CertificateJson) + ".";

        AssertRejected(_verifier.Verify(token), "jws: not a compact JWS");
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    public void Alg_none_with_any_signature_is_rejected_by_the_algorithm_check(string alg)
    {
        var token = JwtTestData.SignEs256(_ecdsa, JwtTestData.Header(Kid, alg), JwtTestData.CertificateJson);

        AssertRejected(_verifier.Verify(token), $"header.alg: '{alg}' is not accepted; only ES256");
    }

    [Fact]
    public void Hs256_keyed_with_the_public_key_bytes_is_rejected_algorithm_confusion()
    {
        var signingInput = JwtTestData.B64(JwtTestData.Header(Kid, "HS256")) + "." + JwtTestData.B64(JwtTestData.CertificateJson);
        var mac = HMACSHA256.HashData(_key.PublicKey, Encoding.ASCII.GetBytes(signingInput));

        AssertRejected(_verifier.Verify(signingInput + "." + JwtTestData.B64(mac)), "header.alg: 'HS256' is not accepted; only ES256");
    }

    [Fact]
    public void An_hmac_of_the_public_key_under_an_es256_header_does_not_verify()
    {
        var signingInput = JwtTestData.B64(JwtTestData.Header(Kid)) + "." + JwtTestData.B64(JwtTestData.CertificateJson);
        foreach (var secret in new[] { _key.PublicKey, Encoding.ASCII.GetBytes(Kid) })
        {
            var mac = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));
            AssertRejected(_verifier.Verify(signingInput + "." + JwtTestData.B64(mac)), "signature:");
        }
    }

    [Theory]
    [InlineData("ES384")]
    [InlineData("ES512")]
    [InlineData("RS256")]
    [InlineData("PS256")]
    [InlineData("es256")]
    [InlineData("ES256K")]
    [InlineData("EdDSA")]
    public void Any_algorithm_other_than_es256_is_rejected_even_with_a_valid_p256_signature(string alg)
    {
        var token = JwtTestData.SignEs256(_ecdsa, JwtTestData.Header(Kid, alg), JwtTestData.CertificateJson);

        AssertRejected(_verifier.Verify(token), $"header.alg: '{alg}' is not accepted; only ES256");
    }

    [Fact]
    public void A_header_without_alg_is_rejected()
    {
        var token = JwtTestData.SignEs256(_ecdsa, $$"""{"typ":"vc+jwt","kid":"{{Kid}}"}""", JwtTestData.CertificateJson);

        AssertRejected(_verifier.Verify(token), "header.alg: '' is not accepted; only ES256");
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("vc+ld+json+jwt")]
    [InlineData("vp+jwt")]
    [InlineData("")]
    public void A_wrong_typ_is_rejected_even_with_a_valid_signature(string typ)
    {
        var token = JwtTestData.SignEs256(_ecdsa, JwtTestData.Header(Kid, typ: typ), JwtTestData.CertificateJson);

        AssertRejected(_verifier.Verify(token), $"header.typ: '{typ}' is not vc+jwt");
    }

    [Fact]
    public void A_missing_typ_is_rejected()
    {
        var token = JwtTestData.SignEs256(_ecdsa, $$"""{"alg":"ES256","kid":"{{Kid}}"}""", JwtTestData.CertificateJson);

        AssertRejected(_verifier.Verify(token), "header.typ: '' is not vc+jwt");
    }

    [Fact]
    public void A_critical_extension_is_rejected()
    {
        var header = $$"""{"alg":"ES256","typ":"vc+jwt","kid":"{{Kid}}","crit":["b64"],"b64":false}""";
        var token = JwtTestData.SignEs256(_ecdsa, header, JwtTestData.CertificateJson);

        AssertRejected(_verifier.Verify(token), "header.crit:");
    }

    [Fact]
    public void An_embedded_jwk_of_the_attackers_key_is_not_trusted()
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = attacker.ExportParameters(false).Q;
        var header = $$$"""{"alg":"ES256","typ":"vc+jwt","kid":"{{{Kid}}}","jwk":{"kty":"EC","crv":"P-256","x":"{{{JwtTestData.B64(q.X)}}}","y":"{{{JwtTestData.B64(q.Y)}}}"}}""";
        var token = JwtTestData.SignEs256(attacker, header, JwtTestData.CertificateJson);

        AssertRejected(_verifier.Verify(token), "signature: does not verify under the key");
    }

    [Fact]
    public void A_der_encoded_signature_is_not_accepted_in_place_of_r_concatenated_with_s()
    {
        var signingInput = JwtTestData.B64(JwtTestData.Header(Kid)) + "." + JwtTestData.B64(JwtTestData.CertificateJson);
        var der = _ecdsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        AssertRejected(_verifier.Verify(signingInput + "." + JwtTestData.B64(der)), "signature:");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(43)]
    public void A_token_with_its_signature_cut_short_is_rejected(int removed)
    {
        AssertRejected(_verifier.Verify(_jws[..^removed]), "signature:");
    }

    [Fact]
    public void A_token_cut_anywhere_never_verifies_and_never_throws()
    {
        for (var length = 1; length < _jws.Length; length += 7)
        {
            var result = _verifier.Verify(_jws[..length]);
            Assert.False(result.IsValid);
            Assert.NotEmpty(result.Errors);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_token_without_exactly_three_segments_is_rejected(int segments)
    {
        var parts = _jws.Split('.');
        var token = string.Join('.', Enumerable.Range(0, segments).Select(i => parts[Math.Min(i, 2)]));

        AssertRejected(_verifier.Verify(token), "jws: not a compact JWS (three non-empty base64url parts)");
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a..b")]
    [InlineData(".a.b")]
    public void A_token_with_an_empty_segment_is_rejected(string token)
    {
        AssertRejected(_verifier.Verify(token), "jws: not a compact JWS");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_token_is_rejected(string? token)
    {
        AssertRejected(_verifier.Verify(token), "jws: empty");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("!")]
    [InlineData("%")]
    [InlineData("\u00e9")]
    public void A_header_segment_with_a_character_outside_base64url_is_rejected(string bad)
    {
        var (header, payload, signature) = JwtTestData.Split(_jws);

        AssertRejected(_verifier.Verify($"{header[..4]}{bad}{header[4..]}.{payload}.{signature}"), "header: not base64url JSON");
    }

    [Fact]
    public void A_segment_with_a_space_or_another_spelling_of_the_same_bytes_is_rejected_as_not_canonical()
    {
        // A lenient base64url decoder skips the space, or ignores the unused low bits of a last character: the same
        // bytes under another spelling would verify and give another document hash. Only the canonical spelling passes.
        var (header, payload, signature) = JwtTestData.Split(_jws);

        AssertRejected(_verifier.Verify($"{header[..4]} {header[4..]}.{payload}.{signature}"), "header: not base64url JSON");
        AssertRejected(_verifier.Verify($"{header}.{payload}.{signature[..10]} {signature[10..]}"), "signature: not canonical base64url");
        // The signature is 64 bytes: 86 characters whose last carries 2 unused bits; a set unused bit is refused too.
        var last = signature[^1];
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var respelled = signature[..^1] + alphabet[alphabet.IndexOf(last, StringComparison.Ordinal) ^ 1];
        AssertRejected(_verifier.Verify($"{header}.{payload}.{respelled}"), "signature: not canonical base64url");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("!")]
    [InlineData(" ")]
    public void A_payload_or_signature_segment_with_a_character_outside_base64url_is_rejected(string bad)
    {
        var (header, payload, signature) = JwtTestData.Split(_jws);

        AssertRejected(_verifier.Verify($"{header}.{payload[..10]}{bad}{payload[10..]}.{signature}"), "signature:");
        AssertRejected(_verifier.Verify($"{header}.{payload}.{signature[..10]}{bad}{signature[10..]}"), "signature:");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"ES256\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_header_that_is_json_but_not_an_object_is_rejected(string header)
    {
        AssertRejected(_verifier.Verify(JwtTestData.B64(header) + ".e30.AAAA"), "header: not a JSON object");
    }

    [Fact]
    public void A_header_that_is_not_json_is_rejected()
    {
        AssertRejected(_verifier.Verify(JwtTestData.B64("alg=ES256") + ".e30.AAAA"), "header: not base64url JSON");
    }

    [Fact]
    public void A_one_megabyte_token_is_rejected_by_length_without_being_parsed()
    {
        var huge = JwtTestData.B64(new string('a', 768 * 1024)) + ".e30.AAAA";
        Assert.True(huge.Length > 1_000_000);

        AssertRejected(_verifier.Verify(huge), $"jws: longer than {VcJwtVerifier.MaxLength} characters");
    }

    [Fact]
    public void A_token_one_character_over_the_limit_is_rejected_by_length()
    {
        var (header, payload, _) = JwtTestData.Split(_jws);
        var token = header + "." + payload + "." + new string('A', VcJwtVerifier.MaxLength - header.Length - payload.Length - 1);
        Assert.Equal(VcJwtVerifier.MaxLength + 1, token.Length);

        AssertRejected(_verifier.Verify(token), "jws: longer than");
    }

    [Fact]
    public void A_large_signed_token_under_the_limit_is_handled_as_a_normal_token_and_verifies()
    {
        // 60 kB of padding in a header field the verifier ignores: it must still be handled as a normal token.
        var header = $$"""{"alg":"ES256","typ":"vc+jwt","kid":"{{Kid}}","x-pad":"{{new string('p', 45_000)}}"}""";
        var token = JwtTestData.SignEs256(_ecdsa, header, JwtTestData.CertificateJson);
        Assert.InRange(token.Length, 60_000, VcJwtVerifier.MaxLength);

        var result = _verifier.Verify(token);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void A_deeply_nested_header_is_rejected_without_throwing()
    {
        var header = new string('[', 10_000) + new string(']', 10_000);

        AssertRejected(_verifier.Verify(JwtTestData.B64(header) + ".e30.AAAA"), "header: not base64url JSON");
    }
}
