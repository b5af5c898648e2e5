using System.Security.Cryptography;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CredentialLedger.Sdk.Exchange;

/// <summary>
/// Makes the request tokens a partner presents to an issuer's node to pull its credentials: a compact JWS (ES256,
/// <c>typ: exchange+jwt</c>) signed with the partner's credential-signing key as registered on chain, so the chain is
/// the PKI: <c>kid</c> = the key id, <c>iss</c> = the partner member, <c>aud</c> = the issuer member, a short lifetime
/// and a unique <c>jti</c>. Thread-safe.
/// </summary>
public sealed class ExchangeTokenIssuer : IDisposable
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly ECDsa _ecdsa;
    private readonly SigningCredentials _credentials;
    private readonly Dictionary<string, object> _header;
    private readonly TimeProvider _time;

    /// <summary>An issuer of tokens for <paramref name="partner"/>, signed with <paramref name="key"/>.</summary>
    public ExchangeTokenIssuer(MemberCode partner, VcJwtSigningKey key, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!partner.IsValid)
            throw new ArgumentException("The partner member code is not set.", nameof(partner));
        Partner = partner;
        // Our own ECDsa from the exported scalar: the key object's ECDsa is internal to its assembly.
        var d = key.ExportPrivateKey();
        try
        {
            _ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d,
                Q = new ECPoint { X = key.PublicKey[1..33], Y = key.PublicKey[33..] } });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
        _credentials = new SigningCredentials(
            new ECDsaSecurityKey(_ecdsa) { KeyId = key.KeyId.ToString(), CryptoProviderFactory = new CryptoProviderFactory() },
            SecurityAlgorithms.EcdsaSha256);
        _header = new Dictionary<string, object>(StringComparer.Ordinal) { [JwtHeaderParameterNames.Typ] = ExchangeToken.MediaType };
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The member the tokens speak for.</summary>
    public MemberCode Partner { get; }

    /// <summary>A token for calls to <paramref name="issuer"/>'s node, valid for <paramref name="lifetime"/> (default 2 minutes).</summary>
    public string Create(MemberCode issuer, TimeSpan? lifetime = null)
    {
        var life = lifetime ?? TimeSpan.FromMinutes(2);
        if (life <= TimeSpan.Zero || life > ExchangeToken.MaxLifetime)
            throw new ArgumentOutOfRangeException(nameof(lifetime), life, $"A token lives at most {ExchangeToken.MaxLifetime}.");
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = Partner.ToString(),
            ["aud"] = issuer.ToString(),
            ["iat"] = now,
            ["exp"] = now + (long)life.TotalSeconds,
            ["jti"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            ["scope"] = ExchangeToken.Scope,
        });
        return Handler.CreateToken(payload, _credentials, _header);
    }

    /// <inheritdoc />
    public void Dispose() => _ecdsa.Dispose();
}
