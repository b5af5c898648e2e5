using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Evm;
using CredentialLedger.Sdk.Ledger;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CredentialLedger.Sdk.Exchange;

/// <summary>The outcome of <see cref="ExchangeTokenValidator.Validate"/>.</summary>
/// <param name="Granted">True when the partner may read this member's credentials now.</param>
/// <param name="Partner">The partner the token speaks for (when the token itself was valid).</param>
/// <param name="MraIds">The MRAs in force between the two that grant the access.</param>
/// <param name="Denial">Why not: <see cref="ExchangeDenial.None"/> when granted.</param>
/// <param name="Error">What exactly failed, for the partner's operator (never secret).</param>
public sealed record ExchangeAccess(bool Granted, MemberCode? Partner, IReadOnlyList<ulong> MraIds, ExchangeDenial Denial, string? Error);

/// <summary>Why an exchange request is refused.</summary>
public enum ExchangeDenial
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>The token is missing, malformed, forged, expired, replayed, or for another node: who calls is unknown.</summary>
    Unauthenticated,

    /// <summary>The caller is known, but no MRA in force covers both members (or it is not a member now).</summary>
    NotPermitted,
}

/// <summary>
/// Checks partner request tokens at an issuer's node against the chain (a <see cref="LedgerHistory"/>): the
/// <c>kid</c> is a member key (not a chamber's) valid now, the signature verifies under it, <c>iss</c> is that key's
/// member, <c>aud</c> is this member, the lifetime is short and current, the <c>jti</c> is new, and an MRA is in force
/// now between the two members. Never throws on bad input. Thread-safe.
/// </summary>
public sealed class ExchangeTokenValidator
{
    /// <summary>The longest token accepted.</summary>
    public const int MaxLength = 8 * 1024;

    private static readonly JsonWebTokenHandler Handler = new();
    private readonly LedgerHistory _history;
    private readonly MemberCode _self;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private long _nextPurge;

