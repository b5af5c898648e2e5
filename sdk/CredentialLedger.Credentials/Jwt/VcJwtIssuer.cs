using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CredentialLedger.Credentials.Jwt;

/// <summary>
/// Signs AEO certificates as compact JWS with ES256 (Microsoft.IdentityModel), <c>typ: vc+jwt</c> and <c>kid</c> =
/// the key's on-chain id. Thread-safe; the signing credentials and header are built once.
/// </summary>
public sealed class VcJwtIssuer
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;
    private readonly Dictionary<string, object> _header;

    /// <summary>An issuer signing with <paramref name="key"/> (the caller keeps and disposes it).</summary>
    public VcJwtIssuer(VcJwtSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        // Its own provider factory (and cache): the default one is process-wide and keyed by the key's thumbprint, so
        // after this key object is disposed a new one for the same key would get the cached provider of the old one.
        var securityKey = new ECDsaSecurityKey(key.Ecdsa) { KeyId = key.KeyId.ToString(), CryptoProviderFactory = new CryptoProviderFactory() };
        _credentials = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256);
        _header = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtHeaderParameterNames.Typ] = VcJwt.MediaType,
            [JwtHeaderParameterNames.Cty] = "vc",
        };
    }

    /// <summary>The signing key.</summary>
    public VcJwtSigningKey Key { get; }

    /// <summary>Validates and signs <paramref name="certificate"/>.</summary>
    /// <returns>The compact JWS.</returns>
    /// <exception cref="AeoCertificateValidationException">The certificate is invalid; nothing is signed.</exception>
    public string Sign(AeoCertificate certificate)
    {
        AeoCertificateValidator.EnsureValid(certificate);
        return Handler.CreateToken(VcJwt.ToJson(certificate), _credentials, _header);
    }
}
