using CredentialLedger.Credentials.Origin;

namespace CredentialLedger.Credentials.Tests.Origin;

/// <summary>Signing and verifying with the project's own signer and verifier.</summary>
public sealed class ECooSignVerifyTests : IDisposable
{
    private readonly OriginTestData.Key _key = new();
    private readonly OriginTestData.Key _other = new();

    public void Dispose()
    {
        _key.Dispose();
        _other.Dispose();
    }

    [Fact]
    public void Signed_certificate_verifies_and_gives_back_the_certificate()
    {
        var certificate = OriginTestData.Certificate();
        var signed = _key.Sign(certificate);

        var result = ECooVerifier.Verify(signed, OriginTestData.Registered(_key));

        Assert.True(result.Valid, string.Join("; ", result.Problems));
        Assert.Empty(result.Problems);
        Assert.Equal(certificate, result.Certificate);
        Assert.Equal(_key.Id, result.KeyId);
        Assert.Equal(OriginTestData.Keccak(signed), result.DocumentHash.ToArray());
        Assert.Equal(result.DocumentHash, ECooDocument.HashOf(signed));
    }
}