    /// <summary>A validator for requests to <paramref name="self"/>'s node.</summary>
    public ExchangeTokenValidator(LedgerHistory history, MemberCode self, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        _history = history;
        _self = self;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Checks <paramref name="token"/>; a valid token is used up (one request per token).</summary>
    public ExchangeAccess Validate(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return Deny("no partner token: send 'authorization: Bearer <exchange token>'");
        if (token.Length > MaxLength)
            return Deny($"token longer than {MaxLength} characters");
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            return Deny("not a compact JWS");

        Hash32 kid;
        try
        {
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0]));
            var h = header.RootElement;
            if (h.ValueKind != JsonValueKind.Object)
                return Deny("header: not a JSON object");
            if (Text(h, "alg") != SecurityAlgorithms.EcdsaSha256)
                return Deny("header.alg: only ES256 is accepted");
            if (Text(h, "typ") != ExchangeToken.MediaType)
                return Deny($"header.typ: must be {ExchangeToken.MediaType}");
            if (h.TryGetProperty("crit", out _))
                return Deny("header.crit: no critical extensions are understood");
            if (!Hash32.TryParse(Text(h, "kid"), out kid))
                return Deny("header.kid: not a 32-byte key id");
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return Deny("header: not base64url JSON");
        }

        var now = _time.GetUtcNow();
        var nowSeconds = (ulong)Math.Max(0, now.ToUnixTimeSeconds());
        if (_history.GetKey(kid) is not { Chamber: null } key)
            return Deny($"header.kid: {kid} is not a member key registered on chain");
        if (!key.IsValidAt(nowSeconds))
            return Deny($"header.kid: key {kid} of {key.Member} is not valid now (expired, revoked or not yet valid)");

        ECDsa ecdsa;
        try
        {
            ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key.PublicKey[1..33], Y = key.PublicKey[33..] },
            });
        }
        catch (CryptographicException)
        {
            return Deny($"header.kid: key {kid} is not a P-256 point");
        }
        using (ecdsa)
        {
            var result = Handler.ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKey = new ECDsaSecurityKey(ecdsa) { KeyId = kid.ToString(), CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } },
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                ValidTypes = [ExchangeToken.MediaType],
                ValidIssuer = key.Member.ToString(),
                ValidAudience = _self.ToString(),
                RequireExpirationTime = true,
                ValidateLifetime = true,
                ClockSkew = ExchangeToken.ClockSkew,
                LifetimeValidator = (notBefore, expires, _, _) => expires is { } exp && exp.ToUniversalTime() > now.UtcDateTime - ExchangeToken.ClockSkew,
                TryAllIssuerSigningKeys = false,
            }).GetAwaiter().GetResult();
            if (!result.IsValid)
                return Deny(result.Exception switch
                {
                    SecurityTokenInvalidSignatureException => "signature: does not verify under the registered key",
                    SecurityTokenInvalidIssuerException => $"iss: must be {key.Member}, the member of the signing key",
                    SecurityTokenInvalidAudienceException => $"aud: must be {_self}, this node's member",
                    SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException => "exp: the token has expired",
                    SecurityTokenNoExpirationException => "exp: required",
                    _ => "token: invalid (" + result.Exception?.GetType().Name + ")",
                });

            var claims = (JsonWebToken)result.SecurityToken;
            var iat = claims.TryGetPayloadValue<long>("iat", out var issuedAt) ? issuedAt : (long?)null;
            var exp = claims.TryGetPayloadValue<long>("exp", out var expiresAt) ? expiresAt : 0;
            if (iat is not { } i || i > now.ToUnixTimeSeconds() + (long)ExchangeToken.ClockSkew.TotalSeconds)
                return Deny("iat: required, and not in the future");
            if (exp - i > (long)ExchangeToken.MaxLifetime.TotalSeconds)
                return Deny($"exp: a token may live at most {ExchangeToken.MaxLifetime.TotalMinutes} minutes");
            if (!claims.TryGetPayloadValue<string>("scope", out var scope) || scope != ExchangeToken.Scope)
                return Deny($"scope: must be {ExchangeToken.Scope}");
            if (!claims.TryGetPayloadValue<string>("jti", out var jti) || jti is not { Length: >= 16 and <= 128 })
                return Deny("jti: required (16 to 128 characters)");
            if (!Remember(jti, exp + (long)ExchangeToken.ClockSkew.TotalSeconds, now.ToUnixTimeSeconds()))
                return Deny("jti: this token was already used");

            var partner = key.Member;
            if (partner == _self)
                return new ExchangeAccess(false, partner, [], ExchangeDenial.NotPermitted, "a member does not pull its own credentials");
            var mras = _history.MrasInForce(_self, partner, nowSeconds);
            if (mras.Count == 0)
                return new ExchangeAccess(false, partner, [], ExchangeDenial.NotPermitted,
                    $"no MRA between {_self} and {partner} is in force now (or one of them is not a member)");
            return new ExchangeAccess(true, partner, [.. mras.Select(m => m.Mra.Id)], ExchangeDenial.None, null);
        }
    }

    /// <summary>
    /// Whether an MRA is still in force now between this member and <paramref name="partner"/>: what an open stream
    /// checks again and again, so access ends when the MRA does.
    /// </summary>
    public bool StillPermitted(MemberCode partner) =>
        _history.MrasInForce(_self, partner, (ulong)Math.Max(0, _time.GetUtcNow().ToUnixTimeSeconds())).Count > 0;

    private bool Remember(string jti, long until, long now)
    {
        if (now >= Interlocked.Read(ref _nextPurge))
        {
            Interlocked.Exchange(ref _nextPurge, now + 60);
            foreach (var (seen, expiry) in _seen)
            {
                if (expiry < now)
                    _seen.TryRemove(seen, out _);
            }
        }
        return _seen.TryAdd(jti, until);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static ExchangeAccess Deny(string error) => new(false, null, [], ExchangeDenial.Unauthenticated, error);
}
