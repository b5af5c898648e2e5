using System.Security.Cryptography;
using CredentialLedger.Credentials.Jwt;

namespace CredentialLedger.Credentials.Tests.Jwt;

/// <summary>Correctly signed tokens whose payload is not a valid AEO certificate: the signature is not enough.</summary>
public sealed class VcJwtVerifierPayloadTests : IDisposable
{
    private readonly VcJwtSigningKey _key = VcJwtSigningKey.Generate();
    private readonly ECDsa _ecdsa;
    private readonly VcJwtVerifier _verifier;

    public VcJwtVerifierPayloadTests()
    {
        _ecdsa = JwtTestData.PrivateEcdsa(_key);
        _verifier = JwtTestData.VerifierFor(_key);
    }

    public void Dispose()
    {
        _ecdsa.Dispose();
        _key.Dispose();
    }

    private VcJwtVerification VerifySigned(string payload) =>
        _verifier.Verify(JwtTestData.SignEs256(_ecdsa, JwtTestData.Header(_key.KeyId.ToString()), payload));

    [Fact]
    public void A_signed_certificate_that_fails_validation_is_invalid_but_returned_with_its_errors()
    {
        var result = VerifySigned(JwtTestData.CertificateJson
            .Replace("\"country\":\"KR\"", "\"country\":\"XX\"", StringComparison.Ordinal)
            .Replace("\"reEvaluationDue\":\"2027-06-30\"", "\"reEvaluationDue\":\"2030-01-01\"", StringComparison.Ordinal));

        Assert.False(result.IsValid);
        Assert.NotNull(result.Certificate);
        Assert.Equal("XX", result.Certificate.Subject.Country);
        Assert.Equal(_key.KeyId, result.KeyId);
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.StartsWith("subject.country: 'XX'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("reEvaluationDue:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_signed_vc_1_1_style_payload_with_a_vc_wrapper_is_rejected()
    {
        var result = VerifySigned("{\"vc\":" + JwtTestData.CertificateJson + "}");

        Assert.False(result.IsValid);
        Assert.Null(result.Certificate);
        Assert.StartsWith("payload: @context:", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_payload_with_a_wrong_field_type_is_rejected_with_a_payload_error()
    {
        var result = VerifySigned(JwtTestData.CertificateJson.Replace("\"chainId\":31337", "\"chainId\":\"31337\"", StringComparison.Ordinal));

        Assert.False(result.IsValid);
        Assert.Null(result.Certificate);
        Assert.StartsWith("payload:", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("[1]")]
    [InlineData("{}")]
    public void A_signed_payload_that_is_not_a_credential_object_is_rejected_without_throwing(string payload)
    {
        var result = VerifySigned(payload);

        Assert.False(result.IsValid);
        Assert.Null(result.Certificate);
        Assert.Single(result.Errors);
    }
}
