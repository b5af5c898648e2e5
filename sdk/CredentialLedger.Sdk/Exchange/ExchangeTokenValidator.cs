using System.Collections.Concurrent;
using System.Text.Json;
using CredentialLedger.Contracts;
using CredentialLedger.Credentials.Jwt;
using CredentialLedger.Sdk.Ledger;

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

    private readonly LedgerHistory _history;
    private readonly MemberCode _self;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private readonly Es256JwsVerifier _jws;
    private long _nextPurge;

    /// <summary>A validator for requests to <paramref name="self"/>'s node.</summary>
    public ExchangeTokenValidator(LedgerHistory history, MemberCode self, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        _history = history;
        _self = self;
        _time = time ?? TimeProvider.System;
        // Only members' own keys speak for a member: a chamber's key resolves to nothing here.
        _jws = new Es256JwsVerifier(ExchangeToken.MediaType, kid => history.GetKey(kid) is { Chamber: null } key ? key.PublicKey : null);
    }

    /// <summary>Checks <paramref name="token"/>; a valid token is used up (one request per token).</summary>
    public ExchangeAccess Validate(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return Deny("no partner token: send 'authorization: Bearer <exchange token>'");
        if (token.Length > MaxLength)
            return Deny($"token longer than {MaxLength} characters");

        // The JWS itself (ES256, typ exchange+jwt, canonical, signed by the key its kid names), then the key's standing.
        var jws = _jws.Verify(token);
        if (jws.KeyId is { } kid && jws.Error is { } error && error.StartsWith("header.kid: no registered", StringComparison.Ordinal))
            return Deny($"header.kid: {kid} is not a member key registered on chain");
        if (!jws.IsValid)
            return Deny(jws.Error!);
        var key = _history.GetKey(jws.KeyId!.Value)!;
        var now = _time.GetUtcNow();
        var nowSeconds = now.ToUnixTimeSeconds();
        if (!key.IsValidAt((ulong)Math.Max(0, nowSeconds)))
            return Deny($"header.kid: key {key.KeyId} of {key.Member} is not valid now (expired, revoked or not yet valid)");

        // The claims.
        string? iss, aud, scope, jti;
        long? iat, exp;
        try
        {
            using var claims = JsonDocument.Parse(jws.Payload!);
            var c = claims.RootElement;
            if (c.ValueKind != JsonValueKind.Object)
                return Deny("payload: not a JSON object of claims");
            (iss, aud, scope, jti) = (Text(c, "iss"), Text(c, "aud"), Text(c, "scope"), Text(c, "jti"));
            (iat, exp) = (Number(c, "iat"), Number(c, "exp"));
        }
        catch (JsonException)
        {
            return Deny("payload: not JSON claims");
        }
        var skew = (long)ExchangeToken.ClockSkew.TotalSeconds;
        if (exp is not { } expiresAt)
            return Deny("exp: required");
        if (expiresAt + skew <= nowSeconds)
            return Deny("exp: the token has expired");
        if (iss != key.Member.ToString())
            return Deny($"iss: must be {key.Member}, the member of the signing key");
        if (aud != _self.ToString())
            return Deny($"aud: must be {_self}, this node's member");
        if (iat is not { } issuedAt || issuedAt > nowSeconds + skew)
            return Deny("iat: required, and not in the future");
        if (expiresAt - issuedAt > (long)ExchangeToken.MaxLifetime.TotalSeconds)
            return Deny($"exp: a token may live at most {ExchangeToken.MaxLifetime.TotalMinutes} minutes");
        if (scope != ExchangeToken.Scope)
            return Deny($"scope: must be {ExchangeToken.Scope}");
        if (jti is not { Length: >= 16 and <= 128 })
            return Deny("jti: required (16 to 128 characters)");
        if (!Remember(jti, expiresAt + skew, nowSeconds))
            return Deny("jti: this token was already used");

        var partner = key.Member;
        if (partner == _self)
            return new ExchangeAccess(false, partner, [], ExchangeDenial.NotPermitted, "a member does not pull its own credentials");
        var mras = _history.MrasInForce(_self, partner, (ulong)Math.Max(0, nowSeconds));
        if (mras.Count == 0)
            return new ExchangeAccess(false, partner, [], ExchangeDenial.NotPermitted,
                $"no MRA between {_self} and {partner} is in force now (or one of them is not a member)");
        return new ExchangeAccess(true, partner, [.. mras.Select(m => m.Mra.Id)], ExchangeDenial.None, null);
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

    private static long? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static ExchangeAccess Deny(string error) => new(false, null, [], ExchangeDenial.Unauthenticated, error);
}
