using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using Microsoft.IdentityModel.Tokens;

namespace CredentialLedger.Credentials.Jwt;

/// <summary>The outcome of <see cref="VcJwtVerifier.Verify"/>.</summary>
/// <param name="IsValid">True when the signature, header and payload are all good.</param>
/// <param name="Certificate">The certificate (when the payload parsed).</param>
/// <param name="KeyId">The header's <c>kid</c> (when present and well formed).</param>
/// <param name="Errors">Every reason it is not valid.</param>
public sealed record VcJwtVerification(bool IsValid, AeoCertificate? Certificate, Hash32? KeyId, IReadOnlyList<string> Errors);

/// <summary>
/// Verifies AEO certificate JWS. Only ES256 is accepted (no <c>none</c>, no HMAC, no RSA: a fixed algorithm list
/// closes algorithm confusion); <c>typ</c> must be <c>vc+jwt</c>; <c>kid</c> must resolve to a registered P-256 key.
/// Checks the signature and the credential, not time or status: that is the verifier's job at a time t (issue 5).
/// Never throws on bad input.
/// </summary>
public sealed class VcJwtVerifier
{
    /// <summary>The largest JWS accepted.</summary>
    public const int MaxLength = 64 * 1024;

    private readonly Func<Hash32, byte[]?> _resolve;
    // Only found keys are cached: a kid is keccak of its key, so a found key never changes, while an unknown kid may be
    // registered a moment later and must be looked up again.
    private readonly ConcurrentDictionary<Hash32, P256Key> _keys = new();

    /// <summary>A verifier that looks keys up with <paramref name="resolvePublicKey"/> (kid → 65-byte key, or null).</summary>
    public VcJwtVerifier(Func<Hash32, byte[]?> resolvePublicKey)
    {
        ArgumentNullException.ThrowIfNull(resolvePublicKey);
        _resolve = resolvePublicKey;
    }

    /// <summary>Verifies <paramref name="compactJws"/>.</summary>
    public VcJwtVerification Verify(string? compactJws)
    {
        if (string.IsNullOrEmpty(compactJws))
            return Fail("jws: empty");
        if (compactJws.Length > MaxLength)
            return Fail($"jws: longer than {MaxLength} characters");
        var parts = compactJws.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            return Fail("jws: not a compact JWS (three non-empty base64url parts)");

        Hash32 kid;
        try
        {
            if (!StrictBase64Url.TryDecode(parts[0], out var headerBytes))
                return Fail("header: not base64url JSON");
            using var header = JsonDocument.Parse(headerBytes);
            var h = header.RootElement;
            if (h.ValueKind != JsonValueKind.Object)
                return Fail("header: not a JSON object");
            var alg = h.TryGetProperty("alg", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            if (alg != SecurityAlgorithms.EcdsaSha256)
                return Fail($"header.alg: '{alg}' is not accepted; only ES256");
            var typ = h.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (typ != VcJwt.MediaType)
                return Fail($"header.typ: '{typ}' is not {VcJwt.MediaType}");
            if (h.TryGetProperty("crit", out _))
                return Fail("header.crit: no critical extensions are understood");
            var kidText = h.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            if (!Hash32.TryParse(kidText, out kid))
                return Fail($"header.kid: '{kidText}' is not a 32-byte key id");
        }
        // InvalidOperationException: JsonDocument accepts a string holding bytes that are not UTF-8, GetString throws.
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            return Fail("header: not base64url JSON");
        }

        if (!_keys.TryGetValue(kid, out var key))
        {
            key = ToKey(kid);
            if (key is null)
                return new VcJwtVerification(false, null, kid, ["header.kid: no registered P-256 key has this id"]);
            _keys.TryAdd(kid, key);
        }

        // ES256 straight on the signing input (RFC 7515 §5.2: the ASCII of header '.' payload) with .NET's ECDsa: the
        // header was checked above, so the JWT library would only parse the token a second time.
        if (!StrictBase64Url.TryDecode(parts[2], out var signature))
            return new VcJwtVerification(false, null, kid, ["signature: not canonical base64url"]);
        if (signature.Length != 64)
            return new VcJwtVerification(false, null, kid, [$"signature: {signature.Length} bytes, not the 64 of an ES256 signature"]);
        if (!Ascii.IsValid(compactJws))
            return new VcJwtVerification(false, null, kid, ["jws: not ASCII"]);
        if (!key.Verify(compactJws.AsSpan(0, parts[0].Length + 1 + parts[1].Length), signature))
            return new VcJwtVerification(false, null, kid, ["signature: does not verify under the key"]);

        try
        {
            if (!StrictBase64Url.TryDecode(parts[1], out var payload))
                return new VcJwtVerification(false, null, kid, ["payload: not canonical base64url"]);
            var certificate = VcJwt.FromJson(payload);
            var errors = AeoCertificateValidator.Validate(certificate);
            return new VcJwtVerification(errors.Count == 0, certificate, kid, errors);
        }
        catch (FormatException e)
        {
            return new VcJwtVerification(false, null, kid, [$"payload: {e.Message}"]);
        }
    }

    private P256Key? ToKey(Hash32 kid)
    {
        var publicKey = _resolve(kid);
        // The key must hash to the kid: a resolver that returns another key must not make a signature verify under it.
        if (publicKey is not { Length: 65 } || publicKey[0] != 0x04 || Keccak256.Hash(publicKey) != kid)
            return null;
        return P256Key.TryCreate(publicKey);
    }

    private static VcJwtVerification Fail(string error) => new(false, null, null, [error]);
}
