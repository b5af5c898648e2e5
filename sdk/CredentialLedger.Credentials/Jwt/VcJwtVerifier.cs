using CredentialLedger.Evm;

namespace CredentialLedger.Credentials.Jwt;

/// <summary>The outcome of <see cref="VcJwtVerifier.Verify"/>.</summary>
/// <param name="IsValid">True when the signature, header and payload are all good.</param>
/// <param name="Certificate">The certificate (when the payload parsed).</param>
/// <param name="KeyId">The header's <c>kid</c> (when present and well formed).</param>
/// <param name="Errors">Every reason it is not valid.</param>
public sealed record VcJwtVerification(bool IsValid, AeoCertificate? Certificate, Hash32? KeyId, IReadOnlyList<string> Errors);

/// <summary>
/// Verifies AEO certificate JWS: the <see cref="Es256JwsVerifier"/> checks (ES256 only, <c>typ</c> <c>vc+jwt</c>, a
/// <c>kid</c> that resolves to its registered P-256 key), then the payload as an AEO certificate. Checks the signature
/// and the credential, not time or status: that is the verifier's job at a time t. Never throws on bad input.
/// </summary>
public sealed class VcJwtVerifier
{
    /// <summary>The largest JWS accepted.</summary>
    public const int MaxLength = Es256JwsVerifier.MaxLength;

    private readonly Es256JwsVerifier _jws;

    /// <summary>A verifier that looks keys up with <paramref name="resolvePublicKey"/> (kid → 65-byte key, or null).</summary>
    public VcJwtVerifier(Func<Hash32, byte[]?> resolvePublicKey) => _jws = new Es256JwsVerifier(VcJwt.MediaType, resolvePublicKey);

    /// <summary>Verifies <paramref name="compactJws"/>.</summary>
    public VcJwtVerification Verify(string? compactJws)
    {
        var jws = _jws.Verify(compactJws);
        if (!jws.IsValid)
            return new VcJwtVerification(false, null, jws.KeyId, [jws.Error!]);
        try
        {
            var certificate = VcJwt.FromJson(jws.Payload!);
            var errors = AeoCertificateValidator.Validate(certificate);
            return new VcJwtVerification(errors.Count == 0, certificate, jws.KeyId, errors);
        }
        catch (FormatException e)
        {
            return new VcJwtVerification(false, null, jws.KeyId, [$"payload: {e.Message}"]);
        }
    }
}
