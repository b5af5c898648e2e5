using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using CredentialLedger.Credentials.Jwt;
using Microsoft.IdentityModel.Tokens;

namespace CredentialLedger.Credentials.Tests.Jwt;

/// <summary>The project's JWS checked by other implementations, and a hand-made JWS checked by the project.</summary>
public sealed class VcJwtIndependentVerificationTests
{
    private static TokenValidationParameters Parameters(ECDsa publicKey, string kid) => new()
    {
        IssuerSigningKey = new ECDsaSecurityKey(publicKey) { KeyId = kid },
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidTypes = ["vc+jwt"],
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
        RequireSignedTokens = true,
    };

    [Fact]
    public void System_IdentityModel_Tokens_Jwt_accepts_the_issued_token_under_the_public_key()
    {
        using var key = VcJwtSigningKey.Generate();
        var jws = new VcJwtIssuer(key).Sign(JwtTestData.Certificate());
        using var publicKey = JwtTestData.PublicEcdsa(key.PublicKey);
        var handler = new JwtSecurityTokenHandler { MapInboundClaims = false };

        handler.ValidateToken(jws, Parameters(publicKey, key.KeyId.ToString()), out var token);

        var jwt = Assert.IsType<JwtSecurityToken>(token);
        Assert.Equal("ES256", jwt.Header.Alg);
        Assert.Equal("vc+jwt", jwt.Header.Typ);
        Assert.Equal(key.KeyId.ToString(), jwt.Header.Kid);
        Assert.Equal("urn:credentialledger:member:KR", jwt.Payload["issuer"]);
    }

    [Fact]
    public void System_IdentityModel_Tokens_Jwt_rejects_the_issued_token_under_another_public_key()
    {
        using var key = VcJwtSigningKey.Generate();
        using var other = VcJwtSigningKey.Generate();
        var jws = new VcJwtIssuer(key).Sign(JwtTestData.Certificate());
        using var otherPublicKey = JwtTestData.PublicEcdsa(other.PublicKey);
        var handler = new JwtSecurityTokenHandler { MapInboundClaims = false };

        Assert.ThrowsAny<SecurityTokenInvalidSignatureException>(
            () => handler.ValidateToken(jws, Parameters(otherPublicKey, key.KeyId.ToString()), out _));
    }

    [Fact]
    public void The_signature_verifies_by_hand_as_p1363_ecdsa_p256_sha256_over_the_ascii_signing_input()
    {
        using var key = VcJwtSigningKey.Generate();
        var jws = new VcJwtIssuer(key).Sign(JwtTestData.Certificate());
        var (header, payload, signature) = JwtTestData.Split(jws);
        var signatureBytes = JwtTestData.FromB64(signature);

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportParameters(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = key.PublicKey[1..33], Y = key.PublicKey[33..] },
        });
        var signingInput = Encoding.ASCII.GetBytes(header + "." + payload);

        Assert.Equal(64, signatureBytes.Length);
        Assert.True(ecdsa.VerifyData(signingInput, signatureBytes, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        // The same check fails for any other input, so the assertion above means something.
        signingInput[^1] ^= 1;
        Assert.False(ecdsa.VerifyData(signingInput, signatureBytes, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void The_decoded_header_and_payload_are_plain_utf8_json_readable_without_the_project()
    {
        using var key = VcJwtSigningKey.Generate();
        var (header, payload, _) = JwtTestData.Split(new VcJwtIssuer(key).Sign(JwtTestData.Certificate()));

        Assert.Contains("\"typ\":\"vc+jwt\"", JwtTestData.FromB64Utf8(header), StringComparison.Ordinal);
        Assert.StartsWith("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"", JwtTestData.FromB64Utf8(payload), StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_signed_by_hand_with_dotnet_ecdsa_is_accepted_by_the_project_verifier()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = JwtTestData.UncompressedPublicKey(ecdsa);
        var kid = JwtTestData.KeccakHex(publicKey);
        var jws = JwtTestData.SignEs256(ecdsa, JwtTestData.Header(kid), JwtTestData.CertificateJson);
        var verifier = new VcJwtVerifier(id => id.ToString() == kid ? publicKey : null);

        var result = verifier.Verify(jws);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(kid, result.KeyId?.ToString());
        Assert.Equal(JwtTestData.Certificate(), result.Certificate);
    }

    [Fact]
    public void A_hand_signed_token_is_accepted_under_the_project_key_whose_scalar_signed_it()
    {
        using var key = VcJwtSigningKey.Generate();
        using var ecdsa = JwtTestData.PrivateEcdsa(key);
        var jws = JwtTestData.SignEs256(ecdsa, JwtTestData.Header(key.KeyId.ToString()), JwtTestData.CertificateJson);

        var result = JwtTestData.VerifierFor(key).Verify(jws);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(key.KeyId, result.KeyId);
    }

    [Fact]
    public void A_hand_signed_token_with_the_project_header_including_cty_is_accepted()
    {
        using var key = VcJwtSigningKey.Generate();
        using var ecdsa = JwtTestData.PrivateEcdsa(key);
        var header = $$"""{"alg":"ES256","typ":"vc+jwt","cty":"vc","kid":"{{key.KeyId}}"}""";
        var jws = JwtTestData.SignEs256(ecdsa, header, VcJwt.ToJson(JwtTestData.Certificate()));

        Assert.True(JwtTestData.VerifierFor(key).Verify(jws).IsValid);
    }
}
