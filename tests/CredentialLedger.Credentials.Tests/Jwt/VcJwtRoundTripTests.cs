using System.Text;
using System.Text.Json;
using CredentialLedger.Credentials.Jwt;

namespace CredentialLedger.Credentials.Tests.Jwt;

public sealed class VcJwtRoundTripTests
{
    [Fact]
    public void An_issued_certificate_verifies_and_gives_back_the_same_certificate_and_key_id()
    {
        using var key = VcJwtSigningKey.Generate();
        var certificate = JwtTestData.Certificate();

        var jws = new VcJwtIssuer(key).Sign(certificate);
        var result = JwtTestData.VerifierFor(key).Verify(jws);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Empty(result.Errors);
        Assert.Equal(certificate, result.Certificate);
        Assert.Equal(key.KeyId, result.KeyId);
    }

    [Fact]
    public void The_header_is_es256_vc_jwt_with_the_keccak_of_the_uncompressed_public_key_as_kid()
    {
        using var key = VcJwtSigningKey.Generate();
        var jws = new VcJwtIssuer(key).Sign(JwtTestData.Certificate());

        using var header = JsonDocument.Parse(JwtTestData.FromB64(JwtTestData.Split(jws).Header));
        var h = header.RootElement;
        Assert.Equal("ES256", h.GetProperty("alg").GetString());
        Assert.Equal("vc+jwt", h.GetProperty("typ").GetString());
        Assert.Equal("vc", h.GetProperty("cty").GetString());
        var kid = h.GetProperty("kid").GetString();
        Assert.Equal(key.KeyId.ToString(), kid);
        // The key id as VcJwtSigningKey documents it, computed without the project's Keccak: keccak-256(0x04 || X || Y).
        using var ecdsa = JwtTestData.PrivateEcdsa(key);
        Assert.Equal(JwtTestData.KeccakHex(JwtTestData.UncompressedPublicKey(ecdsa)), kid);
    }

    [Fact]
    public void The_payload_is_the_w3c_vc_2_0_credential_itself_with_subject_and_status()
    {
        using var key = VcJwtSigningKey.Generate();
        var certificate = JwtTestData.Certificate();
        var jws = new VcJwtIssuer(key).Sign(certificate);

        using var payload = JsonDocument.Parse(JwtTestData.FromB64(JwtTestData.Split(jws).Payload));
        var vc = payload.RootElement;

        var context = vc.GetProperty("@context").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal("https://www.w3.org/ns/credentials/v2", context[0]);
        var types = vc.GetProperty("type").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains("VerifiableCredential", types);
        Assert.Contains("AeoCertificate", types);
        Assert.Equal(certificate.Id, vc.GetProperty("id").GetString());
        Assert.Equal("urn:credentialledger:member:KR", vc.GetProperty("issuer").GetString());
        Assert.Equal("2026-01-01T00:00:00Z", vc.GetProperty("validFrom").GetString());
        Assert.Equal("2029-01-01T00:00:00Z", vc.GetProperty("validUntil").GetString());

        var subject = vc.GetProperty("credentialSubject");
        Assert.Equal("KRAEO-2026-0001", subject.GetProperty("aeoNumber").GetString());
        Assert.Equal("Hanbit Logistics Co., Ltd.", subject.GetProperty("legalName").GetString());
        Assert.Equal("123-45-67890", subject.GetProperty("tin").GetString());
        Assert.Equal("KR", subject.GetProperty("country").GetString());
        Assert.Equal(["AEO-S", "AEO-C"], subject.GetProperty("programmeTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["exporter", "customs-broker"], subject.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2027-06-30", subject.GetProperty("reEvaluationDue").GetString());

        var status = vc.GetProperty("credentialStatus");
        Assert.Equal(JsonValueKind.Object, status.ValueKind);
        Assert.Equal("CredentialLedgerAnchor", status.GetProperty("type").GetString());
        Assert.Equal(31337UL, status.GetProperty("chainId").GetUInt64());
        Assert.Equal(JwtTestData.Registry.ToString(), status.GetProperty("credentialRegistry").GetString());
        Assert.Equal($"urn:credentialledger:status:31337:{JwtTestData.Registry}", status.GetProperty("id").GetString());
    }

    [Fact]
    public void The_payload_has_no_vc_1_1_wrapper_and_no_registered_time_claims()
    {
        using var key = VcJwtSigningKey.Generate();
        var jws = new VcJwtIssuer(key).Sign(JwtTestData.Certificate());

        using var payload = JsonDocument.Parse(JwtTestData.FromB64(JwtTestData.Split(jws).Payload));
        var names = payload.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.DoesNotContain("vc", names);
        Assert.DoesNotContain("iat", names);
        Assert.DoesNotContain("nbf", names);
        Assert.DoesNotContain("exp", names);
    }

    [Fact]
    public void The_payload_is_exactly_the_credential_json_and_is_the_same_every_time()
    {
        using var key = VcJwtSigningKey.Generate();
        var issuer = new VcJwtIssuer(key);
        var certificate = JwtTestData.Certificate();

        var first = JwtTestData.Split(issuer.Sign(certificate));
        var second = JwtTestData.Split(issuer.Sign(certificate));

        Assert.Equal(VcJwt.ToJson(certificate), JwtTestData.FromB64Utf8(first.Payload));
        Assert.Equal(first.Header, second.Header);
        Assert.Equal(first.Payload, second.Payload);
    }

    [Fact]
    public void The_signature_is_64_bytes_r_concatenated_with_s()
    {
        using var key = VcJwtSigningKey.Generate();
        var jws = new VcJwtIssuer(key).Sign(JwtTestData.Certificate());

        Assert.Equal(64, JwtTestData.FromB64(JwtTestData.Split(jws).Signature).Length);
    }

    [Fact]
    public void The_document_hash_is_the_keccak_of_the_ascii_compact_jws()
    {
        using var key = VcJwtSigningKey.Generate();
        var jws = new VcJwtIssuer(key).Sign(JwtTestData.Certificate());

        Assert.Equal(JwtTestData.KeccakHex(Encoding.ASCII.GetBytes(jws)), VcJwt.DocumentHash(jws).ToString());
    }

    [Fact]
    public void An_invalid_certificate_is_not_signed()
    {
        using var key = VcJwtSigningKey.Generate();
        var certificate = JwtTestData.Certificate() with { IssuerMember = "XX" };

        var e = Assert.Throws<AeoCertificateValidationException>(() => new VcJwtIssuer(key).Sign(certificate));
        Assert.Contains(e.Errors, error => error.StartsWith("issuer:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_restored_from_its_private_scalar_has_the_same_id_and_its_tokens_verify_after_the_original_is_disposed()
    {
        var original = VcJwtSigningKey.Generate();
        var scalar = original.ExportPrivateKey();
        var keyId = original.KeyId;
        var publicKey = original.PublicKey;
        var firstToken = new VcJwtIssuer(original).Sign(JwtTestData.Certificate());
        original.Dispose();

        using var restored = VcJwtSigningKey.FromPrivateKey(scalar);
        Assert.Equal(32, scalar.Length);
        Assert.Equal(keyId, restored.KeyId);
        Assert.Equal(publicKey, restored.PublicKey);

        var secondToken = new VcJwtIssuer(restored).Sign(JwtTestData.Certificate());
        var verifier = JwtTestData.VerifierFor(restored);
        Assert.True(verifier.Verify(firstToken).IsValid);
        Assert.True(verifier.Verify(secondToken).IsValid);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void A_private_key_that_is_not_32_bytes_is_refused(int length)
    {
        var e = Assert.Throws<ArgumentException>(() => VcJwtSigningKey.FromPrivateKey(new byte[length]));
        Assert.Contains($"not {length}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_private_scalar_is_refused()
    {
        Assert.Throws<ArgumentException>(() => VcJwtSigningKey.FromPrivateKey(new byte[32]));
    }
}
